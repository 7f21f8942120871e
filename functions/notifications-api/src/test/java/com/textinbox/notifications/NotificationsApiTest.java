package com.textinbox.notifications;

import com.textinbox.shared.testing.TestCursors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/** Settings and the notification center against DynamoDB Local (devices need SNS: the e2e NotificationsTest). */
class NotificationsApiTest {
  private static final String TABLE = "textinbox-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static NotificationsApi api;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    api = new NotificationsApi(new DynamoTable(dynamoDb, TABLE), Clock.fixed(NOW, ZoneOffset.UTC), (SnsClient) null, "arn:aws:sns:us-east-1:000000000000:app/GCM/x", TestCursors.codec());
    for (int i = 1; i <= 5; i++) {
      notification("user-bruno", i, i == 2);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void unreadFirstThenReadOnesAcrossPagesAndByTime() {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = call("GET", "/notifications", "user-bruno", null, cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
      page.path("notifications").forEach(n -> ids.add(n.path("title").asText()));
      cursor = page.path("nextCursor").textValue();
    } while (cursor != null);
    assertEquals(List.of("n5", "n4", "n3", "n1", "n2"), ids);
    JsonNode byTime = call("GET", "/notifications", "user-bruno", null, Map.of("order", "time"));
    assertEquals("n5", byTime.path("notifications").get(0).path("title").asText());
    assertEquals(5, byTime.path("notifications").size());
    assertEquals(400, status("GET", "/notifications", "user-bruno", null, Map.of("order", "time", "cursor", "djF8dXw")));
    assertEquals(400, status("GET", "/notifications", "user-bruno", null, Map.of("limit", "0")));
    // an unknown order: the route's schema (docs/openapi.yaml, decision 55) names the field and its values
    assertEquals(List.of("order", "'order' is one of unread, time."),
        fieldAndMessage(400, "GET", "/notifications", null, Map.of("order", "oldest")));
  }

  @Test
  void countMarkOneAndMarkAll() {
    notification("user-chloe", 1, false);
    notification("user-chloe", 2, false);
    assertEquals(2, call("GET", "/notifications/unread-count", "user-chloe", null, Map.of()).path("unread").asInt());
    String id = NotificationIds.of("evt-1", "user-chloe", NOW.minusSeconds(3600 - 1));
    Map<String, Integer> made = RequestCounter.during(() -> assertEquals(200,
        status("POST", "/notifications/{notificationId}/read", "user-chloe", null, Map.of(), Map.of("notificationId", id))));
    assertEquals(Map.of("DynamoDb.UpdateItem", 1, "DynamoDb.UpdateItem.attempts", 1), made);
    assertEquals(1, call("GET", "/notifications/unread-count", "user-chloe", null, Map.of()).path("unread").asInt());
    assertEquals(404, status("POST", "/notifications/{notificationId}/read", "user-bruno", null, Map.of(), Map.of("notificationId", id)),
        "another user's notification");
    assertEquals(404, status("POST", "/notifications/{notificationId}/read", "user-chloe", null, Map.of(), Map.of("notificationId", "nope")));
    assertEquals(1, call("POST", "/notifications/read-all", "user-chloe", null, Map.of()).path("marked").asInt());
    assertEquals(0, call("GET", "/notifications/unread-count", "user-chloe", null, Map.of()).path("unread").asInt());
  }

  @Test
  void settingsDefaultThenDigestOnTheDueList() {
    JsonNode defaults = call("GET", "/me/notification-settings", "user-dana", null, Map.of());
    assertEquals("immediate", defaults.path("email").path("mode").asText());
    JsonNode saved = call("PUT", "/me/notification-settings", "user-dana",
        "{\"email\":{\"mode\":\"digest\",\"digestHour\":8,\"timeZone\":\"America/Toronto\"}}", Map.of());
    assertEquals("2026-11-22T13:00:00.000Z", saved.path("email").path("nextDigestAt").asText(), "tomorrow 8:00 in Toronto");
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, AttributeValue.fromS(Keys.account(ACCOUNT)),
        Table.SK, AttributeValue.fromS(Keys.notificationSettingsSk("user-dana"))))).item();
    assertEquals(Keys.DIGESTS_DUE, item.get(Table.GSI4PK).s());
    JsonNode same = call("PUT", "/me/notification-settings", "user-dana", "{\"categories\":{\"invoice\":{\"push\":true}}}", Map.of());
    assertEquals("2026-11-22T13:00:00.000Z", same.path("email").path("nextDigestAt").asText(), "an unrelated change keeps the schedule");
    assertTrue(same.path("categories").path("invoice").path("push").asBoolean());
    JsonNode immediate = call("PUT", "/me/notification-settings", "user-dana", "{\"email\":{\"mode\":\"immediate\"}}", Map.of());
    assertNull(immediate.path("email").get("nextDigestAt"));
    assertEquals(400, status("PUT", "/me/notification-settings", "user-dana", "[1]", Map.of()));
    // unknown fields and out-of-range values: the route's schema (decision 55) names the field
    assertEquals(List.of("colour", "Unknown field 'colour'; the fields are categories, email."),
        fieldAndMessage(400, "PUT", "/me/notification-settings", "{\"colour\":\"blue\"}", Map.of()));
    assertEquals(List.of("email.digestHour", "'email.digestHour' must be a whole number."),
        fieldAndMessage(400, "PUT", "/me/notification-settings", "{\"email\":{\"digestHour\":7.5}}", Map.of()));
    assertEquals(List.of("email.digestHour", "'email.digestHour' is a whole number from 0 to 23."),
        fieldAndMessage(400, "PUT", "/me/notification-settings", "{\"email\":{\"digestHour\":24}}", Map.of()));
  }

  /** The field and message of an error answer. */
  private static List<String> fieldAndMessage(int expected, String method, String resource, String body, Map<String, String> query) {
    ApiResponse response = api.handle(event(method, resource, "user-dana", body, query, Map.of()));
    assertEquals(expected, response.status(), response.toString());
    JsonNode error = Json.mapper().valueToTree(response.body()).path("error");
    return List.of(error.path("field").asText(), error.path("message").asText());
  }

  /** Decision 69: the SNS client is built by the first device route, not by the API's wiring nor by its sample event. */
  @Test
  void theCenterBuildsNoSnsClientADeviceRouteDoes() {
    com.textinbox.shared.cache.Lazy<SnsClient> sns = com.textinbox.shared.cache.Lazy.of(() -> SnsClient.builder()
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build());
    NotificationsApi lazy = new NotificationsApi(new DynamoTable(dynamoDb, TABLE), Clock.fixed(NOW, ZoneOffset.UTC), sns,
        "arn:aws:sns:us-east-1:000000000000:app/GCM/x", TestCursors.codec());

    assertEquals(200, SampleEvents.invoke(lazy, "notifications-api/list-notifications.json").path("statusCode").asInt());
    assertEquals(404, lazy.handle(event("DELETE", "/me/devices/{deviceId}", "user-bruno", null, Map.of(),
        Map.of("deviceId", "dev-none"))).status(), "a device not there: nothing for SNS to delete");
    assertFalse(sns.built(), "the center built the SNS client");
  }

  @Test
  void aPhoneSignedInAsSomeoneElseStopsReceivingTheFirstUsersPushes() {
    List<String> deleted = new ArrayList<>();
    software.amazon.awssdk.services.sns.SnsClient sns = new software.amazon.awssdk.services.sns.SnsClient() {
      @Override
      public software.amazon.awssdk.services.sns.model.CreatePlatformEndpointResponse createPlatformEndpoint(
          software.amazon.awssdk.services.sns.model.CreatePlatformEndpointRequest request) {
        return software.amazon.awssdk.services.sns.model.CreatePlatformEndpointResponse.builder()
            .endpointArn("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/x/" + request.token()).build();
      }

      @Override
      public software.amazon.awssdk.services.sns.model.DeleteEndpointResponse deleteEndpoint(
          software.amazon.awssdk.services.sns.model.DeleteEndpointRequest request) {
        deleted.add(request.endpointArn());
        return software.amazon.awssdk.services.sns.model.DeleteEndpointResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "sns";
      }

      @Override
      public void close() {}
    };
    NotificationsApi withPush = new NotificationsApi(new DynamoTable(dynamoDb, TABLE), Clock.fixed(NOW, ZoneOffset.UTC), sns, "arn:aws:sns:us-east-1:000000000000:app/GCM/x", TestCursors.codec());
    String body = "{\"platform\":\"android\",\"token\":\"shared-phone-token\"}";
    ApiResponse first = withPush.handle(event("POST", "/me/devices", "user-erin", body, Map.of(), Map.of()));
    assertEquals(201, first.status(), first.toString());
    String deviceId = Json.mapper().valueToTree(first.body()).path("deviceId").asText();
    assertEquals(201, withPush.handle(event("POST", "/me/devices", "user-frank", body, Map.of(), Map.of())).status());
    assertNull(device("user-erin", deviceId), "erin's phone is now frank's");
    assertEquals(201, withPush.handle(event("POST", "/me/devices", "user-frank", body, Map.of(), Map.of())).status(), "again: same device");
    assertEquals(404, withPush.handle(event("DELETE", "/me/devices/{deviceId}", "user-erin", null, Map.of(), Map.of("deviceId", deviceId))).status());
    assertEquals(204, withPush.handle(event("DELETE", "/me/devices/{deviceId}", "user-frank", null, Map.of(), Map.of("deviceId", deviceId))).status());
    assertEquals(1, deleted.size());
    assertEquals(400, withPush.handle(event("POST", "/me/devices", "user-frank", "{\"platform\":\"android\",\"token\":\"a b\"}", Map.of(), Map.of())).status());
  }

  private static Map<String, AttributeValue> device(String userId, String deviceId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
        Table.PK, AttributeValue.fromS(Keys.devicesOf(ACCOUNT, userId)), Table.SK, AttributeValue.fromS(Keys.deviceSk(deviceId))))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  @Test
  void theSampleEventListsBrunosCenter() {
    JsonNode response = SampleEvents.invoke(api, "notifications-api/list-notifications.json");
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode body = SampleEvents.body(response);
    assertFalse(body.path("notifications").get(0).path("read").asBoolean());
  }

  private static void notification(String userId, int i, boolean read) {
    Instant at = NOW.minusSeconds(3600 - i);
    String id = NotificationIds.of("evt-" + i, userId, at);
    String time = Keys.time(at);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(Keys.notificationsOf(ACCOUNT, userId)));
    item.put(Table.SK, AttributeValue.fromS(Keys.notificationSk(time, id)));
    item.put("notificationId", AttributeValue.fromS(id));
    item.put("title", AttributeValue.fromS("n" + i));
    item.put("createdAt", AttributeValue.fromS(time));
    if (read) {
      item.put("readAt", AttributeValue.fromS(Keys.time(NOW)));
    } else {
      item.put(Table.GSI1PK, AttributeValue.fromS(Keys.unreadNotificationsOf(ACCOUNT, userId)));
      item.put(Table.GSI1SK, AttributeValue.fromS(Keys.activitySk(time, id)));
    }
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  private static JsonNode call(String method, String resource, String userId, String body, Map<String, String> query) {
    ApiResponse response = api.handle(event(method, resource, userId, body, query, Map.of()));
    assertTrue(response.status() < 300, response.toString());
    return Json.mapper().valueToTree(response.body());
  }

  private static int status(String method, String resource, String userId, String body, Map<String, String> query) {
    return status(method, resource, userId, body, query, Map.of());
  }

  private static int status(String method, String resource, String userId, String body, Map<String, String> query, Map<String, String> path) {
    return api.handle(event(method, resource, userId, body, query, path)).status();
  }

  private static JsonNode event(String method, String resource, String userId, String body, Map<String, String> query, Map<String, String> path) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("httpMethod", method);
    event.put("resource", resource);
    event.put("path", resource);
    event.put("queryStringParameters", query);
    event.put("pathParameters", path);
    event.put("body", body);
    event.put("requestContext", Map.of("authorizer", Map.of("accountId", ACCOUNT, "userId", userId, "role", "user")));
    return Json.mapper().valueToTree(event);
  }

  /** SnapStart priming (docs/decisions.md 46): reads of an account that does not exist, never a write. */
  @Test
  void primingOnlyReads() {
    var primed = api;
    Map<String, Integer> made = RequestCounter.during(primed::prime);
    org.junit.jupiter.api.Assertions.assertFalse(made.isEmpty(), "priming made no request");
    assertEquals(java.util.List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
  }
}
