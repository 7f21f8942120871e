package com.textinbox.notify;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.live.store.LiveConnectionStore;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.store.DeviceStore;
import com.textinbox.shared.notifications.store.DigestStore;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.telegram.TelegramBot;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Notification dispatch (N1-N7): one event of NotificationEventsQueue at a time, each becoming
 * center items, emails (or digest items), pushes, live browser messages and Telegram messages for its recipients ({@link Dispatcher}). An
 * event that breaks the contract fails every time and so reaches the DLQ unchanged after the
 * queue's receive count. Wiring: template.yaml, function NotificationDispatcher.
 */
public final class NotificationDispatcher extends SqsBatchHandler {
  private final Dispatcher dispatcher;

  public NotificationDispatcher() {
    this(wire());
  }

  NotificationDispatcher(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  private static Dispatcher wire() {
    DynamoTable table = DynamoTable.fromEnvironment();
    // SES, SNS and the Management API are built by the first email, push or live message, or by
    // priming: an event whose recipients want none of them builds none (decision 69)
    EmailSender email = EmailSender.fromEnvironment();
    Supplier<SnsClient> sns = AwsClients.lazy(SnsClient::builder, "SNS");
    String webApp = Env.require("WEB_APP_BASE_URL");
    List<NotificationChannel> channels = new ArrayList<>(List.of(
        new EmailChannel(email, new DigestStore(table), webApp),
        new PushChannel(sns, new DeviceStore(table)),
        new TelegramChannel(TelegramBot.fromEnvironment(), new UserStore(table), webApp)));
    // blank when the template's LiveNotifications is off (LocalStack community has no WebSocket APIs)
    if (!Env.optional("LIVE_MANAGEMENT_ENDPOINT").orElse("").isBlank()) {
      channels.add(new BrowserChannel(LiveSender.fromEnvironment(new LiveConnectionStore(table, Clock.systemUTC()))));
    }
    return new Dispatcher(table, List.copyOf(channels), Clock.systemUTC());
  }

  /**
   * A customer's text to an account that does not exist: what the sample event carries, of nobody
   * (ids have no '#', so not {@code Priming.KEY}; no id of the product starts with "priming").
   */
  private static final String PRIMING_EVENT = """
      {"eventId": "priming", "type": "message.received", "accountId": "priming-none", "conversationId": "priming-none",
       "customerId": "priming-none", "messageId": "priming-none", "at": "2026-01-01T00:00:00.000Z"}""";

  /**
   * SnapStart priming (docs/decisions.md 46): a notification event parsed, read (nothing found) and
   * built for every channel ({@link Dispatcher#prime}); nothing written or sent.
   */
  @Override
  protected void prime() {
    super.prime();
    dispatcher.prime(NotificationEvent.parse(PRIMING_EVENT));
  }

  /** A message that is not a notification event is a {@code MalformedMessage}: its record fails, for the DLQ. */
  @Override
  protected void process(SqsMessage message) {
    dispatcher.dispatch(NotificationEvent.parse(message.payload()));
  }
}
