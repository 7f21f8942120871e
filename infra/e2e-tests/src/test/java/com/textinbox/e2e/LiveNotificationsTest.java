package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Browser notifications, live (N11), end to end through the local WebSocket API: the $connect
 * REQUEST authorizer (the Authorizer function, token query parameter), LiveConnections storing the
 * connection under the user, {@code ping} answered through the API Gateway Management API by the
 * shared LiveSender (which forgets connections found gone), and $disconnect.
 */
class LiveNotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String DEALERSHIP = "acct-maple-motors";

  /** A client socket that keeps every text message it receives. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    JsonNode next(Duration timeout) throws Exception {
      String text = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        fail("no message on the socket within " + timeout.toSeconds() + " s");
      }
      return JSON.readTree(text);
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
  }

  private static String liveUrl() {
    return LocalCloudProcess.endpoints().path("liveUrl").asText();
  }

  static Client connect(String token) {
    Client client = new Client();
    String url = liveUrl() + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), client).join();
    return client;
  }

  /** The HTTP status of a refused handshake. */
  private static int refusedWith(String token) {
    try {
      Client client = connect(token);
      client.close();
      return fail("the connection was accepted with token " + token);
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException handshake) {
        return handshake.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static List<Map<String, AttributeValue>> connectionsOf(String userId) {
    return LocalAws.dynamoDb().query(QueryRequest.builder().tableName(LocalAws.table())
        .keyConditionExpression("PK = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("A#" + DEALERSHIP + "#U#" + userId + "#LIVE")))
        .build()).items();
  }

  @Test
  void aBadOrMissingTokenIsRefusedAtTheHandshake() {
    assertEquals(401, refusedWith(null), "no token");
    assertEquals(401, refusedWith(""), "empty token");
    assertEquals(401, refusedWith(Tokens.forged("user1")), "forged token");
    assertEquals(401, refusedWith(Tokens.expired("user1")), "expired token");
    assertEquals(401, refusedWith("not.a.jwt"), "garbage");
  }

  @Test
  void aConnectedUserIsStoredPingedThroughTheManagementApiAndForgottenOnClose() throws Exception {
    Client client = connect(Tokens.of("user1"));
    List<Map<String, AttributeValue>> stored = Eventually.await("the connection of user-bruno to be stored", Duration.ofSeconds(10),
        () -> connectionsOf("user-bruno").isEmpty() ? null : connectionsOf("user-bruno"));
    assertEquals(1, stored.size(), stored.toString());
    String connectionId = stored.getFirst().get("connectionId").s();
    long expiresAt = Long.parseLong(stored.getFirst().get("expiresAt").n());
    long inTwoHours = Instant.now().plus(Duration.ofHours(2)).getEpochSecond();
    assertTrue(expiresAt > inTwoHours && expiresAt < inTwoHours + 3600, "expires a little after API Gateway's 2 h limit: " + expiresAt);

    client.send("{\"action\":\"ping\"}");
    JsonNode pong = client.next(Duration.ofSeconds(15));
    assertEquals("pong", pong.path("type").asText(), pong.toString());
    assertEquals(connectionId, pong.path("connectionId").asText());

    // a message no route takes: API Gateway's own answer, the connection stays open
    client.send("{\"action\":\"nothing-here\"}");
    assertEquals("Forbidden", client.next(Duration.ofSeconds(10)).path("message").asText());

    client.close();
    Eventually.await("the connection to be forgotten on $disconnect", Duration.ofSeconds(10), () -> connectionsOf("user-bruno").isEmpty());
  }

  @Test
  void aPushReachesEveryOpenConnectionOfTheUserAndAGoneOneIsForgotten() throws Exception {
    // a connection API Gateway no longer has (the browser vanished without $disconnect)
    String gone = "gone-" + System.nanoTime();
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#U#user-chloe#LIVE"),
        "SK", AttributeValue.fromS("CONN#" + gone),
        "type", AttributeValue.fromS("LiveConnection"),
        "connectionId", AttributeValue.fromS(gone),
        "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())))));
    Client tab1 = connect(Tokens.of("user2"));
    Client tab2 = connect(Tokens.of("user2"));
    Client someoneElse = connect(Tokens.of("admin"));
    Eventually.await("three connections of user-chloe (two live, one gone)", Duration.ofSeconds(10),
        () -> connectionsOf("user-chloe").size() == 3);

    tab1.send("{\"action\":\"ping\"}");
    assertEquals("pong", tab1.next(Duration.ofSeconds(15)).path("type").asText());
    assertEquals("pong", tab2.next(Duration.ofSeconds(15)).path("type").asText());
    assertNull(someoneElse.received.poll(1, TimeUnit.SECONDS), "another user's socket got Chloé's push");

    List<String> left = new ArrayList<>();
    connectionsOf("user-chloe").forEach(item -> left.add(item.get("connectionId").s()));
    assertEquals(2, left.size(), "the gone connection is forgotten, the two open ones kept: " + left);
    assertFalse(left.contains(gone));

    tab1.close();
    tab2.close();
    someoneElse.close();
    Eventually.await("Chloé's connections to be forgotten", Duration.ofSeconds(10), () -> connectionsOf("user-chloe").isEmpty());
  }

  @Test
  void everyConnectionIdIsReachableThroughTheManagementApi() throws Exception {
    // ids are base64: twenty connections make a character the SDK must encode in the path near certain
    for (int i = 0; i < 20; i++) {
      Client client = connect(Tokens.of("admin"));
      client.send("{\"action\":\"ping\"}");
      JsonNode pong = client.next(Duration.ofSeconds(15));
      assertEquals("pong", pong.path("type").asText(), "connection " + i + ": " + pong);
      client.close();
    }
  }

  @Test
  void aFreeUserMayConnectAndTheOtherCompanysAdminIsStoredUnderTheirOwnCompany() throws Exception {
    Client free = connect(Tokens.of("free"));
    free.send("{\"action\":\"ping\"}");
    assertEquals("pong", free.next(Duration.ofSeconds(15)).path("type").asText());
    free.close();

    Client clinic = connect(Tokens.of("otherAdmin"));
    String clinicUser = Tokens.claims(Tokens.of("otherAdmin")).path("sub").asText();
    Map<String, AttributeValue> stored = Eventually.await("the clinic admin's connection", Duration.ofSeconds(10), () -> {
      List<Map<String, AttributeValue>> items = LocalAws.dynamoDb().query(QueryRequest.builder().tableName(LocalAws.table())
          .keyConditionExpression("PK = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("A#acct-harbor-clinic#U#" + clinicUser + "#LIVE")))
          .build()).items();
      return items.isEmpty() ? null : items.getFirst();
    });
    assertNotNull(stored);
    clinic.close();
  }
}
