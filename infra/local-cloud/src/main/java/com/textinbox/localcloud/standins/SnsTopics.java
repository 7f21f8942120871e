package com.textinbox.localcloud.standins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The topics and their subscriptions. Records are immutable snapshots, replaced on change, so a
 * fan-out can read them without holding the lock.
 */
final class SnsTopics {
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  record Topic(String arn, String name, Map<String, String> attributes) {
    boolean fifo() {
      return name.endsWith(".fifo");
    }

    boolean contentBasedDeduplication() {
      return "true".equalsIgnoreCase(attributes.get("ContentBasedDeduplication"));
    }
  }

  record Subscription(String arn, String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    boolean rawDelivery() {
      return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }
  }

  private final String region;
  private final String accountId;
  private final Map<String, Topic> topics = new LinkedHashMap<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

  SnsTopics(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  /** Creates a topic, or gives the existing one of that name when its attributes agree. */
  synchronized String create(String name, Map<String, String> attributes) {
    if (name == null || !TOPIC_NAME.matcher(name).matches()) {
      throw SnsMessage.invalidParameter("Topic Name");
    }
    boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    if (fifo != name.endsWith(".fifo")) {
      throw SnsMessage.invalidParameter(fifo
          ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII "
              + "letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
          : "Topic Name");
    }
    String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
    Topic existing = topics.get(arn);
    if (existing != null) {
      attributes.forEach((key, value) -> {
        if (!Objects.equals(existing.attributes().get(key), value)) {
          throw SnsMessage.invalidParameter("Attributes Reason: Topic already exists with different attributes");
        }
      });
      return arn;
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("TopicArn", arn);
    all.put("Owner", accountId);
    all.put("DisplayName", "");
    all.put("Policy", defaultPolicy(arn));
    all.putAll(attributes);
    topics.put(arn, new Topic(arn, name, Map.copyOf(all)));
    return arn;
  }

  /** Deletes a topic and its subscriptions; deleting one that is not there is no error, as in SNS. */
  synchronized void delete(String topicArn) {
    topics.remove(topicArn);
    subscriptions.values().removeIf(s -> s.topicArn().equals(topicArn));
  }

  synchronized List<String> arns() {
    return List.copyOf(topics.keySet());
  }

  synchronized Topic topic(String topicArn) {
    if (topicArn == null || !topicArn.startsWith("arn:") || topicArn.split(":", -1).length != 6) {
      throw SnsMessage.invalidParameter("TopicArn");
    }
    Topic topic = topics.get(topicArn);
    if (topic == null) {
      throw new ServiceError(404, "NotFound", "Topic does not exist");
    }
    return topic;
  }

  /** The attributes GetTopicAttributes gives, with the subscription counts filled in. */
  synchronized Map<String, String> attributes(String topicArn) {
    Map<String, String> all = new LinkedHashMap<>(topic(topicArn).attributes());
    long confirmed = subscriptions.values().stream().filter(s -> s.topicArn().equals(topicArn)).count();
    all.put("SubscriptionsConfirmed", Long.toString(confirmed));
    all.put("SubscriptionsPending", "0");
    all.put("SubscriptionsDeleted", "0");
    return all;
  }

  synchronized void setAttribute(String topicArn, String name, String value) {
    Topic topic = topic(topicArn);
    if (name == null || name.isEmpty() || name.equals("FifoTopic") || name.equals("TopicArn")
        || name.equals("Owner")) {
      throw SnsMessage.invalidParameter("AttributeName");
    }
    Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
    attributes.put(name, value == null ? "" : value);
    topics.put(topicArn, new Topic(topicArn, topic.name(), Map.copyOf(attributes)));
  }

  /**
   * Subscribes an endpoint, confirmed at once (SNS confirms SQS and Lambda subscriptions within the
   * account itself). Subscribing the same endpoint again gives the same subscription.
   */
  synchronized Subscription subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    SnsSubscriptionRules.checkNew(topic(topicArn), protocol, endpoint, attributes);
    for (Subscription existing : subscriptions.values()) {
      if (existing.topicArn().equals(topicArn) && existing.protocol().equals(protocol)
          && existing.endpoint().equals(endpoint)) {
        attributes.forEach((name, value) -> {
          if (!value.equalsIgnoreCase(existing.attributes().getOrDefault(name, ""))) {
            throw SnsMessage.invalidParameter(
                "Attributes Reason: Subscription already exists with different attributes");
          }
        });
        return existing;
      }
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("RawMessageDelivery", "false");
    all.put("FilterPolicyScope", "MessageAttributes");
    attributes.forEach((name, value) -> all.put(name, SnsSubscriptionRules.normalise(name, value)));
    Subscription subscription = new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, protocol,
        endpoint, Map.copyOf(all));
    subscriptions.put(subscription.arn(), subscription);
    return subscription;
  }

  /** Unsubscribes; an unknown subscription is no error (SNS answers it the same way). */
  synchronized void unsubscribe(String subscriptionArn) {
    subscriptions.remove(subscriptionArn);
  }

  synchronized Subscription subscription(String subscriptionArn) {
    Subscription subscription = subscriptions.get(subscriptionArn);
    if (subscription == null) {
      throw new ServiceError(404, "NotFound", "Subscription does not exist");
    }
    return subscription;
  }

  synchronized void setSubscriptionAttribute(String subscriptionArn, String name, String value) {
    Subscription subscription = subscription(subscriptionArn);
    String text = value == null ? "" : value;
    SnsSubscriptionRules.checkAttribute(subscription.protocol(), name, text);
    Map<String, String> attributes = new LinkedHashMap<>(subscription.attributes());
    attributes.put(name, SnsSubscriptionRules.normalise(name, text));
    subscriptions.put(subscriptionArn, new Subscription(subscriptionArn, subscription.topicArn(),
        subscription.protocol(), subscription.endpoint(), Map.copyOf(attributes)));
  }

  /** What GetSubscriptionAttributes gives. */
  Map<String, String> subscriptionAttributes(String subscriptionArn) {
    Subscription subscription = subscription(subscriptionArn);
    Map<String, String> all = new LinkedHashMap<>();
    all.put("SubscriptionArn", subscription.arn());
    all.put("TopicArn", subscription.topicArn());
    all.put("Owner", accountId);
    all.put("Protocol", subscription.protocol());
    all.put("Endpoint", subscription.endpoint());
    all.put("ConfirmationWasAuthenticated", "true");
    all.put("PendingConfirmation", "false");
    all.putAll(subscription.attributes());
    return all;
  }

  synchronized List<Subscription> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  synchronized List<Subscription> subscriptions(String topicArn) {
    topic(topicArn);
    List<Subscription> ofTopic = new ArrayList<>();
    for (Subscription subscription : subscriptions.values()) {
      if (subscription.topicArn().equals(topicArn)) {
        ofTopic.add(subscription);
      }
    }
    return ofTopic;
  }

  String accountId() {
    return accountId;
  }

  private String defaultPolicy(String arn) {
    return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:Publish\",\"SNS:Subscribe\","
        + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\"],\"Resource\":\"" + arn + "\","
        + "\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + accountId + "\"}}}]}";
  }
}
