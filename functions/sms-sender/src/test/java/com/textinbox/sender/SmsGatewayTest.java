package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.cache.Lazy;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
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

  /** A client whose one call, publish as the gateway makes it, is recorded and answered with an id. */
  @SuppressWarnings("unchecked")
  private static SnsClient recording(List<PublishRequest> published) {
    return (SnsClient) Proxy.newProxyInstance(SmsGatewayTest.class.getClassLoader(), new Class<?>[] {SnsClient.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("publish") || !(args[0] instanceof Consumer<?>)) {
            throw new UnsupportedOperationException(method.getName());
          }
          PublishRequest.Builder request = PublishRequest.builder();
          ((Consumer<PublishRequest.Builder>) args[0]).accept(request);
          published.add(request.build());
          return PublishResponse.builder().messageId("carrier-" + published.size()).build();
        });
  }
}
