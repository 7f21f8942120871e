package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The SNS gateway builds its client at the first text or at priming, once (decision 70). */
class SmsGatewayTest {
  @Test
  void theClientIsBuiltAtTheFirstTextOrByPrimingAndOnlyOnce() {
    AtomicInteger built = new AtomicInteger();
    List<PublishRequest> published = new ArrayList<>();
    SmsGateway gateway = SmsGateway.sns(() -> {
      built.incrementAndGet();
      return recording(published);
    });
    assertEquals(0, built.get(), "not built with the function: a redelivered command texts nothing");

    gateway.prime();
    assertEquals(1, built.get(), "priming builds it (SnapStart's snapshot holds it)");
    assertEquals(List.of(), published, "priming sends nothing");

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
