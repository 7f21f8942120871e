package com.textinbox.localcloud.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SnsStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SQSRestServer elasticMq;
  private static SqsClient sqs;

  private SnsStandIn standIn;
  private SnsClient sns;

  @BeforeAll
  static void startQueues() {
    elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = elasticMq.waitUntilStarted().localAddress().getPort();
    sqs = AwsClients.sqs(URI.create("http://127.0.0.1:" + port));
  }

  @AfterAll
  static void stopQueues() {
    sqs.close();
    elasticMq.stopAndWait();
  }

  @BeforeEach
  void start() {
    standIn = SnsStandIn.start(0, AwsClients.REGION, AwsClients.ACCOUNT, sqs);
    sns = AwsClients.sns(standIn.endpoint());
  }

  @AfterEach
  void stop() {
    sns.close();
    standIn.close();
  }

  @Test
  void publishToATopicGivesASubscribedQueueTheSnsEnvelope() throws Exception {
    String topicArn = sns.createTopic(b -> b.name(unique("orders"))).topicArn();
    String queueUrl = queue("orders-queue");
    String subscriptionArn = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)))
        .subscriptionArn();

    String messageId = sns.publish(b -> b.topicArn(topicArn).subject("New order").message("{\"id\":42}")
        .messageAttributes(Map.of(
            "kind", stringAttribute("order"),
            "count", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
            "blob", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromUtf8String("hi")).build())))
        .messageId();

    JsonNode envelope = JSON.readTree(receiveOne(queueUrl).body());
    assertEquals("Notification", envelope.get("Type").asText());
    assertEquals(messageId, envelope.get("MessageId").asText());
    assertEquals(topicArn, envelope.get("TopicArn").asText());
    assertEquals("New order", envelope.get("Subject").asText());
    assertEquals("{\"id\":42}", envelope.get("Message").asText());
    assertEquals("1", envelope.get("SignatureVersion").asText());
    assertFalse(envelope.get("Signature").asText().isEmpty());
    assertFalse(envelope.get("SigningCertURL").asText().isEmpty());
    assertTrue(envelope.get("UnsubscribeURL").asText().contains(
        java.net.URLEncoder.encode(subscriptionArn, java.nio.charset.StandardCharsets.UTF_8)));
    Instant sent = Instant.parse(envelope.get("Timestamp").asText());
    assertTrue(Math.abs(sent.toEpochMilli() - System.currentTimeMillis()) < 60_000);
    JsonNode attributes = envelope.get("MessageAttributes");
    assertEquals("String", attributes.get("kind").get("Type").asText());
    assertEquals("order", attributes.get("kind").get("Value").asText());
    assertEquals("Number", attributes.get("count").get("Type").asText());
    assertEquals("3", attributes.get("count").get("Value").asText());
    assertEquals("Binary", attributes.get("blob").get("Type").asText());
    assertEquals("aGk=", attributes.get("blob").get("Value").asText());
  }

  @Test
  void rawDeliveryGivesTheQueueTheMessageAndItsAttributes() {
    String topicArn = sns.createTopic(b -> b.name(unique("raw"))).topicArn();
    String queueUrl = queue("raw-queue");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl))
        .attributes(Map.of("RawMessageDelivery", "true")));

    sns.publish(b -> b.topicArn(topicArn).message("plain body")
        .messageAttributes(Map.of("kind", stringAttribute("inbound"))));

    Message received = receiveOne(queueUrl);
    assertEquals("plain body", received.body());
    assertEquals("inbound", received.messageAttributes().get("kind").stringValue());
    assertEquals("String", received.messageAttributes().get("kind").dataType());
  }

  @Test
  void rawDeliveryCanBeTurnedOnAfterSubscribing() {
    String topicArn = sns.createTopic(b -> b.name(unique("later-raw"))).topicArn();
    String queueUrl = queue("later-raw-queue");
    String subscriptionArn = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)))
        .subscriptionArn();
    assertEquals("false", sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn))
        .attributes().get("RawMessageDelivery"));

    sns.setSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)
        .attributeName("RawMessageDelivery").attributeValue("true"));
    sns.publish(b -> b.topicArn(topicArn).message("now raw"));

    assertEquals("now raw", receiveOne(queueUrl).body());
    Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes();
    assertEquals("true", attributes.get("RawMessageDelivery"));
    assertEquals(topicArn, attributes.get("TopicArn"));
    assertEquals("sqs", attributes.get("Protocol"));
  }

  @Test
  void aSubscribedFunctionIsInvokedWithTheSnsEvent() throws Exception {
    BlockingQueue<String[]> invocations = new ArrayBlockingQueue<>(4);
    standIn.onLambda((functionArn, event) -> invocations.add(new String[] {functionArn, event}));
    String functionArn = "arn:aws:lambda:us-east-1:" + AwsClients.ACCOUNT + ":function:carrier-events";
    String topicArn = sns.createTopic(b -> b.name(unique("events"))).topicArn();
    String subscriptionArn = sns.subscribe(b -> b.topicArn(topicArn).protocol("lambda").endpoint(functionArn))
        .subscriptionArn();

    String messageId = sns.publish(b -> b.topicArn(topicArn).message("delivered")
        .messageAttributes(Map.of("status", stringAttribute("DELIVERED")))).messageId();

    String[] invocation = invocations.poll(5, TimeUnit.SECONDS);
    assertEquals(functionArn, invocation[0]);
    JsonNode record = JSON.readTree(invocation[1]).get("Records").get(0);
    assertEquals("aws:sns", record.get("EventSource").asText());
    assertEquals("1.0", record.get("EventVersion").asText());
    assertEquals(subscriptionArn, record.get("EventSubscriptionArn").asText());
    JsonNode event = record.get("Sns");
    assertEquals("Notification", event.get("Type").asText());
    assertEquals(messageId, event.get("MessageId").asText());
    assertEquals(topicArn, event.get("TopicArn").asText());
    assertEquals("delivered", event.get("Message").asText());
    assertTrue(event.get("Subject").isNull());
    assertTrue(event.has("SigningCertUrl") && event.has("UnsubscribeUrl"));
    assertEquals("DELIVERED", event.get("MessageAttributes").get("status").get("Value").asText());
  }

  @Test
  void publishFromJavaFansOutLikePublishOverHttp() throws Exception {
    String topicArn = sns.createTopic(b -> b.name(unique("inbound-sms"))).topicArn();
    String queueUrl = queue("inbound-sms-queue");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)));

    String messageId = standIn.publish(topicArn, "{\"messageBody\":\"STOP\"}", Map.of("source", "carrier"));

    JsonNode envelope = JSON.readTree(receiveOne(queueUrl).body());
    assertEquals(messageId, envelope.get("MessageId").asText());
    assertEquals("{\"messageBody\":\"STOP\"}", envelope.get("Message").asText());
    assertFalse(envelope.has("Subject"));
    assertEquals("carrier", envelope.get("MessageAttributes").get("source").get("Value").asText());
    assertThrows(ServiceError.class, () -> standIn.publish(topicArn + "-gone", "x", Map.of()));
  }

  @Test
  void anSmsIsKeptWithItsOriginationNumberAndListenersHearOfIt() throws Exception {
    BlockingQueue<SentSms> heard = new ArrayBlockingQueue<>(4);
    standIn.onSms(heard::add);

    String messageId = sns.publish(b -> b.phoneNumber("+14155550100").message("Your code is 1234")
        .messageAttributes(Map.of(
            SentSms.ORIGINATION_NUMBER, stringAttribute("+18005550199"),
            SentSms.SENDER_ID, stringAttribute("TextInbox"),
            "AWS.SNS.SMS.SMSType", stringAttribute("Transactional")))).messageId();

    List<SentSms> sent = standIn.sentSms();
    assertEquals(1, sent.size());
    SentSms sms = sent.get(0);
    assertEquals(messageId, sms.messageId());
    assertEquals("+18005550199", sms.originationNumber());
    assertEquals("+14155550100", sms.destinationNumber());
    assertEquals("Your code is 1234", sms.body());
    assertEquals("TextInbox", sms.attributes().get(SentSms.SENDER_ID));
    assertEquals("Transactional", sms.attributes().get("AWS.SNS.SMS.SMSType"));
    assertEquals(sms, heard.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void anSmsWithoutOriginationNumberHasNone() {
    sns.publish(b -> b.phoneNumber("+447700900123").message("hello"));
    assertNull(standIn.sentSms().get(0).originationNumber());
  }

  @Test
  void aMalformedPhoneNumberIsAnInvalidParameter() {
    for (String bad : List.of("4155550100", "+1415", "+1415555010012345", "+1 415 555 0100", "+0123456789")) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> sns.publish(b -> b.phoneNumber(bad).message("hi")), bad);
      assertEquals("InvalidParameter", e.awsErrorDetails().errorCode());
      assertTrue(e.getMessage().contains("PhoneNumber"), e.getMessage());
    }
    assertTrue(standIn.sentSms().isEmpty());
  }

  @Test
  void anUnknownTopicIsNotFound() {
    String missing = "arn:aws:sns:us-east-1:" + AwsClients.ACCOUNT + ":" + unique("missing");
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> sns.publish(b -> b.topicArn(missing).message("hi")));
    assertEquals(404, e.statusCode());
    assertThrows(NotFoundException.class, () -> sns.getTopicAttributes(b -> b.topicArn(missing)));
    assertThrows(NotFoundException.class,
        () -> sns.subscribe(b -> b.topicArn(missing).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q")));
  }

  @Test
  void anEmptyOrOversizedMessageIsRefused() {
    String topicArn = sns.createTopic(b -> b.name(unique("limits"))).topicArn();
    assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topicArn).message("")));
    String tooLong = "x".repeat(262_145);
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> sns.publish(b -> b.topicArn(topicArn).message(tooLong)));
    assertTrue(e.getMessage().contains("Message too long"), e.getMessage());
    assertThrows(InvalidParameterValueException.class, () -> sns.publish(b -> b.topicArn(topicArn).message("x")
        .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number").stringValue("abc").build()))));
    assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topicArn)
        .messageStructure("json").message("{\"sqs\":\"no default\"}")));
  }

  @Test
  void aPushGoesToAnEnabledEndpointOnly() {
    String applicationArn = sns.createPlatformApplication(b -> b.name("textinbox-android").platform("GCM")
        .attributes(Map.of("PlatformCredential", "server-key"))).platformApplicationArn();
    assertEquals("arn:aws:sns:us-east-1:" + AwsClients.ACCOUNT + ":app/GCM/textinbox-android", applicationArn);
    String endpointArn = sns.createPlatformEndpoint(b -> b.platformApplicationArn(applicationArn).token("device-1")
        .customUserData("user-7")).endpointArn();
    assertEquals(endpointArn, sns.createPlatformEndpoint(b -> b.platformApplicationArn(applicationArn)
        .token("device-1").customUserData("user-7")).endpointArn(), "the same token is the same endpoint");
    assertThrows(InvalidParameterException.class, () -> sns.createPlatformEndpoint(b -> b
        .platformApplicationArn(applicationArn).token("device-1").customUserData("someone else")));

    String json = "{\"default\":\"New message\",\"GCM\":\"{\\\"notification\\\":{\\\"title\\\":\\\"New\\\"}}\"}";
    String messageId = sns.publish(b -> b.targetArn(endpointArn).messageStructure("json").message(json)).messageId();
    SentPush push = standIn.sentPushes().get(0);
    assertEquals(messageId, push.messageId());
    assertEquals(endpointArn, push.endpointArn());
    assertEquals("device-1", push.token());
    assertEquals("GCM", push.platform());
    assertEquals(json, push.message());

    Map<String, String> attributes = sns.getEndpointAttributes(b -> b.endpointArn(endpointArn)).attributes();
    assertEquals("true", attributes.get("Enabled"));
    assertEquals("device-1", attributes.get("Token"));
    assertEquals("user-7", attributes.get("CustomUserData"));

    sns.setEndpointAttributes(b -> b.endpointArn(endpointArn).attributes(Map.of("Enabled", "false")));
    assertThrows(EndpointDisabledException.class, () -> sns.publish(b -> b.targetArn(endpointArn).message("hi")));

    sns.deleteEndpoint(b -> b.endpointArn(endpointArn));
    assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.targetArn(endpointArn).message("hi")));
    assertThrows(NotFoundException.class, () -> sns.getEndpointAttributes(b -> b.endpointArn(endpointArn)));
    assertEquals(1, standIn.sentPushes().size());
  }

  @Test
  void topicsAndSubscriptionsAreListedChangedAndDeleted() {
    String name = unique("admin");
    String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
    assertEquals("arn:aws:sns:us-east-1:" + AwsClients.ACCOUNT + ":" + name, topicArn);
    assertEquals(topicArn, sns.createTopic(b -> b.name(name)).topicArn(), "CreateTopic is idempotent");
    assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name("bad name!")));

    assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topicArn)));
    sns.setTopicAttributes(b -> b.topicArn(topicArn).attributeName("DisplayName").attributeValue("Admin <&>"));
    Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(topicArn)).attributes();
    assertEquals("Admin <&>", attributes.get("DisplayName"));
    assertEquals(topicArn, attributes.get("TopicArn"));

    String queueArn = "arn:aws:sqs:us-east-1:" + AwsClients.ACCOUNT + ":" + unique("q");
    String first = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)).subscriptionArn();
    assertEquals(first, sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)).subscriptionArn());
    assertEquals("1", sns.getTopicAttributes(b -> b.topicArn(topicArn)).attributes().get("SubscriptionsConfirmed"));
    List<Subscription> ofTopic = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions();
    assertEquals(1, ofTopic.size());
    assertEquals(queueArn, ofTopic.get(0).endpoint());
    assertEquals("sqs", ofTopic.get(0).protocol());
    assertTrue(sns.listSubscriptions().subscriptions().stream().anyMatch(s -> s.subscriptionArn().equals(first)));
    assertThrows(InvalidParameterException.class,
        () -> sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint("not-an-arn")));
    assertThrows(InvalidParameterException.class,
        () -> sns.subscribe(b -> b.topicArn(topicArn).protocol("carrier-pigeon").endpoint("x")));

    sns.unsubscribe(b -> b.subscriptionArn(first));
    assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().isEmpty());
    sns.deleteTopic(b -> b.topicArn(topicArn));
    assertFalse(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topicArn)));
  }

  @Test
  void publishBatchDeliversEveryEntry() throws Exception {
    String topicArn = sns.createTopic(b -> b.name(unique("batch"))).topicArn();
    String queueUrl = queue("batch-queue");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl))
        .attributes(Map.of("RawMessageDelivery", "true")));

    PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
        PublishBatchRequestEntry.builder().id("a").message("first").build(),
        PublishBatchRequestEntry.builder().id("b").message("second")
            .messageAttributes(Map.of("k", stringAttribute("v"))).build()));

    assertEquals(List.of("a", "b"), response.successful().stream().map(e -> e.id()).toList());
    assertTrue(response.failed().isEmpty());
    assertNotEquals(response.successful().get(0).messageId(), response.successful().get(1).messageId());
    List<String> bodies = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
        .messages().stream().map(Message::body).sorted().toList();
    assertEquals(List.of("first", "second"), bodies);
    assertThrows(BatchEntryIdsNotDistinctException.class, () -> sns.publishBatch(b -> b.topicArn(topicArn)
        .publishBatchRequestEntries(PublishBatchRequestEntry.builder().id("x").message("1").build(),
            PublishBatchRequestEntry.builder().id("x").message("2").build())));
  }

  @Test
  void aFilterPolicyLetsOnlyMatchingMessagesThrough() {
    String topicArn = sns.createTopic(b -> b.name(unique("filtered"))).topicArn();
    String queueUrl = queue("filtered-queue");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)).attributes(Map.of(
        "RawMessageDelivery", "true",
        "FilterPolicy", "{\"status\":[\"DELIVERED\",{\"prefix\":\"FAIL\"}],\"retries\":[{\"numeric\":[\"<\",3]}]}")));

    sns.publish(b -> b.topicArn(topicArn).message("skipped: wrong status").messageAttributes(Map.of(
        "status", stringAttribute("QUEUED"), "retries", numberAttribute("0"))));
    sns.publish(b -> b.topicArn(topicArn).message("skipped: too many retries").messageAttributes(Map.of(
        "status", stringAttribute("DELIVERED"), "retries", numberAttribute("5"))));
    sns.publish(b -> b.topicArn(topicArn).message("skipped: no attributes"));
    sns.publish(b -> b.topicArn(topicArn).message("kept").messageAttributes(Map.of(
        "status", stringAttribute("FAILED_CARRIER"), "retries", numberAttribute("1"))));

    List<String> bodies = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
        .messages().stream().map(Message::body).toList();
    assertEquals(List.of("kept"), bodies);
  }

  @Test
  void aFifoTopicKeepsItsGroupUpToAFifoQueue() {
    String topicArn = sns.createTopic(b -> b.name(unique("conversation") + ".fifo")
        .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
    String queueName = unique("conversation-queue") + ".fifo";
    String queueUrl = sqs.createQueue(b -> b.queueName(queueName)
        .attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl();
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl))
        .attributes(Map.of("RawMessageDelivery", "true")));

    String sequenceNumber = sns.publish(b -> b.topicArn(topicArn).message("first").messageGroupId("conv-1"))
        .sequenceNumber();

    assertTrue(sequenceNumber != null && !sequenceNumber.isEmpty());
    Message received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)
        .messageSystemAttributeNamesWithStrings("MessageGroupId")).messages().get(0);
    assertEquals("first", received.body());
    assertEquals("conv-1", received.attributesAsStrings().get("MessageGroupId"));
    InvalidParameterException noGroup = assertThrows(InvalidParameterException.class,
        () -> sns.publish(b -> b.topicArn(topicArn).message("second")));
    assertTrue(noGroup.getMessage().contains("MessageGroupId"), noGroup.getMessage());

    String standardTopic = sns.createTopic(b -> b.name(unique("standard"))).topicArn();
    assertThrows(InvalidParameterException.class,
        () -> sns.subscribe(b -> b.topicArn(standardTopic).protocol("sqs").endpoint(queueArn(queueUrl))));
    assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name(unique("no-flag") + ".fifo")));
  }

  @Test
  void optOutIsAlwaysFalse() {
    assertFalse(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+14155550100")).isOptedOut());
  }

  @Test
  void anUnknownActionIsInvalidAction() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(standIn.endpoint().resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("Action=TeleportMessage&Version=2010-03-31")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("<Code>InvalidAction</Code>"), response.body());
    assertTrue(response.body().contains("TeleportMessage"), response.body());
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue numberAttribute(String value) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String queue(String name) {
    String queueName = unique(name);
    return sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
  }

  private static String queueArn(String queueUrl) {
    return "arn:aws:sqs:us-east-1:" + AwsClients.ACCOUNT + ":" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
  }

  private static Message receiveOne(String queueUrl) {
    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)
        .messageAttributeNames("All")).messages();
    assertEquals(1, messages.size(), "one message in " + queueUrl);
    return messages.get(0);
  }
}
