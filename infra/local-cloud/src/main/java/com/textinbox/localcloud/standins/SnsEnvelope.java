package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The JSON SNS wraps a notification in: for an SQS subscriber without raw delivery, and inside the
 * event a subscribed function gets (where two field names are spelled differently, as in AWS).
 */
final class SnsEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final URI endpoint;

  /** {@code endpoint} is the stand-in's own, so that the UnsubscribeURL works when someone opens it. */
  SnsEnvelope(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The body an SQS subscriber receives. */
  String forQueue(SnsMessage message, String text, String topicArn, String subscriptionArn) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", message.messageId());
    envelope.put("TopicArn", topicArn);
    if (message.subject() != null) {
      envelope.put("Subject", message.subject());
    }
    envelope.put("Message", text);
    envelope.put("Timestamp", TIMESTAMP.format(message.timestamp()));
    envelope.put("SignatureVersion", "1");
    envelope.put("Signature", signature(message, text));
    envelope.put("SigningCertURL", certificateUrl());
    envelope.put("UnsubscribeURL", unsubscribeUrl(subscriptionArn));
    if (!message.attributes().isEmpty()) {
      envelope.set("MessageAttributes", attributes(message));
    }
    return envelope.toString();
  }

  /** The event a subscribed function is invoked with: one record, Subject null when there is none. */
  String lambdaEvent(SnsMessage message, String text, String topicArn, String subscriptionArn) {
    ObjectNode sns = JSON.createObjectNode();
    sns.put("Type", "Notification");
    sns.put("MessageId", message.messageId());
    sns.put("TopicArn", topicArn);
    sns.put("Subject", message.subject());
    sns.put("Message", text);
    sns.put("Timestamp", TIMESTAMP.format(message.timestamp()));
    sns.put("SignatureVersion", "1");
    sns.put("Signature", signature(message, text));
    sns.put("SigningCertUrl", certificateUrl());
    sns.put("UnsubscribeUrl", unsubscribeUrl(subscriptionArn));
    sns.set("MessageAttributes", attributes(message));
    ObjectNode record = JSON.createObjectNode();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscriptionArn);
    record.set("Sns", sns);
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").add(record);
    return event.toString();
  }

  private static ObjectNode attributes(SnsMessage message) {
    ObjectNode attributes = JSON.createObjectNode();
    message.attributes().forEach((name, attribute) -> {
      ObjectNode value = attributes.putObject(name);
      value.put("Type", attribute.dataType());
      value.put("Value", attribute.value());
    });
    return attributes;
  }

  private String certificateUrl() {
    return endpoint.resolve("/SimpleNotificationService-local.pem").toString();
  }

  private String unsubscribeUrl(String subscriptionArn) {
    return endpoint.resolve("/?Action=Unsubscribe&SubscriptionArn="
        + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8)).toString();
  }

  static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Not a real signature (there is no certificate to check it with): a digest, so it is stable. */
  private static String signature(SnsMessage message, String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((message.messageId() + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
