package com.textinbox.reminders;

import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.messaging.OutboundMessages;
import com.textinbox.shared.messaging.OutboundStores;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The before-an-appointment automation (AP2), every 15 minutes: reads only what is due (GSI4
 * {@code DUE#APPOINTMENTS}, sorted by due time: never a scan), texts each reminder through the send
 * queue ({@link Reminders}) and marks an appointment whose time passed without a confirmation
 * <em>not confirmed</em> (AP1). Reruns and redeliveries text a reminder once: see {@link Reminders}.
 * Wiring: template.yaml, function AppointmentReminders.
 */
public final class AppointmentRemindersHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AppointmentRemindersHandler.class);

  private final Reminders reminders;

  public AppointmentRemindersHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(), SendSmsQueue.fromEnvironment());
  }

  public AppointmentRemindersHandler(DynamoDbClient dynamoDb, String table, Clock clock, SendSmsQueue sendSms) {
    super(clock);
    DynamoTable t = new DynamoTable(dynamoDb, table);
    this.reminders = new Reminders(new AppointmentStore(t), new AccountStore(t),
        new OutboundMessages(OutboundStores.on(t), clock, sendSms));
  }

  @Override
  public Reminders.Summary run(Instant now) {
    Reminders.Summary summary = reminders.run(now);
    LOG.info("appointment reminders at {}: {}", now, summary);
    return summary;
  }
}
