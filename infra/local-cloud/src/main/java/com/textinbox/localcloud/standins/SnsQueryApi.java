package com.textinbox.localcloud.standins;

import static com.textinbox.localcloud.standins.QueryProtocol.entries;
import static com.textinbox.localcloud.standins.QueryProtocol.required;

import com.textinbox.localcloud.standins.SnsTopics.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** SNS's Query actions: reads each action's parameters, does it, and writes its Result element. */
final class SnsQueryApi implements QueryProtocol.Actions {
  static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
  private static final int PAGE_SIZE = 100;
  private static final int MAX_BATCH = 10;
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final SnsTopics topics;
  private final SnsPlatformEndpoints platform;
  private final SnsOutbox outbox;
  private final SnsFanOut fanOut;
  private final AtomicLong sequence = new AtomicLong(10_000_000_000L);

  SnsQueryApi(SnsTopics topics, SnsPlatformEndpoints platform, SnsOutbox outbox, SnsFanOut fanOut) {
    this.topics = topics;
    this.platform = platform;
    this.outbox = outbox;
    this.fanOut = fanOut;
  }

  @Override
  public String run(String action, Map<String, String> p) {
    if (action == null) {
      throw QueryProtocol.invalidAction(null);
    }
    return switch (action) {
      case "CreateTopic" -> new Xml().element("TopicArn",
          topics.create(required(p, "Name"), entries(p, "Attributes"))).toString();
      case "ListTopics" -> listTopics(p.get("NextToken"));
      case "DeleteTopic" -> {
        topics.delete(required(p, "TopicArn"));
        yield null;
      }
      case "GetTopicAttributes" ->
          new Xml().entries("Attributes", topics.attributes(required(p, "TopicArn"))).toString();
      case "SetTopicAttributes" -> {
        topics.setAttribute(required(p, "TopicArn"), required(p, "AttributeName"), p.get("AttributeValue"));
        yield null;
      }
      case "Subscribe" -> new Xml().element("SubscriptionArn", topics.subscribe(required(p, "TopicArn"),
          required(p, "Protocol"), p.get("Endpoint"), entries(p, "Attributes")).arn()).toString();
      case "Unsubscribe" -> {
        topics.unsubscribe(required(p, "SubscriptionArn"));
        yield null;
      }
      case "ListSubscriptions" -> listSubscriptions(topics.subscriptions(), p.get("NextToken"));
      case "ListSubscriptionsByTopic" ->
          listSubscriptions(topics.subscriptions(required(p, "TopicArn")), p.get("NextToken"));
      case "GetSubscriptionAttributes" ->
          new Xml().entries("Attributes", topics.subscriptionAttributes(required(p, "SubscriptionArn"))).toString();
      case "SetSubscriptionAttributes" -> {
        topics.setSubscriptionAttribute(required(p, "SubscriptionArn"), required(p, "AttributeName"),
            p.get("AttributeValue"));
        yield null;
      }
      case "Publish" -> publish(p);
      case "PublishBatch" -> publishBatch(required(p, "TopicArn"),
          QueryProtocol.memberStructures(p, "PublishBatchRequestEntries"));
      case "CreatePlatformApplication" -> new Xml().element("PlatformApplicationArn", platform.createApplication(
          required(p, "Name"), required(p, "Platform"), entries(p, "Attributes"))).toString();
      case "CreatePlatformEndpoint" -> new Xml().element("EndpointArn", platform.createEndpoint(
          required(p, "PlatformApplicationArn"), required(p, "Token"), p.get("CustomUserData"),
          entries(p, "Attributes"))).toString();
      case "DeleteEndpoint" -> {
        platform.deleteEndpoint(required(p, "EndpointArn"));
        yield null;
      }
      case "GetEndpointAttributes" ->
          new Xml().entries("Attributes", platform.endpoint(required(p, "EndpointArn")).attributes()).toString();
      case "SetEndpointAttributes" -> {
        platform.setEndpointAttributes(required(p, "EndpointArn"), entries(p, "Attributes"));
        yield null;
      }
      case "CheckIfPhoneNumberIsOptedOut" -> {
        if (!SnsOutbox.isE164(required(p, "phoneNumber"))) {
          throw SnsMessage.invalidParameter("PhoneNumber");
        }
        // nobody opts out on a laptop
        yield new Xml().element("isOptedOut", false).toString();
      }
      default -> throw QueryProtocol.invalidAction(action);
    };
  }

  /** FIFO topics number their messages: 20 digits, increasing. */
  private String nextSequenceNumber() {
    return String.format("%020d", sequence.incrementAndGet());
  }

