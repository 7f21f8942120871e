package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What SNS accepts in a subscription: its protocol, its endpoint and its attributes. */
final class SnsSubscriptionRules {
  private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?");
  private static final Pattern LAMBDA_ARN =
      Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9$_-]+)?");
  private static final Set<String> PROTOCOLS =
      Set.of("http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose");
  /** The protocols this stand-in delivers to; the others would silently lose messages, so they are refused. */
  private static final Set<String> DELIVERED = Set.of("sqs", "lambda", "sms", "application");
  private static final Set<String> SUBSCRIPTION_ATTRIBUTES = Set.of("DeliveryPolicy", "FilterPolicy",
      "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnsSubscriptionRules() {}

  /** Checks a new subscription of {@code topic}; a refused one is an InvalidParameter, as in SNS. */
  static void checkNew(SnsTopics.Topic topic, String protocol, String endpoint, Map<String, String> attributes) {
    if (protocol == null || !PROTOCOLS.contains(protocol)) {
      throw SnsMessage.invalidParameter("Amazon SNS does not support this protocol string: " + protocol);
    }
    if (!DELIVERED.contains(protocol)) {
      throw SnsMessage.invalidParameter("Protocol Reason: the local SNS stand-in does not deliver to " + protocol
          + " endpoints (it delivers to sqs, lambda, sms and application)");
    }
    checkEndpoint(protocol, endpoint);
    if (protocol.equals("sqs") && endpoint.endsWith(".fifo") && !topic.fifo()) {
      throw SnsMessage.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to "
          + "standard SNS topics");
    }
    attributes.forEach((name, value) -> checkAttribute(protocol, name, value));
  }

  private static void checkEndpoint(String protocol, String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw SnsMessage.invalidParameter("Endpoint");
    }
    switch (protocol) {
      case "sqs" -> {
        if (!SQS_ARN.matcher(endpoint).matches()) {
          throw SnsMessage.invalidParameter("SQS endpoint ARN");
        }
      }
      case "lambda" -> {
        if (!LAMBDA_ARN.matcher(endpoint).matches()) {
          throw SnsMessage.invalidParameter("Lambda endpoint ARN");
        }
      }
      case "sms" -> {
        if (!SnsOutbox.isE164(endpoint)) {
          throw SnsMessage.invalidParameter("SMS endpoint");
        }
      }
      case "application" -> {
        if (!endpoint.startsWith("arn:") || !endpoint.contains(":endpoint/")) {
          throw SnsMessage.invalidParameter("ApplicationEndpoint ARN");
        }
      }
      default -> throw new IllegalStateException(protocol);
    }
  }

  static void checkAttribute(String protocol, String name, String value) {
    if (!SUBSCRIPTION_ATTRIBUTES.contains(name)) {
      throw SnsMessage.invalidParameter("AttributeName");
    }
    switch (name) {
      case "RawMessageDelivery" -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw SnsMessage.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value [" + value
              + "]. Must be true or false.");
        }
        if (value.equalsIgnoreCase("true") && !protocol.equals("sqs")) {
          throw SnsMessage.invalidParameter("Attributes Reason: Delivery protocol [" + protocol
              + "] does not support raw message delivery.");
        }
      }
      case "FilterPolicy" -> {
        if (!value.isEmpty()) {
          SnsFilterPolicy.parse(value);
        }
      }
      case "FilterPolicyScope" -> {
        if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
          throw SnsMessage.invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + value
              + "]. Please use either MessageBody or MessageAttributes");
        }
      }
      default -> checkJsonIfAny(name, value);
    }
  }

  private static void checkJsonIfAny(String name, String value) {
    if (name.endsWith("Policy") && !value.isEmpty()) {
      try {
        JsonNode node = JSON.readTree(value);
        if (node == null || !node.isObject()) {
          throw SnsMessage.invalidParameter(name + ": failed to parse JSON.");
        }
      } catch (JsonProcessingException e) {
        throw SnsMessage.invalidParameter(name + ": failed to parse JSON.");
      }
    }
  }

  static String normalise(String name, String value) {
    return name.equals("RawMessageDelivery") ? value.toLowerCase(Locale.ROOT) : value;
  }
}
