package com.textinbox.shared.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests checked against docs/openapi.yaml's schemas (decision 55), through the generated api-schemas. */
class RequestValidationTest {
  /** Real routes of the document, each answering what it was given. */
  static final class Echo extends ApiHandler {
    Echo() {
      for (String[] route : new String[][] {{"PUT", "/me/away"}, {"POST", "/me/devices"}, {"GET", "/conversations"},
          {"GET", "/users/{userId}"}, {"POST", "/conversations/{conversationId}/messages"}, {"PATCH", "/customers/{customerId}"},
          {"PATCH", "/customers/{customerId}/attributes"}, {"PUT", "/me/notification-settings"}, {"POST", "/greetings"}}) {
        route(route[0], route[1], r -> ApiResponse.ok(Map.of("body", r.body() == null ? "" : r.json().toString())));
      }
    }
  }

  private static final Echo API = new Echo();

  private static ApiResponse call(String method, String resource, Map<String, String> path, Map<String, String> query, String body) {
    ObjectNode event = Json.object();
    event.put("httpMethod", method);
    event.put("resource", resource);
    event.put("path", resource);
    event.set("pathParameters", Json.mapper().valueToTree(path));
    event.set("queryStringParameters", Json.mapper().valueToTree(query));
    if (body != null) {
      event.put("body", body);
    }
    event.putObject("requestContext").putObject("authorizer").put("accountId", "acct-1").put("userId", "user-1").put("role", "user");
    return API.handle(event);
  }

  private static JsonNode error(ApiResponse response) {
    assertEquals(400, response.status(), () -> Json.write(response.body()));
    return Json.mapper().valueToTree(response.body()).path("error");
  }

  private static String field(String method, String resource, String body) {
    return error(call(method, resource, Map.of(), Map.of(), body)).path("field").asText(null);
  }

  @Test
  void documentedBodiesPass() {
    assertEquals(200, call("PUT", "/me/away", Map.of(), Map.of(), "{\"on\":true,\"delegateId\":\"user-2\",\"returnAt\":\"2026-12-01\"}").status());
    assertEquals(200, call("PUT", "/me/away", Map.of(), Map.of(), "{\"on\":false,\"delegateId\":null}").status());
    assertEquals(200, call("PATCH", "/customers/{customerId}/attributes", Map.of("customerId", "c1"), Map.of(),
        "{\"vehicle\":\"Civic\",\"services\":[\"oil\"],\"km\":12000,\"dueOn\":null}").status());
    assertEquals(200, call("PUT", "/me/notification-settings", Map.of(), Map.of(),
        "{\"categories\":{\"conversation\":{\"email\":false}},\"email\":{\"mode\":\"digest\",\"digestHour\":7}}").status());
    assertEquals(200, call("GET", "/conversations", Map.of(), Map.of("status", "all", "limit", "10"), null).status());
  }

  @Test
  void wrongTypesNameTheField() {
    assertEquals("delegateId", field("PUT", "/me/away", "{\"on\":false,\"delegateId\":[]}"));
    assertEquals("on", field("PUT", "/me/away", "{\"on\":\"yes\"}"));
    assertEquals("on", field("PUT", "/me/away", "{}"));
    assertEquals("token", field("POST", "/me/devices", "{\"platform\":\"ios\",\"token\":123}"));
    assertEquals("token", field("POST", "/me/devices", "{\"platform\":\"ios\",\"token\":true}"));
    assertEquals("platform", field("POST", "/me/devices", "{\"platform\":\"windows\",\"token\":\"t\"}"));
    assertEquals("source.type", field("POST", "/conversations/{conversationId}/messages", "{\"body\":\"hi\",\"source\":{\"type\":{}}}"));
    assertEquals("source", field("POST", "/conversations/{conversationId}/messages", "{\"body\":\"hi\",\"source\":[]}"));
    assertEquals("otherPhones[0].type", field("PATCH", "/customers/{customerId}", "{\"otherPhones\":[{\"type\":\"cell\",\"number\":\"1\"}]}"));
    assertEquals("email.digestHour", field("PUT", "/me/notification-settings", "{\"email\":{\"digestHour\":24}}"));
    assertEquals("attributes.km", field("PATCH", "/customers/{customerId}/attributes", "{\"km\":true}"));
  }

