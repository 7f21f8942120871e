package com.textinbox.localcloud.carrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.standins.SentSms;
import com.textinbox.localcloud.standins.SnsStandIn;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.PhoneNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A phone network for the laptop. A person or a test texts the system as a customer (the carrier
 * publishes what AWS End User Messaging publishes for a two-way SMS to the inbound topic), and
 * reads everything the system texted out, each with the delivery receipt the carrier sends back to
 * the carrier-events topic.
 *
 * <p>Test numbers: any number whose last seven digits are 555-0190 to 555-0194 fails as a real
 * network would (see {@link Outcome}); every other valid number is delivered.
 */
public final class LocalCarrier implements AutoCloseable {
  /** What happens to an SMS sent to a number, by its last four digits. */
  public enum Outcome {
    DELIVERED("TEXT_DELIVERED", "DELIVERED", "Delivered to the handset"),
    LANDLINE("TEXT_UNREACHABLE", "UNREACHABLE", "Landline: the number cannot receive SMS"),
    INVALID("TEXT_INVALID", "INVALID", "Invalid phone number"),
    DEACTIVATED("TEXT_CARRIER_UNREACHABLE", "CARRIER_UNREACHABLE", "Number deactivated by the carrier"),
    BLOCKED("TEXT_CARRIER_BLOCKED", "CARRIER_BLOCKED", "Blocked by the carrier"),
    NO_RECEIPT(null, null, "No receipt ever comes back");

    final String eventType;
    final String status;
    final String description;

    Outcome(String eventType, String status, String description) {
      this.eventType = eventType;
      this.status = status;
      this.description = description;
    }

    public static Outcome forNumber(String e164) {
      if (e164 == null || e164.length() < 8 || !e164.substring(e164.length() - 7, e164.length() - 1).equals("555019")) {
        return DELIVERED;
      }
      return switch (e164.charAt(e164.length() - 1)) {
        case '0' -> LANDLINE;
        case '1' -> INVALID;
        case '2' -> DEACTIVATED;
        case '3' -> BLOCKED;
        case '4' -> NO_RECEIPT;
        default -> DELIVERED;
      };
    }
  }

  /** One SMS the system sent, as the outbox shows it. */
  public record OutboxEntry(String messageId, String from, String to, String body, Instant sentAt,
      Map<String, String> attributes, String status, String reason, Instant receiptAt) {}

  private final SnsStandIn sns;
  private final String inboundTopicArn;
  private final String eventsTopicArn;
  private final long receiptDelayMillis;
  private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
  private final List<Map<String, Object>> textedIn = new ArrayList<>();
  private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "carrier-receipts");
    t.setDaemon(true);
    return t;
  });

  public LocalCarrier(SnsStandIn sns, String inboundTopicArn, String eventsTopicArn, long receiptDelayMillis) {
    this.sns = sns;
    this.inboundTopicArn = inboundTopicArn;
    this.eventsTopicArn = eventsTopicArn;
    this.receiptDelayMillis = receiptDelayMillis;
    sns.onSms(this::sent);
  }

  /** Texts the system: {@code from} a customer's phone {@code to} a company number. Returns the carrier's message id. */
  public String textIn(String from, String to, String body) {
    String origination = PhoneNumbers.toE164(from, "US")
        .orElseThrow(() -> new IllegalArgumentException("'from' is not a valid phone number: " + from));
    String destination = PhoneNumbers.toE164(to, "US")
        .orElseThrow(() -> new IllegalArgumentException("'to' is not a valid phone number: " + to));
    if (body == null) {
      throw new IllegalArgumentException("'body' is required");
    }
    String id = UUID.randomUUID().toString();
    ObjectNode payload = Json.object();
    payload.put("originationNumber", origination);
    payload.put("destinationNumber", destination);
    payload.put("messageKeyword", "KEYWORD_" + LocalResources.ACCOUNT);
    payload.put("messageBody", body);
    payload.put("inboundMessageId", id);
    payload.put("previousPublishedMessageId", UUID.randomUUID().toString());
    publishRaw(Json.write(payload));
    synchronized (textedIn) {
      textedIn.add(Map.of("inboundMessageId", id, "from", origination, "to", destination, "body", body,
          "at", Instant.now().toString()));
    }
    return id;
  }

  /** Publishes any payload to the inbound topic, as a broken or hostile carrier might. */
  public String publishRaw(String payload) {
    return sns.publish(inboundTopicArn, payload, Map.of());
  }

  /** What was texted in through {@link #textIn}, oldest first. */
  public List<Map<String, Object>> textedIn() {
    synchronized (textedIn) {
      return List.copyOf(textedIn);
    }
  }

  public List<OutboxEntry> outbox() {
    synchronized (outbox) {
      return List.copyOf(outbox.values());
    }
  }

  private void sent(SentSms sms) {
    Outcome outcome = Outcome.forNumber(sms.destinationNumber());
    OutboxEntry entry = new OutboxEntry(sms.messageId(), sms.originationNumber(), sms.destinationNumber(), sms.body(),
        sms.sentAt(), sms.attributes(), "SENT", null, null);
    synchronized (outbox) {
      outbox.put(sms.messageId(), entry);
    }
    if (outcome != Outcome.NO_RECEIPT) {
      receipts.schedule(() -> receipt(entry, outcome), receiptDelayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void receipt(OutboxEntry entry, Outcome outcome) {
    Instant now = Instant.now();
    ObjectNode event = Json.object();
    event.put("eventType", outcome.eventType);
    event.put("eventVersion", "1.0");
    event.put("eventTimestamp", now.toEpochMilli());
    event.put("isFinal", true);
    event.put("originationPhoneNumber", entry.from());
    event.put("destinationPhoneNumber", entry.to());
    event.put("isoCountryCode", "CA");
    event.put("messageId", entry.messageId());
    event.put("messageRequestTimestamp", entry.sentAt().toEpochMilli());
    event.put("messageEncoding", "GSM");
    event.put("messageType", "TRANSACTIONAL");
    event.put("messageStatus", outcome.status);
    event.put("messageStatusDescription", outcome.description);
    event.put("totalMessageParts", 1);
    event.put("totalMessagePrice", 0.00581);
    event.put("totalCarrierFee", 0.0);
    if (eventsTopicArn != null) {
      sns.publish(eventsTopicArn, Json.write(event), Map.of());
    }
    synchronized (outbox) {
      outbox.put(entry.messageId(), new OutboxEntry(entry.messageId(), entry.from(), entry.to(), entry.body(), entry.sentAt(),
          entry.attributes(), outcome.status, outcome == Outcome.DELIVERED ? null : outcome.description, now));
    }
  }

  public Optional<OutboxEntry> find(String messageId) {
    synchronized (outbox) {
      return Optional.ofNullable(outbox.get(messageId));
    }
  }

  @Override
  public void close() {
    receipts.shutdownNow();
  }
}
