package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A Schedule event of template.yaml, run on demand through the local cloud (the AwayReturns function). */
class ScheduledAwayReturnsTest {
  private static void awayUser(String userId, Instant returnAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", AttributeValue.fromS("A#acct-maple-motors"));
    item.put("SK", AttributeValue.fromS("USER#" + userId));
    item.put("type", AttributeValue.fromS("User"));
    item.put("name", AttributeValue.fromS(userId));
    item.put("role", AttributeValue.fromS("user"));
    item.put("away", AttributeValue.fromBool(true));
    item.put("awayReturnAt", AttributeValue.fromS(returnAt.toString()));
    item.put("GSI4PK", AttributeValue.fromS("DUE#AWAY_RETURNS"));
    item.put("GSI4SK", AttributeValue.fromS(returnAt + "#acct-maple-motors#" + userId));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(item));
  }

  private static boolean away(String userId) {
    return LocalAws.item("A#acct-maple-motors", "USER#" + userId).get("away").bool();
  }

  @Test
  void runningTheScheduleNowTurnsOffAwayModeForUsersWhoseReturnDateHasCome() {
    awayUser("user-e2e-back", Instant.now().minusSeconds(3_600));
    awayUser("user-e2e-later", Instant.now().plusSeconds(86_400));

    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/AwayReturns", null, null);
    assertEquals(200, response.status(), response.body());
    JsonNode summary = new Http.Response(200, response.json().path("output").asText()).json();
    assertTrue(summary.path("returned").asInt() >= 1, response.body());

    assertFalse(away("user-e2e-back"));
    assertTrue(away("user-e2e-later"));
  }

  @Test
  void aFunctionWithoutScheduleIsA404ThatSaysSo() {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/UsersApi", null, null);
    assertEquals(404, response.status());
    assertTrue(response.body().contains("no Schedule event"), response.body());
  }
}
