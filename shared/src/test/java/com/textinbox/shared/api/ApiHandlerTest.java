package com.textinbox.shared.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {
  record Greeting(String name, int times) {
    /** What a route does with a field of the wrong type: a 400 naming it. */
    static Greeting of(com.fasterxml.jackson.databind.JsonNode json) {
      if (json.has("times") && !json.get("times").canConvertToInt()) {
        throw ApiError.invalid("times", "The field 'times' has the wrong type.");
      }
      return new Greeting(Json.text(json, "name"), json.path("times").asInt());
    }
  }

  static final class Sample extends ApiHandler {
    Sample() {
      route("POST", "/greetings/{id}", r -> {
        Greeting g = Greeting.of(r.json());
        if (g.name() == null) {
          throw ApiError.invalid("name", "A name is required.");
        }
        return ApiResponse.created(Map.of("id", r.pathParameter("id"), "text", ("hi " + g.name() + " ").repeat(g.times()).trim(),
            "account", r.caller().accountId()));
      });
      route("GET", "/boom", r -> {
        throw new IllegalStateException("secret internals");
      });
      routeForEveryone("GET", "/profile", r -> ApiResponse.ok(Map.of("user", r.caller().userId())));
      routeForApiKeys("PUT", "/integration/things/{id}", r -> ApiResponse.ok(Map.of("key", r.caller().userId(),
          "apiKey", r.caller().isApiKey(), "admin", r.caller().isAdmin())));
    }
  }

  private static ObjectNode event(String method, String resource, String body, String role) {
    ObjectNode event = Json.object();
    event.put("httpMethod", method);
    event.put("resource", resource);
    event.put("path", resource.replace("{id}", "g1"));
    event.putObject("pathParameters").put("id", "g1");
    if (body != null) {
      event.put("body", body);
    }
    ObjectNode authorizer = event.putObject("requestContext").putObject("authorizer");
    if (role != null) {
      authorizer.put("accountId", "acct-1").put("userId", "user-1").put("role", role);
    }
    return event;
  }

  private static JsonNode body(ApiResponse response) {
    return Json.mapper().valueToTree(response.body());
  }

  @Test
  void routesByMethodAndResourceWithTheCallerFromTheAuthorizer() {
    ApiResponse response = new Sample().handle(event("POST", "/greetings/{id}", "{\"name\":\"Ann\",\"times\":2}", "user"));
    assertEquals(201, response.status());
    assertEquals("hi Ann hi Ann", body(response).path("text").asText());
    assertEquals("acct-1", body(response).path("account").asText());
    assertEquals("g1", body(response).path("id").asText());
  }

  @Test
  void clientFaultsAre4xxWithCodeMessageAndField() {
    Sample api = new Sample();
    ApiResponse malformed = api.handle(event("POST", "/greetings/{id}", "{not json", "user"));
    assertEquals(400, malformed.status());
    assertEquals("bad_request", body(malformed).path("error").path("code").asText());

    ApiResponse wrongType = api.handle(event("POST", "/greetings/{id}", "{\"name\":\"Ann\",\"times\":\"many\"}", "user"));
    assertEquals(400, wrongType.status());
    assertEquals("times", body(wrongType).path("error").path("field").asText());

    ApiResponse missing = api.handle(event("POST", "/greetings/{id}", "{\"times\":1}", "user"));
    assertEquals("name", body(missing).path("error").path("field").asText());

    ApiResponse noBody = api.handle(event("POST", "/greetings/{id}", null, "user"));
    assertEquals(400, noBody.status());
  }

  @Test
  void anUnexpectedFailureIsA500ThatLeaksNothing() {
    ApiResponse response = new Sample().handle(event("GET", "/boom", null, "admin"));
    assertEquals(500, response.status());
    assertEquals("internal", body(response).path("error").path("code").asText());
    assertEquals(false, body(response).toString().contains("secret"));
  }

  @Test
  void withoutAnIdentityItIs401AndFreeUsersReachOnlyTheirRoutes() {
    assertEquals(401, new Sample().handle(event("GET", "/profile", null, null)).status());
    assertEquals(403, new Sample().handle(event("GET", "/boom", null, "free")).status());
    assertEquals(200, new Sample().handle(event("GET", "/profile", null, "free")).status());
    ApiResponse unknownRole = new Sample().handle(event("GET", "/boom", null, "superuser"));
    assertEquals(403, unknownRole.status(), "an unknown role is treated as the least privileged");
  }

  @Test
  void anUnknownRouteIsA404() {
    ApiResponse response = new Sample().handle(event("DELETE", "/greetings/{id}", null, "admin"));
    assertEquals(404, response.status());
    assertNull(body(response).path("error").get("field"));
  }

  /** AP4: a company's API key, as the authorizer's context says it. */
  private static ObjectNode keyEvent(String method, String resource) {
    ObjectNode event = event(method, resource, "{\"name\":\"Ann\",\"times\":1}", null);
    ((ObjectNode) event.path("requestContext").path("authorizer")).put("accountId", "acct-1").put("userId", "key-1")
        .put("principal", "apiKey");
    return event;
  }

  @Test
  void anApiKeyReachesOnlyTheRoutesForApiKeysAndIsNoAdmin() {
    ApiResponse integration = new Sample().handle(keyEvent("PUT", "/integration/things/{id}"));
    assertEquals(200, integration.status());
    assertEquals("key-1", body(integration).path("key").asText());
    assertEquals(true, body(integration).path("apiKey").asBoolean());
    assertEquals(false, body(integration).path("admin").asBoolean(), "a key is never an admin");
    for (String[] route : new String[][] {{"POST", "/greetings/{id}"}, {"GET", "/profile"}}) {
      ApiResponse refused = new Sample().handle(keyEvent(route[0], route[1]));
      assertEquals(403, refused.status(), route[1]);
    }
  }

  @Test
  void aUserTokenNeverReachesARouteForApiKeys() {
    for (String role : new String[] {"admin", "user", "free"}) {
      ApiResponse refused = new Sample().handle(event("PUT", "/integration/things/{id}", "{}", role));
      assertEquals(403, refused.status(), role);
      assertEquals(true, body(refused).path("error").path("message").asText().contains("API key"), body(refused).toString());
    }
  }
}