  private String publish(Map<String, String> p) {
    String topicArn = p.get("TopicArn");
    String targetArn = p.get("TargetArn");
    String phoneNumber = p.get("PhoneNumber");
    int targets = (topicArn != null ? 1 : 0) + (targetArn != null ? 1 : 0) + (phoneNumber != null ? 1 : 0);
    if (targets == 0) {
      throw SnsMessage.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (targets > 1) {
      throw SnsMessage.invalidParameter("TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn "
          + "or PhoneNumber may be given");
    }
    SnsMessage message = SnsMessage.fromQuery(p);
    if (phoneNumber != null) {
      SnsOutbox.checkPhoneNumber(phoneNumber);
      message.requireDefault();
      outbox.sendSms(message.messageId(), phoneNumber, message.textFor("sms"), message.stringAttributes());
      return new Xml().element("MessageId", message.messageId()).toString();
    }
    if (targetArn != null && targetArn.contains(":endpoint/")) {
      outbox.sendPush(message.messageId(), platform.pushTarget(targetArn), message.message());
      return new Xml().element("MessageId", message.messageId()).toString();
    }
    // SNS takes a topic as TargetArn too
    String arn = topicArn != null ? topicArn : targetArn;
    return new Xml().element("MessageId", publishToTopic(arn, message))
        .element("SequenceNumber", topics.topic(arn).fifo() ? nextSequenceNumber() : null).toString();
  }

  String publishToTopic(String topicArn, SnsMessage message) {
    checkOrdering(topics.topic(topicArn), message);
    message.requireDefault();
    fanOut.deliver(message, topicArn, topics.subscriptions(topicArn));
    return message.messageId();
  }

  /** A FIFO topic needs a group, and a deduplication id unless it deduplicates by content. */
  private static void checkOrdering(SnsTopics.Topic topic, SnsMessage message) {
    if (!topic.fifo()) {
      if (message.deduplicationId() != null) {
        throw SnsMessage.invalidParameter("MessageDeduplicationId Reason: The request includes "
            + "MessageDeduplicationId parameter that is not valid for this topic type");
      }
      return;
    }
    if (message.messageGroupId() == null) {
      throw SnsMessage.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
    }
    if (message.deduplicationId() == null && !topic.contentBasedDeduplication()) {
      throw SnsMessage.invalidParameter("The topic should either have ContentBasedDeduplication enabled or "
          + "MessageDeduplicationId provided explicitly");
    }
  }

  /** The whole batch is refused when one entry is malformed, as SNS does. */
  private String publishBatch(String topicArn, List<Map<String, String>> entries) {
    SnsTopics.Topic topic = topics.topic(topicArn);
    if (entries.isEmpty()) {
      throw ServiceError.badRequest("EmptyBatchRequest", "The batch request doesn't contain any entries.");
    }
    if (entries.size() > MAX_BATCH) {
      throw ServiceError.badRequest("TooManyEntriesInBatchRequest",
          "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    List<SnsMessage> messages = new ArrayList<>();
    long totalBytes = 0;
    for (Map<String, String> entry : entries) {
      String id = entry.get("Id");
      if (id == null || !BATCH_ID.matcher(id).matches()) {
        throw ServiceError.badRequest("InvalidBatchEntryId",
            "The Id of a batch entry in a batch request doesn't abide by the specification.");
      }
      if (!ids.add(id)) {
        throw ServiceError.badRequest("BatchEntryIdsNotDistinct",
            "Two or more batch entries in the request have the same Id.");
      }
      SnsMessage message = SnsMessage.fromQuery(entry).requireDefault();
      checkOrdering(topic, message);
      totalBytes += message.message().getBytes(StandardCharsets.UTF_8).length;
      messages.add(message);
    }
    if (totalBytes > SnsMessage.MAX_BYTES) {
      throw ServiceError.badRequest("BatchRequestTooLong",
          "The length of all the messages put together is more than the limit.");
    }
    Xml xml = new Xml().open("Successful");
    for (int i = 0; i < messages.size(); i++) {
      fanOut.deliver(messages.get(i), topicArn, topics.subscriptions(topicArn));
      xml.open("member").element("Id", entries.get(i).get("Id"))
          .element("MessageId", messages.get(i).messageId())
          .element("SequenceNumber", topic.fifo() ? nextSequenceNumber() : null).close("member");
    }
    return xml.close("Successful").open("Failed").close("Failed").toString();
  }

  private String listTopics(String nextToken) {
    List<String> arns = topics.arns();
    int from = pageStart(nextToken, arns.size());
    int to = Math.min(arns.size(), from + PAGE_SIZE);
    Xml xml = new Xml().open("Topics");
    arns.subList(from, to).forEach(arn -> xml.open("member").element("TopicArn", arn).close("member"));
    return xml.close("Topics").element("NextToken", to < arns.size() ? Integer.toString(to) : null).toString();
  }

  private String listSubscriptions(List<Subscription> subscriptions, String nextToken) {
    int from = pageStart(nextToken, subscriptions.size());
    int to = Math.min(subscriptions.size(), from + PAGE_SIZE);
    Xml xml = new Xml().open("Subscriptions");
    for (Subscription s : subscriptions.subList(from, to)) {
      xml.open("member").element("SubscriptionArn", s.arn()).element("Owner", topics.accountId())
          .element("Protocol", s.protocol()).element("Endpoint", s.endpoint()).element("TopicArn", s.topicArn())
          .close("member");
    }
    return xml.close("Subscriptions")
        .element("NextToken", to < subscriptions.size() ? Integer.toString(to) : null).toString();
  }

  /** Our NextToken is the index of the page's first item. */
  private static int pageStart(String nextToken, int size) {
    if (nextToken == null || nextToken.isEmpty()) {
      return 0;
    }
    try {
      int start = Integer.parseInt(nextToken);
      if (start >= 0 && start <= size) {
        return start;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw SnsMessage.invalidParameter("NextToken");
  }
}
