package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.cache.Lazy;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The SNS gateway asks for its client at each text, so a lazy one is built at the first (decision 70). */
class SmsGatewayTest {
  @Test
  void theClientIsAskedForOnlyWhenATextIsSent() {
    AtomicInteger built = new AtomicInteger();
    List<PublishRequest> published = new ArrayList<>();
    Lazy<SnsClient> client = Lazy.of(() -> {
      built.incrementAndGet();
      return recording(published);
    });
    SmsGateway gateway = SmsGateway.sns(client);
    assertEquals(0, built.get(), "not built with the function: a redelivered command texts nothing");

    assertEquals("carrier-1", gateway.send("+15145550100", "+15145550112", "Your car is ready."));
    assertEquals("carrier-2", gateway.send("+15145550100", "+15145550113", "Your car is ready."));
    assertEquals(1, built.get(), "one client per container");
    assertEquals("+15145550112", published.get(0).phoneNumber());
    assertEquals("+15145550100", published.get(0).messageAttributes().get("AWS.MM.SMS.OriginationNumber").stringValue());
    assertEquals("Transactional", published.get(0).messageAttributes().get("AWS.SNS.SMS.SMSType").stringValue());
  }

  /**
   * Priming publishes through a client built as the function builds it, to an endpoint where
   * nothing listens: only its stop before transmission (the PrimingInterceptor every client
   * carries) keeps that from failing, so nothing could have been sent.
   */
  @Test
  void primingPublishesATextThatNeverLeaves() {
    SnsClient sns = AwsClients.buildAt(SnsClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"))),
        URI.create("http://127.0.0.1:9"));
    AtomicInteger asked = new AtomicInteger();
    SmsGateway.sns(() -> {
      asked.incrementAndGet();
      return sns;
    }).prime();
    assertEquals(1, asked.get(), "the client is built by priming, so the snapshot holds it");
  }

  /** A client whose one call, publish as the gateway makes it, is recorded and answered with an id. */
  private static SnsClient recording(List<PublishRequest> published) {
    return (SnsClient) Proxy.newProxyInstance(SmsGatewayTest.class.getClassLoader(), new Class<?>[] {SnsClient.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("publish") || !(args[0] instanceof PublishRequest request)) {
            throw new UnsupportedOperationException(method.getName());
          }
          published.add(request);
          return PublishResponse.builder().messageId("carrier-" + published.size()).build();
        });
  }
}
