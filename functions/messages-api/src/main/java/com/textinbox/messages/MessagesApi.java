package com.textinbox.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.TimelineEntryView;
import com.textinbox.shared.conversations.store.MessageStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.MessageTemplate;
import com.textinbox.shared.messaging.OutboundMessages;
import com.textinbox.shared.messaging.OutboundStores;
import com.textinbox.shared.messaging.SendKey;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.messaging.store.SendKeyStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Outbound messages (C2, C7, C9, C10, C11): {@code POST /conversations/{conversationId}/messages},
 * {@code POST /customers/{customerId}/messages} and {@code POST /appointments/{appointmentId}/messages}.
 *
 * <p>Placeholders ({@code {{firstName}}}, {@code {{attributes.vehicle}}}: P3) are filled from the
 * customer's profile before anything is stored ({@link MessageTemplate}).
 *
 * <p>Anyone of the company but free users may reply in any conversation; the conversation stays
 * with its assignee. What the customer receives is {@link com.textinbox.shared.messaging.OutgoingSms}
 * (the sender's first name, the STOP notice on the first message ever); the message is stored
 * QUEUED and its command sent by {@link OutboundMessages}. Answers are the timeline entry's one
 * shape ({@link TimelineEntryView}).
 *
 * <p>Requests per send (user source): 3 GetItem (conversation, profile, sender) + 1
 * TransactWriteItems (message, conversation, profile on a first message) + 1 SQS SendMessage.
 *
 * <p>An {@code Idempotency-Key} header (decision 74, {@link SendKey}) makes a client's retry safe:
 * the key is looked up first (1 GetItem more); a key this user sent within a day answers 202 with
 * that message as it is now (nothing stored or texted again), or 422 when the request differs; a
 * new key is written in the message's transaction. Two requests with one key at once: one
 * transaction fails on the key and its request answers with the other's message.
 */
public final class MessagesApi extends ApiHandler {
  static final Set<String> SOURCE_TYPES = Set.of("user", "automation", "campaign", "appointment", "api");

  static final String SOURCE_APPOINTMENT = "appointment";

  private final OutboundMessages outbound;
  private final AppointmentStore appointments;
  private final SendKeyStore sendKeys;
  private final MessageStore messages;
  private final Clock clock;

  public MessagesApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(), SendSmsQueue.fromEnvironment());
  }

  public MessagesApi(DynamoDbClient dynamoDb, String tableName, Clock clock, SendSmsQueue commands) {
    this.outbound = new OutboundMessages(OutboundStores.on(new DynamoTable(dynamoDb, tableName)), clock, commands);
    route("POST", "/conversations/{conversationId}/messages", this::send);
    route("POST", "/customers/{customerId}/messages", this::startConversation);
    route("POST", "/appointments/{appointmentId}/messages", this::aboutAppointment);
    this.appointments = new AppointmentStore(outbound.stores().table());
    this.sendKeys = new SendKeyStore(outbound.stores().table());
    this.messages = new MessageStore(outbound.stores().table());
    this.clock = clock;
  }

  /**
   * C9: texts the appointment's customer in their conversation (opened if they have none), with
   * source {@code appointment} and the appointment's id (C7); the message links the appointment,
   * and the appointment's view links the conversation.
   */
  private ApiResponse aboutAppointment(ApiRequest request) {
    String accountId = request.caller().accountId();
    String appointmentId = request.pathParameter("appointmentId");
    Appointment appointment = (appointmentId == null || appointmentId.length() > 64 ? null
        : appointments.find(accountId, appointmentId).orElse(null));
    if (appointment == null) {
      throw ApiError.notFound("The appointment");
    }
    OutboundMessages.Outgoing typed = outgoing(request);
    return once(request, "appointment", appointmentId, key -> {
      if (request.json().has("source")) {
        throw ApiError.invalid("source", "A message about an appointment has the appointment as its source; leave 'source' out.");
      }
      CustomerProfile profile = outbound.stores().customers().find(accountId, appointment.customerId())
          .orElseThrow(() -> ApiError.notFound("The appointment's customer"));
      refuseUntextable(profile);
      OutboundMessages.Outgoing outgoing = filled(new OutboundMessages.Outgoing(typed.body(),
          new Message.Source(SOURCE_APPOINTMENT, appointment.appointmentId())), profile);
      OutboundMessages.Recipient recipient = outbound.activeConversation(request.caller(), profile);
      return queueOnce(request.caller(), key, outgoing, recipient.conversation(), recipient.profile());
    });
  }

  private ApiResponse send(ApiRequest request) {
    String accountId = request.caller().accountId();
    // first the conversation: another company's id is a 404 whatever the body
    Conversation conversation = outbound.stores().conversations().find(accountId, request.pathParameter("conversationId"))
        .orElseThrow(() -> ApiError.notFound("The conversation"));
    OutboundMessages.Outgoing outgoing = outgoing(request);
    return once(request, "conversation", conversation.conversationId(), key -> {
      CustomerProfile profile = conversation.customerId() == null ? null
          : outbound.stores().customers().find(accountId, conversation.customerId()).orElse(null);
      if (profile == null) {
        throw ApiError.notFound("The conversation's customer");
      }
      refuseUntextable(profile);
      return queueOnce(request.caller(), key, filled(outgoing, profile), conversation, profile);
    });
  }

  /**
   * Texts a customer in their active conversation, and opens one for a customer who has none
   * (a customer imported, or created by staff, who never texted). The new conversation is open and
   * unassigned, like one a customer's first text opens.
   */
  private ApiResponse startConversation(ApiRequest request) {
    String accountId = request.caller().accountId();
    // first the customer: another company's id is a 404 whatever the body
    CustomerProfile profile = outbound.stores().customers().find(accountId, request.pathParameter("customerId"))
        .orElseThrow(() -> ApiError.notFound("The customer"));
    OutboundMessages.Outgoing typed = outgoing(request);
    return once(request, "customer", profile.customerId(), key -> {
      refuseUntextable(profile);   // before opening a conversation that could never be used
      OutboundMessages.Outgoing outgoing = filled(typed, profile);   // a missing placeholder too
      OutboundMessages.Recipient recipient = outbound.activeConversation(request.caller(), profile);
      return queueOnce(request.caller(), key, outgoing, recipient.conversation(), recipient.profile());
    });
  }

  /**
   * The request's Idempotency-Key (null without one), fingerprinted with what it sends to and its
   * body: a key this user already sent a message with answers with that message; else {@code send}.
   */
  private ApiResponse once(ApiRequest request, String route, String target, Function<SendKey, ApiResponse> send) {
    SendKey key = SendKey.of(request.header(SendKey.HEADER), route, target, () -> Json.write(request.json()));
    return sentBefore(request.caller(), key).orElseGet(() -> send.apply(key));
  }

  /**
   * The answer to a request whose key this user already sent a message with: that message as it is
   * now (202), or 422 when the key came with another request. Empty for a new key, or none.
   */
  private Optional<ApiResponse> sentBefore(Caller caller, SendKey key) {
    if (key == null) {
      return Optional.empty();
    }
    return sendKeys.find(caller.accountId(), caller.userId(), key.value(), clock.instant()).map(sent -> {
      key.requireSameRequestAs(sent.fingerprint());
      // written in one transaction with its key: missing only once its customer was deleted (P5)
      Message message = messages.find(caller.accountId(), sent.conversationId(), sent.timelineSk())
          .orElseThrow(() -> ApiError.notFound("The message sent with this Idempotency-Key"));
      return answer(message);
    });
  }

  /** The message queued, with its key when the request has one; beaten to the key by a twin request: the twin's message. */
  private ApiResponse queueOnce(Caller caller, SendKey key, OutboundMessages.Outgoing outgoing, Conversation conversation,
      CustomerProfile profile) {
    if (key == null) {
      return answer(outbound.queue(caller, outgoing, conversation, profile));
    }
    try {
      return answer(outbound.queue(caller, outgoing, conversation, profile,
          message -> List.of(sendKeys.claimWrite(caller.accountId(), caller.userId(), key, message, clock.instant()))));
    } catch (TransactionCancelled twin) {
      return sentBefore(caller, key).orElseThrow(() -> twin);
    }
  }

  private static ApiResponse answer(Message message) {
    return ApiResponse.accepted(TimelineEntryView.message(message));
  }

  /**
   * The body with its placeholders filled from the customer's profile (P3), so that what is stored
   * is what is texted; a placeholder with no value is a 400 listing them ({@link MessageTemplate}).
   */
  private static OutboundMessages.Outgoing filled(OutboundMessages.Outgoing outgoing, CustomerProfile profile) {
    if (!MessageTemplate.hasPlaceholders(outgoing.body())) {
      return outgoing;
    }
    return new OutboundMessages.Outgoing(MessageTemplate.render(outgoing.body(), MessageTemplate.values(profile)),
        outgoing.source());
  }

  /** Unsubscribed (409) or without a mobile (422): never texted. */
  private static void refuseUntextable(CustomerProfile profile) {
    if (!SubscriptionRule.mayText(profile.subscribed(), null)) {
      throw new ApiError(409, "unsubscribed",
          "This customer is unsubscribed (they texted STOP, or staff unsubscribed them); only they can resubscribe, by texting START.", null);
    }
    if (profile.mobile() == null) {
      throw new ApiError(422, "no_mobile",
          "This customer has no mobile number, so they cannot be texted; staff can still leave an internal note.", null);
    }
  }

  /** The body and source of the request, validated (400 with the field at fault). */
  private static OutboundMessages.Outgoing outgoing(ApiRequest request) {
    JsonNode json = request.json();
    JsonNode bodyNode = json.get("body");
    if (bodyNode != null && !bodyNode.isNull() && !bodyNode.isTextual()) {
      throw ApiError.invalid("body", "The field 'body' must be text.");
    }
    String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.asText();
    if (body.isBlank()) {
      throw new ApiError(400, "empty_body", "The message is empty: write something to send.", "body");
    }
    String sourceType = Message.Source.USER;
    String sourceId = request.caller().userId();
    JsonNode source = json.get("source");
    if (source != null && !source.isNull()) {
      if (!source.isObject()) {
        throw ApiError.invalid("source", "The field 'source' must be an object {\"type\", \"id\"}.");
      }
      String type = Json.text(source, "type");
      if (type != null) {
        type = type.toLowerCase(Locale.ROOT);
        if (!SOURCE_TYPES.contains(type)) {
          throw ApiError.invalid("source.type", "The source type must be one of user, automation, campaign, appointment, api.");
        }
        sourceType = type;
      }
      String id = Json.text(source, "id");
      if (Message.Source.USER.equals(sourceType)) {
        if (id != null && !id.equals(request.caller().userId())) {
          throw ApiError.invalid("source.id", "A message from a user is sent in the caller's own name.");
        }
      } else {
        sourceId = id;
      }
    }
    return new OutboundMessages.Outgoing(body, new Message.Source(sourceType, sourceId));
  }
}