  @Test
  void unknownFieldsAndParametersAreRefused() {
    assertEquals("colour", field("PUT", "/me/away", "{\"on\":true,\"colour\":\"red\"}"));
    assertEquals("categories.sms", field("PUT", "/me/notification-settings", "{\"categories\":{\"sms\":{}}}"));
    assertEquals("sort", error(call("GET", "/conversations", Map.of(), Map.of("sort", "asc"), null)).path("field").asText());
    assertEquals("limit", error(call("GET", "/conversations", Map.of(), Map.of("limit", "0"), null)).path("field").asText());
    assertEquals("limit", error(call("GET", "/conversations", Map.of(), Map.of("limit", "ten"), null)).path("field").asText());
    assertEquals("status", error(call("GET", "/conversations", Map.of(), Map.of("status", "pending"), null)).path("field").asText());
  }

  /** The one check of a body's fields and of a limit's range (no handler repeats them): its messages say what is allowed. */
  @Test
  void theMessagesSayWhatIsAllowed() {
    assertEquals("'limit' is a whole number from 1 to 100.",
        error(call("GET", "/conversations", Map.of(), Map.of("limit", "101"), null)).path("message").asText());
    assertEquals("'limit' is a whole number from 1 to 100.",
        error(call("GET", "/conversations", Map.of(), Map.of("limit", "0"), null)).path("message").asText());
    assertEquals("'limit' must be a whole number.",
        error(call("GET", "/conversations", Map.of(), Map.of("limit", "ten"), null)).path("message").asText());
    JsonNode unknown = error(call("PATCH", "/customers/{customerId}", Map.of("customerId", "c1"), Map.of(), "{\"nickname\":\"Jo\"}"));
    assertEquals("nickname", unknown.path("field").asText());
    assertTrue(unknown.path("message").asText().startsWith("Unknown field 'nickname'; the fields are firstName, lastName, mobile"),
        unknown.toString());
    JsonNode phone = error(call("PATCH", "/customers/{customerId}", Map.of("customerId", "c1"), Map.of(),
        "{\"otherPhones\":[{\"type\":\"home\",\"number\":\"1\",\"ext\":\"2\"}]}"));
    assertEquals("otherPhones[0].ext", phone.path("field").asText());
    assertEquals("Unknown field 'otherPhones[0].ext'; the fields are type, number.", phone.path("message").asText());
  }

  @Test
  void idsAreBoundedBeforeAnyStoreSeesThem() {
    assertEquals(200, call("GET", "/users/{userId}", Map.of("userId", "u".repeat(128)), Map.of(), null).status());
    assertEquals("userId", error(call("GET", "/users/{userId}", Map.of("userId", "u".repeat(129)), Map.of(), null)).path("field").asText());
    assertEquals("delegateId", field("PUT", "/me/away", "{\"on\":true,\"delegateId\":\"" + "d".repeat(1020) + "\"}"));
    // a route the document does not have: ids are bounded all the same
    ApiResponse undocumented = call("POST", "/greetings", Map.of("id", "g".repeat(2100)), Map.of(), null);
    assertEquals(400, undocumented.status());
  }

  @Test
  void malformedBodiesAreA400ThatExposesNoParser() {
    for (String body : new String[] {"{\"on\":true} trailing", "{\"on\":true}{}", "{\"on\":", "[", "nul", "\"text\""}) {
      JsonNode error = error(call("PUT", "/me/away", Map.of(), Map.of(), body));
      assertFalse(error.path("message").asText().contains("Unexpected"), error.toString());
      assertFalse(error.path("message").asText().contains("com.fasterxml"), error.toString());
    }
    assertTrue(error(call("PUT", "/me/away", Map.of(), Map.of(), "{\"on\":true} x")).path("message").asText().contains("line 1"));
    assertEquals(400, call("PUT", "/me/away", Map.of(), Map.of(), null).status());
  }

  @Test
  void aByteOrderMarkIsSkippedAndALoneSurrogateRefused() {
    assertEquals(200, call("PUT", "/me/away", Map.of(), Map.of(), "\uFEFF{\"on\":true}").status());
    assertEquals("delegateId", field("PUT", "/me/away", "{\"on\":true,\"delegateId\":\"\\ud800\"}"));
    assertEquals(200, call("PUT", "/me/away", Map.of(), Map.of(), "{\"on\":true,\"delegateId\":\"\\ud83d\\ude00\"}").status());
    assertEquals("userId", error(call("GET", "/users/{userId}", Map.of("userId", "a\ud800"), Map.of(), null)).path("field").asText());
  }
}
