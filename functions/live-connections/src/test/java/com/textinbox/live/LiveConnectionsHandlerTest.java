package com.textinbox.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.live.store.LiveConnectionStore;
import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.testing.RepositoryFiles;
import com.textinbox.shared.testing.SampleEvents;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The handler on API Gateway WebSocket events (events/live-connections/connect.json and variants)
 * against DynamoDB Local, with the real Management API client posting to a local endpoint.
 */
class LiveConnectionsHandlerTest {
  private static final String TABLE = "textinbox-live";
  private static DynamoDbLocalServer local;
  private static HttpServer management;
  private static final List<String> posted = new CopyOnWriteArrayList<>();
  private static LiveConnectionStore connections;
  private static LiveConnectionsHandler handler;

  @BeforeAll
  static void start() throws Exception {
    local = DynamoDbLocalServer.start();
    local.createInboxTable(TABLE);
    management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    management.createContext("/dev/@connections/", exchange -> {
      posted.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    management.start();
    ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder()
        .httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .endpointOverride(URI.create("http://127.0.0.1:" + management.getAddress().getPort() + "/dev")).build();
    connections = new LiveConnectionStore(local.client(), TABLE, Clock.systemUTC());
    handler = new LiveConnectionsHandler(connections, new LiveSender(api, connections), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    management.stop(0);
    local.close();
  }

  private static JsonNode sample() throws Exception {
    return Json.mapper().readTree(RepositoryFiles.root().resolve("events/live-connections/connect.json").toFile());
  }

  private static JsonNode event(String routeKey, String connectionId) throws Exception {
    JsonNode event = sample();
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("requestContext")).put("routeKey", routeKey).put("connectionId", connectionId);
    return event;
  }

  @Test
  void theSampleConnectStoresTheConnectionUnderTheAuthorizedUserInOnePut() throws Exception {
    JsonNode[] answer = new JsonNode[1];
    Map<String, Integer> requests = RequestCounter.during(() -> answer[0] = SampleEvents.invoke(handler, "live-connections/connect.json"));
    assertEquals(200, answer[0].path("statusCode").asInt());
    assertEquals(Map.of("DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1), requests);
    assertTrue(connections.of("acct-maple-motors", "user-bruno").contains("Yk3mSdNeIAMCJ_w="));
  }

  @Test
  void pingPushesAPongToEveryConnectionOfTheUserAndDisconnectForgets() throws Exception {
    assertEquals(200, handler.handle(event("$connect", "a=")));
    assertEquals(200, handler.handle(event("$connect", "b=")));
    posted.clear();
    assertEquals(200, handler.handle(event("ping", "a=")));
    assertTrue(posted.stream().anyMatch(p -> p.startsWith("/dev/@connections/a= ") && p.contains("\"type\":\"pong\"")), posted.toString());
    assertTrue(posted.stream().anyMatch(p -> p.startsWith("/dev/@connections/b= ")), posted.toString());

    assertEquals(200, handler.handle(event("$disconnect", "a=")));
    assertEquals(200, handler.handle(event("$disconnect", "b=")));
    assertTrue(connections.of("acct-maple-motors", "user-bruno").stream().noneMatch(id -> id.equals("a=") || id.equals("b=")));
  }

  @Test
  void anUnknownRouteIsA400AndAnEventWithoutIdentityA401() throws Exception {
    assertEquals(400, handler.handle(event("subscribe", "c=")));
    JsonNode anonymous = event("$connect", "d=");
    ((com.fasterxml.jackson.databind.node.ObjectNode) anonymous.path("requestContext")).remove("authorizer");
    assertEquals(401, handler.handle(anonymous));
    assertEquals(400, handler.handle(Json.mapper().readTree("{\"body\":\"x\"}")));
  }
}
