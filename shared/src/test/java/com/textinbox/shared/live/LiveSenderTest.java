package com.textinbox.shared.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.live.store.LiveConnectionStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * LiveConnectionStore against DynamoDB Local, LiveSender through the real Management API client
 * against a local endpoint that answers as API Gateway does (200, or 410 GoneException).
 */
class LiveSenderTest {
  private static final String TABLE = "textinbox-live-test";
  private static DynamoDbLocalServer local;
  private static HttpServer management;
  private static final Map<String, String> received = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> open = new ConcurrentHashMap<>();
  private static ApiGatewayManagementApiClient api;

  @BeforeAll
  static void start() throws Exception {
    local = DynamoDbLocalServer.start();
    local.createInboxTable(TABLE);
    management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    management.createContext("/dev/@connections/", exchange -> {
      String id = java.net.URLDecoder.decode(exchange.getRequestURI().getPath().substring("/dev/@connections/".length()), StandardCharsets.UTF_8);
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (open.containsKey(id)) {
        received.put(id, new String(body, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(200, -1);
      } else {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "GoneException");
        byte[] error = "{\"message\":null}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(410, error.length);
        exchange.getResponseBody().write(error);
      }
      exchange.close();
    });
    management.start();
    api = ApiGatewayManagementApiClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .endpointOverride(URI.create("http://127.0.0.1:" + management.getAddress().getPort() + "/dev"))
        .build();
  }

  @AfterAll
  static void stop() throws Exception {
    management.stop(0);
    local.close();
  }

  @Test
  void pushesToEveryOpenConnectionOfTheUserAndForgetsTheGoneOnes() {
    LiveConnectionStore connections = new LiveConnectionStore(local.client(), TABLE, Clock.systemUTC());
    connections.add("acct-a", "user-1", "tab1=");
    connections.add("acct-a", "user-1", "tab2=");
    connections.add("acct-a", "user-1", "closed=");
    connections.add("acct-a", "user-2", "other=");
    connections.add("acct-b", "user-1", "otherCompany=");
    open.put("tab1=", true);
    open.put("tab2=", true);
    open.put("other=", true);
    open.put("otherCompany=", true);

    LiveSender.Result result = new LiveSender(api, connections).sendToUser("acct-a", "user-1", Map.of("type", "notification", "text", "hé"));

    assertEquals(new LiveSender.Result(2, 1, 0), result);
    assertEquals("{\"type\":\"notification\",\"text\":\"hé\"}".length(), received.get("tab1=").length());
    assertTrue(received.get("tab2=").contains("notification"));
    assertTrue(!received.containsKey("other=") && !received.containsKey("otherCompany="), "only that user's connections: " + received);
    assertEquals(List.of("tab1=", "tab2="), connections.of("acct-a", "user-1").stream().sorted().toList());
  }

  @Test
  void expiredConnectionsAreNotSentToAndTheRequestsAreCounted() {
    Instant past = Instant.now().minus(Duration.ofHours(3));
    LiveConnectionStore then = new LiveConnectionStore(local.client(), TABLE, Clock.fixed(past, ZoneOffset.UTC));
    then.add("acct-c", "user-1", "stale=");
    LiveConnectionStore now = new LiveConnectionStore(local.client(), TABLE, Clock.systemUTC());
    now.add("acct-c", "user-1", "fresh=");
    open.put("fresh=", true);
    open.put("stale=", true);

    Map<String, Integer> requests = RequestCounter.during(() ->
        assertEquals(new LiveSender.Result(1, 0, 0), new LiveSender(api, now).sendToUser("acct-c", "user-1", Map.of("n", 1))));
    assertEquals(1, requests.get("DynamoDb.Query"), requests.toString());

    now.remove("acct-c", "user-1", "fresh=");
    assertEquals(List.of(), now.of("acct-c", "user-1"));
  }
}
