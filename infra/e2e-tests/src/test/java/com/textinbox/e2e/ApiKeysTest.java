package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * API keys (AP4) end to end: admins create, list and revoke them (UsersApi); a key reaches the
 * /integration routes and nothing else; a user's token never reaches them; a revoked key is
 * refused at its next request (the /integration authorizer caches nothing).
 */
class ApiKeysTest {
  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static Http.Response call(String method, String path, String credential, Object body) {
    return Http.send(method, api(path), credential, body == null ? null : body instanceof String s ? s : Http.json(body));
  }

  private static JsonNode keyNamed(String name, String token) {
    Http.Response list = call("GET", "/settings/api-keys", token, null);
    assertEquals(200, list.status(), list.body());
    for (JsonNode key : list.json().path("keys")) {
      if (name.equals(key.path("name").asText())) {
        return key;
      }
    }
    return null;
  }

  @Test
  void anAdminCreatesAKeyShownOnceListsItByItsLastFourAndRevokesIt() {
    String admin = Tokens.of("admin");
    Http.Response created = call("POST", "/settings/api-keys", admin, Map.of("name", "Dealer DMS (keys test)"));
    assertEquals(201, created.status(), created.body());
    String key = created.json().path("key").asText();
    assertTrue(key.startsWith("tik_") && key.length() == 47, key);
    assertEquals(key.substring(key.length() - 4), created.json().path("lastFour").asText());
    assertEquals(Tokens.claims(admin).path("sub").asText(), created.json().path("createdBy").asText());
    String keyId = created.json().path("id").asText();

    JsonNode listed = keyNamed("Dealer DMS (keys test)", admin);
    assertEquals(keyId, listed.path("id").asText());
    assertFalse(listed.has("key"), "the key is shown once, at creation: " + listed);
    assertFalse(listed.toString().contains(key.substring(4, 20)), listed.toString());

    // stored hashed: no item of the table holds the key itself
    Map<String, AttributeValue> item = LocalAws.item("A#acct-maple-motors", "APIKEY#" + keyId);
    assertFalse(item.toString().contains(key), "the company's item holds only the hash");
    assertEquals(64, item.get("hash").s().length());

    String credential = "ApiKey " + key;
    Http.Response works = call("PUT", "/integration/customers/KEYS-TEST-1", credential, Map.of("firstName", "Key", "lastName", "Tester"));
    assertEquals(201, works.status(), works.body());

    assertEquals(204, call("DELETE", "/settings/api-keys/" + keyId, admin, null).status());
    Http.Response revoked = call("PUT", "/integration/customers/KEYS-TEST-1", credential, Map.of("firstName", "Key"));
    assertEquals(401, revoked.status(), "a revoked key stops working at once: " + revoked.body());
    assertEquals(null, keyNamed("Dealer DMS (keys test)", admin));
    assertEquals(404, call("DELETE", "/settings/api-keys/" + keyId, admin, null).status(), "revoked already");
  }

  @Test
  void aKeyReachesOnlyTheIntegrationRoutes() {
    String key = Tokens.apiKey("admin", "Keys test: only integration");
    for (String[] route : new String[][] {{"GET", "/me"}, {"GET", "/customers"}, {"GET", "/settings/api-keys"},
        {"POST", "/settings/api-keys"}, {"GET", "/customers/cust-john/conversations"}, {"GET", "/conversations"}}) {
      Http.Response response = call(route[0], route[1], key, route[0].equals("POST") ? Map.of("name", "x") : null);
      assertEquals(403, response.status(), route[0] + " " + route[1] + " with a key: " + response.body());
    }
    // the same key again, now from the TokenAuthorizer's cache: still kept to /integration
    assertEquals(403, call("GET", "/customers", key, null).status());
    Http.Response integration = call("PUT", "/integration/customers/KEYS-TEST-2", key, Map.of("firstName", "Only"));
    assertEquals(201, integration.status(), integration.body());
    assertEquals(403, call("GET", "/customers", key, null).status(), "after an /integration call too");
  }

  @Test
  void aUserTokenNeverReachesTheIntegrationRoutes() {
    for (String user : new String[] {"admin", "user1", "free"}) {
      Http.Response response = call("PUT", "/integration/customers/KEYS-TEST-3", Tokens.of(user), Map.of("firstName", "Nope"));
      assertEquals(403, response.status(), user + ": " + response.body());
    }
    Http.Response noKey = call("PUT", "/integration/customers/KEYS-TEST-3", null, Map.of("firstName", "Nope"));
    assertEquals(401, noKey.status(), noKey.body());
  }

