package com.textinbox.localcloud.standins;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon SNS on a laptop, for the real SDK's {@code SnsClient} (Query protocol): topics with SQS,
 * Lambda, SMS and mobile push subscriptions, SMS to phone numbers and push to device endpoints.
 * Messages to queues go through the given {@link SqsClient}; messages to functions through the
 * {@link LambdaInvoker} given to {@link #onLambda}; SMS and pushes are kept to be read back.
 * State lives in memory only.
 */
public final class SnsStandIn implements AutoCloseable {
  private final StandInServer server;
  private final ExecutorService async;
  private final SnsOutbox outbox;
  private final SnsFanOut fanOut;
  private final SnsQueryApi api;

  private SnsStandIn(int port, String region, String accountId, SqsClient sqs) {
    async = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sns-delivery-", 0).factory());
    SnsTopics topics = new SnsTopics(region, accountId);
    SnsPlatformEndpoints platform = new SnsPlatformEndpoints(region, accountId);
    outbox = new SnsOutbox(async);
    server = StandInServer.bind("sns", port);
    fanOut = new SnsFanOut(new SnsEnvelope(server.endpoint()), sqs, platform, outbox, async);
    api = new SnsQueryApi(topics, platform, outbox, fanOut);
    server.serve(request -> QueryProtocol.serve(request, SnsQueryApi.NAMESPACE, api));
  }

  /**
   * Starts listening on 127.0.0.1 at {@code port} (0 for a free one). Topic ARNs are made of
   * {@code region} and {@code accountId}; {@code sqs} reaches the queues subscribed to topics.
   */
  public static SnsStandIn start(int port, String region, String accountId, SqsClient sqs) {
    return new SnsStandIn(port, region, accountId, sqs);
  }

  /** The URL to give an SDK client's {@code endpointOverride}. */
  public URI endpoint() {
    return server.endpoint();
  }

  /** Sets what runs a function subscribed to a topic; without one, such deliveries are logged and dropped. */
  public void onLambda(LambdaInvoker invoker) {
    fanOut.onLambda(invoker);
  }

  /** Adds a listener told of each SMS sent, on a background thread after the SMS is recorded. */
  public void onSms(Consumer<SentSms> listener) {
    outbox.onSms(listener);
  }

  /**
   * Publishes to a topic from Java, as Publish over HTTP does (the local carrier injects inbound SMS
   * with it): the attributes are String attributes. Returns the message id; an unknown topic or a
   * refused message is a {@link ServiceError}.
   */
  public String publish(String topicArn, String message, Map<String, String> stringAttributes) {
    Map<String, SnsMessage.Attribute> attributes = new LinkedHashMap<>();
    stringAttributes.forEach((name, value) -> attributes.put(name, new SnsMessage.Attribute("String", value, null)));
    return api.publishToTopic(topicArn, SnsMessage.create(message, null, null, attributes));
  }

  /** Every SMS sent so far, oldest first. */
  public List<SentSms> sentSms() {
    return outbox.sentSms();
  }

  /** Every push notification sent so far, oldest first. */
  public List<SentPush> sentPushes() {
    return outbox.sentPushes();
  }

  @Override
  public void close() {
    server.close();
    async.shutdown();
  }
}