  @Test
  void onlyAdminsManageKeysAndEachCompanySeesItsOwn() {
    Http.Response byUser = call("POST", "/settings/api-keys", Tokens.of("user1"), Map.of("name", "not mine"));
    assertEquals(403, byUser.status(), byUser.body());
    assertEquals(403, call("GET", "/settings/api-keys", Tokens.of("user1"), null).status());
    String dealershipKey = Tokens.apiKey("admin", "Keys test: the dealership's");
    JsonNode listed = keyNamed("Keys test: the dealership's", Tokens.of("admin"));
    assertEquals(null, keyNamed("Keys test: the dealership's", Tokens.of("otherAdmin")), "the clinic does not see it");
    assertEquals(404, call("DELETE", "/settings/api-keys/" + listed.path("id").asText(), Tokens.of("otherAdmin"), null).status());
    // the clinic's key with the dealership's reference makes the clinic's own customer, never touches the dealership's
    String clinicKey = Tokens.apiKey("otherAdmin", "Keys test: the clinic's");
    Http.Response dealership = call("PUT", "/integration/customers/KEYS-TEST-4", dealershipKey, Map.of("firstName", "Dealer"));
    Http.Response clinic = call("PUT", "/integration/customers/KEYS-TEST-4", clinicKey, Map.of("firstName", "Clinic"));
    assertEquals(201, dealership.status(), dealership.body());
    assertEquals(201, clinic.status(), clinic.body());
    assertNotEquals(dealership.json().path("customer").path("id").asText(), clinic.json().path("customer").path("id").asText());
    Http.Response again = call("GET", "/customers/" + dealership.json().path("customer").path("id").asText(), Tokens.of("admin"), null);
    assertEquals("Dealer", again.json().path("firstName").asText());
  }

  @Test
  void badKeyRequestsAreFourHundredsNamingTheField() {
    String admin = Tokens.of("admin");
    Http.Response noName = call("POST", "/settings/api-keys", admin, Map.of());
    assertEquals(400, noName.status());
    assertEquals("name", noName.json().path("error").path("field").asText());
    Http.Response unknown = call("POST", "/settings/api-keys", admin, Map.of("name", "x", "scopes", "all"));
    assertEquals("scopes", unknown.json().path("error").path("field").asText());
    Http.Response tooLong = call("POST", "/settings/api-keys", admin, Map.of("name", "x".repeat(61)));
    assertEquals(400, tooLong.status());
    Http.Response wrongType = call("POST", "/settings/api-keys", admin, Map.of("name", 12));
    assertEquals("name", wrongType.json().path("error").path("field").asText());
    assertEquals(400, call("DELETE", "/settings/api-keys/" + "k".repeat(300), admin, null).status(),
        "a key id no key could have is refused by the request check, before any look-up");
  }

  @Test
  void badIntegrationRequestsAreFourHundredsNamingTheField() {
    String key = Tokens.apiKey("admin", "Keys test: bad input");
    Object[][] cases = {
        {"/integration/customers/R-1", Map.of("firstName", "A", "nickname", "B"), "nickname"},
        {"/integration/customers/R-1", Map.of("firstName", 12), "firstName"},
        {"/integration/customers/R-1", Map.of("reference", "R-2", "firstName", "A"), "reference"},
        {"/integration/customers/R-1", Map.of("mobile", "not a number", "firstName", "A"), "mobile"},
        {"/integration/customers/R-1", Map.of("language", "de", "firstName", "A"), "language"},
        {"/integration/customers/R-1", Map.of("otherPhones", "514", "firstName", "A"), "otherPhones"},
        {"/integration/customers/" + "R".repeat(65), Map.of("firstName", "A"), "reference"},
        {"/integration/customers/-bad", Map.of("firstName", "A"), "reference"},
        {"/integration/customers/R-1", Map.of(), "firstName"},
    };
    for (Object[] c : cases) {
      Http.Response response = call("PUT", (String) c[0], key, c[1]);
      assertEquals(400, response.status(), c[0] + " " + c[1] + ": " + response.body());
      assertEquals(c[2], response.json().path("error").path("field").asText(), response.body());
    }
    Http.Response notJson = call("PUT", "/integration/customers/R-1", key, "{not json");
    assertEquals(400, notJson.status(), notJson.body());
    Http.Response array = call("PUT", "/integration/customers/R-1", key, "[]");
    assertEquals(400, array.status(), array.body());
  }
}
