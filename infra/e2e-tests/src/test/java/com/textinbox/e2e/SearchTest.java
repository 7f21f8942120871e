package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /search (C15) end to end: the table's stream -> SearchIndexer -> OpenSearch (over TLS, the
 * OpenSearch Java client's SigV4 transport) -> SearchApi, always as a user of one company. Names
 * are made unique per run (random letters), so runs and other tests do not see each other.
 */
class SearchTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final String CLINIC = "acct-harbor-clinic";
  private static final Duration INDEXED = Duration.ofSeconds(60);

  private static String letters(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return out.toString();
  }

  private static Http.Response search(String user, String q, String types) {
    String url = LocalCloudProcess.endpoints().path("apiUrl").asText() + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + (types == null ? "" : "&types=" + types);
    return Http.get(url, Tokens.of(user));
  }

  /** The ids of one group's results. */
  private static List<String> ids(String user, String q, String type) {
    Http.Response response = search(user, q, type);
    assertEquals(200, response.status(), q + ": " + response.body());
    List<String> ids = new ArrayList<>();
    response.json().path("groups").get(0).path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static JsonNode firstHit(String what, String user, String q, String type, String id) {
    return Eventually.await(what, INDEXED, () -> {
      Http.Response response = search(user, q, type);
      for (JsonNode item : response.json().path("groups").get(0).path("items")) {
        if (item.path("id").asText().equals(id)) {
          return item;
        }
      }
      return null;
    });
  }

  private static String createCustomer(String user, Map<String, Object> fields) {
    Http.Response created = Http.post(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/customers", Tokens.of(user),
        Http.json(fields));
    assertEquals(201, created.status(), created.body());
    return created.json().path("id").asText();
  }

  private static void put(Map<String, String> attributes) {
    Map<String, AttributeValue> item = new HashMap<>();
    attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(item));
  }

  @Test
  void theSameNameInTwoCompaniesIsFoundByEachInItsOwnOnly() {
    String last = "Zeph" + letters(8);
    String ours = createCustomer("admin", Map.of("firstName", "Zéphyrine", "lastName", last));
    String theirs = createCustomer("otherAdmin", Map.of("firstName", "Zéphyrine", "lastName", last));
    firstHit("the dealership's Zéphyrine", "admin", "zephyrine " + last, "customer", ours);
    firstHit("the clinic's Zéphyrine", "otherAdmin", "zephyrine " + last, "customer", theirs);
    assertEquals(List.of(ours), ids("admin", "Zéphyrine " + last, "customer"));
    assertEquals(List.of(theirs), ids("otherAdmin", "Zéphyrine " + last, "customer"));
    assertFalse(search("otherAdmin", "Zéphyrine " + last, null).body().contains(DEALERSHIP));
  }

  @Test
  void aCustomerIsFoundByNameFoldedByPrefixWithOneTypoAndByEveryFormOfTheirNumber() {
    String last = "Qx" + letters(8);
    int line = 3000 + ThreadLocalRandom.current().nextInt(6000);
    String id = createCustomer("admin", Map.of("firstName", "Chloé", "lastName", last, "mobile", "+1514555" + line));
    JsonNode hit = firstHit("Chloé by 'Chloe'", "admin", "Chloe " + last, "customer", id);
    assertEquals("Chloé " + last, hit.path("customerName").asText());
    assertEquals("+1514555" + line, hit.path("customerPhone").asText());
    assertTrue(hit.path("highlights").path("name").get(0).asText().contains("<em>Chloé</em>"), hit.toString());

    assertTrue(ids("admin", "CHLOE " + last.toUpperCase(), "customer").contains(id), "case folded");
    assertTrue(ids("admin", last.substring(0, 5), "customer").contains(id), "a prefix, as typed");
    assertTrue(ids("admin", "chlo " + last.substring(0, 4), "customer").contains(id), "prefixes of both words");
    String typo = last.substring(0, 3) + (last.charAt(3) == 'z' ? 'y' : 'z') + last.substring(4);
    assertTrue(ids("admin", "Chloe " + typo, "customer").contains(id), "one typo: " + typo);

    for (String form : new String[] {"+1514555" + line, "+1 (514) 555-" + line, "514-555-" + line, "514.555." + line,
        "(514) 555 " + line, "555-" + line, "555" + line}) {
      assertTrue(ids("admin", form, "customer").contains(id), "the number as " + form);
    }
    Eventually.await("the last 4 digits", INDEXED, () -> {
      Http.Response response = search("admin", String.valueOf(line), "customer");
      return response.body().contains(id);
    });
    assertFalse(search("otherAdmin", "+1514555" + line, "customer").body().contains(id), "never another company's");
  }

  @Test
  void aCustomerIsFoundByEachOfTheirOtherNumbersToo() {
    String last = "Oth" + letters(8);
    String work = mobile();
    String id = createCustomer("admin", Map.of("firstName", "Ophélie", "lastName", last, "mobile", mobile(),
        "otherPhones", List.of(Map.of("type", "work", "number", "(" + work.substring(2, 5) + ") " + work.substring(5, 8) + "-" + work.substring(8)))));
    firstHit("Ophélie", "admin", "ophelie " + last, "customer", id);
    for (String form : new String[] {work, work.substring(2), work.substring(5), work.substring(8)}) {
      assertTrue(ids("admin", form, "customer").contains(id), "her work number as " + form);
    }
  }

  @Test
  void aWordOfAMessageIsFoundInFrenchAndEnglishWithItsConversationAndCustomer() {
    String token = "zq" + letters(10);
    String to = LocalCloudProcess.endpoints().path("companyNumber").asText();
    String send = LocalCloudProcess.endpoints().path("carrier").path("send").asText();
    assertEquals(202, Http.post(send, null, Http.json(Map.of("from", "+15145550112", "to", to,
        "body", "Bonjour, mes pneus d'hiver sont installés ? " + token))).status());
    assertEquals(202, Http.post(send, null, Http.json(Map.of("from", "+15145550112", "to", to,
        "body", "Are the windshields replaced yet? " + token))).status());

    Eventually.await("both texts searchable", INDEXED, () -> {
      Http.Response response = search("user1", token, "message");
      return response.json().path("groups").get(0).path("total").asInt() == 2;
    });
    JsonNode french = search("user1", "installé " + token, "message").json().path("groups").get(0);
    assertEquals(1, french.path("total").asInt(), french.toString());
    JsonNode hit = french.path("items").get(0);
    assertEquals("John Smith", hit.path("customerName").asText());
    assertEquals("conv-demo-john", hit.path("conversationId").asText());
    assertTrue(hit.path("highlights").path("text").get(0).asText().contains("<em>"), hit.toString());

    JsonNode english = search("user1", "windshield replace " + token, "message").json().path("groups").get(0);
    assertEquals(1, english.path("total").asInt(), english.toString());
    assertEquals(0, search("otherAdmin", token, "message").json().path("groups").get(0).path("total").asInt(),
        "another company never sees it");
  }

  @Test
  void anArchivedConversationIsFoundFromItsMessages() {
    String token = "arch" + letters(10);
    String conversationId = "conv-e2e-archived-" + letters(8);
    put(Map.of("PK", "A#" + DEALERSHIP + "#CONV#" + conversationId, "SK", "T#2025-01-10T10:00:00.000Z#msg-" + token,
        "type", "Message", "messageId", "msg-" + token, "conversationId", conversationId, "customerId", "cust-john",
        "direction", "INBOUND", "body", "Old question about the " + token, "receivedAt", "2025-01-10T10:00:00.000Z"));
    JsonNode hit = firstHit("the archived conversation's message", "admin", token, "message", "msg-" + token);
    assertEquals(conversationId, hit.path("conversationId").asText());
    assertEquals("John Smith", hit.path("customerName").asText());
  }

  @Test
  void anInvoiceIsFoundByItsRoNumberExactlyAndByItsAmountAnAppointmentByTypeAndDay() {
    String ro = "RO-" + (100000 + ThreadLocalRandom.current().nextInt(800000));
    String cents = String.valueOf(10 + ThreadLocalRandom.current().nextInt(89));
    String amount = "7" + (100 + ThreadLocalRandom.current().nextInt(800)) + "." + cents;
    put(Map.of("PK", "A#" + DEALERSHIP + "#INVOICE#INV-" + ro, "SK", "INVOICE", "type", "Invoice", "number", "INV-" + ro,
        "customerId", "cust-john", "roNumber", ro, "amount", amount, "currency", "CAD", "status", "open",
        "createdAt", "2026-12-05T15:00:00.000Z"));
    JsonNode invoice = firstHit("the invoice by its RO number", "admin", ro.toLowerCase(), "invoice", "INV-" + ro);
    // compared as numbers: this test's mapper reads 7186.40 as the double 7186.4 (one amount in ten ends in 0)
    assertEquals(0, new java.math.BigDecimal(amount).compareTo(invoice.path("amount").decimalValue()), invoice.toString());
    assertEquals("John Smith", invoice.path("customerName").asText());
    assertFalse(ids("admin", ro + "1", "invoice").contains("INV-" + ro), "exactly: no longer number");
    assertFalse(ids("admin", ro.substring(0, ro.length() - 1), "invoice").contains("INV-" + ro), "exactly: no prefix");
    assertTrue(ids("admin", "inv-" + ro.toLowerCase(), "invoice").contains("INV-" + ro), "by its invoice number");
    assertTrue(ids("admin", amount, "invoice").contains("INV-" + ro), "the amount as " + amount);
    String french = amount.replace('.', ',') + " $";
    assertTrue(ids("admin", french, "invoice").contains("INV-" + ro), "the amount as " + french);
    assertTrue(ids("admin", "$" + amount, "invoice").contains("INV-" + ro), "the amount as $" + amount);
    assertTrue(ids("otherAdmin", ro, "invoice").isEmpty(), "never another company's");

    String type = "Vidange" + letters(6);
    String appointmentId = "appt-e2e-" + letters(8);
    put(Map.of("PK", "A#" + DEALERSHIP + "#APPT#" + appointmentId, "SK", "APPOINTMENT", "type", "Appointment",
        "appointmentId", appointmentId, "customerId", "cust-john", "startsAt", "2031-03-04T14:00:00.000Z",
        "appointmentType", type, "status", "scheduled"));
    JsonNode appointment = firstHit("the appointment by its type", "admin", type.toLowerCase(), "appointment", appointmentId);
    assertEquals("2031-03-04T14:00:00.000Z", appointment.path("at").asText());
    assertTrue(ids("admin", "2031-03-04", "appointment").contains(appointmentId), "by its day");
  }

  @Test
  void anAppointmentIsFoundByItsDayInTheCompanysZoneNotTheUtcOne() {
    // booked through AppointmentsApi at 21:00 in Toronto (the dealership's zone: Account.zoneOf, the
    // default) on 4 March 2031, which is 02:00Z on the 5th
    String type = "Evening" + letters(8);
    Http.Response created = Http.post(api("/appointments"), Tokens.of("user1"), Http.json(Map.of("customerId", "cust-john",
        "startsAt", "2031-03-04T21:00", "type", type)));
    assertEquals(201, created.status(), created.body());
    String appointmentId = created.json().path("appointmentId").asText();
    assertTrue(created.json().path("startsAt").asText().startsWith("2031-03-05T02:00"), created.body());
    JsonNode hit = firstHit("the evening appointment", "admin", type, "appointment", appointmentId);
    assertEquals("John Smith", hit.path("customerName").asText());
    assertTrue(ids("admin", "2031-03-04", "appointment").contains(appointmentId), "its Toronto date");
    assertFalse(ids("admin", "2031-03-05", "appointment").contains(appointmentId), "not the UTC date");
    // the same day as GET /appointments?date= reads it
    Http.Response day = Http.get(api("/appointments?date=2031-03-04"), Tokens.of("admin"));
    assertEquals(200, day.status(), day.body());
    assertTrue(day.body().contains(appointmentId), "the appointments list puts it on the same day: " + day.body());
  }

  @Test
  void aDeletedCustomerIsNotFoundNorTheirMessages() {
    String last = "Del" + letters(8);
    String mobile = mobile();
    String id = createCustomer("admin", Map.of("firstName", "Gaspard", "lastName", last, "mobile", mobile));
    String token = "del" + letters(10);
    text(mobile, "Please call me back about the " + token);
    firstHit("the customer before the delete", "admin", "gaspard " + last, "customer", id);
    JsonNode message = Eventually.await("their text searchable", INDEXED, () -> {
      JsonNode items = search("admin", token, "message").json().path("groups").get(0).path("items");
      return items.size() == 1 ? items.get(0) : null;
    });
    assertEquals(id, message.path("customerId").asText());

    // P5: DELETE /customers/{id} (202: there is history, deleted by the CustomerDeletion job)
    Http.Response deleted = Http.send("DELETE", LocalCloudProcess.endpoints().path("apiUrl").asText() + "/customers/" + id,
        Tokens.of("admin"), null);
    assertEquals(202, deleted.status(), deleted.body());
    Eventually.await("the deleted customer gone from search", INDEXED, () -> ids("admin", "gaspard " + last, "customer").isEmpty());
    Eventually.await("their messages gone from search", INDEXED, () -> ids("admin", token, "message").isEmpty());
    assertTrue(ids("admin", mobile, "customer").isEmpty(), "nor by their number");
  }

  /** A number of the 438 area no other test uses, random per run. */
  private static String mobile() {
    return "+1438555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
  }

  /** Texts the company as {@code from} through the carrier stand-in (stored asynchronously). */
  private static void text(String from, String body) {
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null, Http.json(Map.of(
        "from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, sent.status(), sent.body());
  }

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  @Test
  void aMergedProfilesMessagesAndArchivedConversationAreFoundUnderTheSurvivor() {
    String key = Tokens.apiKey("admin", "Search merge DMS");
    String tag = letters(8);
    String mobileA = mobile();
    String otherMobile = mobile();
    String mobileB = otherMobile.equals(mobileA) ? "+1438555" + (mobileA.endsWith("0") ? "0001" : "0000") : otherMobile;
    // A: made by hand, texts from its mobile; B: the DMS's customer, texts from another
    String a = createCustomer("admin", Map.of("firstName", "Annie", "lastName", "Hand" + tag, "mobile", mobileA));
    String wordA = "mrga" + letters(10);
    text(mobileA, "Is the loaner ready? " + wordA);
    String reference = "DMS-SEARCH-" + tag.toUpperCase();
    Http.Response created = Eventually.await("IntegrationApi to answer", Duration.ofSeconds(180), () -> {
      try {
        Http.Response response = Http.send("PUT", api("/integration/customers/" + reference), key,
            Http.json(Map.of("firstName", "Bea", "lastName", "Dms" + tag, "mobile", mobileB)));
        return response.status() == 201 || response.status() == 200 ? response : null;
      } catch (IllegalStateException timedOut) {
        return null;
      }
    });
    String b = created.json().path("customer").path("id").asText();
    String wordB = "mrgb" + letters(10);
    text(mobileB, "Thanks for the call " + wordB);
    JsonNode before = Eventually.await("A's text searchable", INDEXED, () -> {
      JsonNode items = search("admin", wordA, "message").json().path("groups").get(0).path("items");
      return items.size() == 1 ? items.get(0) : null;
    });
    assertEquals(a, before.path("customerId").asText());
    String conversationA = before.path("conversationId").asText();
    firstHit("A by name", "admin", "annie hand" + tag, "customer", a);
    Eventually.await("B's text searchable", INDEXED, () -> ids("admin", wordB, "message").size() == 1);

    // C14: the DMS gives B A's mobile: A is merged into B, A's conversation archived under B
    Http.Response merged = Http.send("PUT", api("/integration/customers/" + reference), key, Http.json(Map.of("mobile", mobileA)));
    assertEquals(200, merged.status(), merged.body());
    assertEquals(a, merged.json().path("merge").path("mergedCustomerId").asText(), merged.body());
    Http.Response archived = Http.get(api("/conversations/" + conversationA), Tokens.of("admin"));
    assertEquals("ARCHIVED", archived.json().path("conversation").path("status").asText(), archived.body());

    JsonNode after = Eventually.await("A's text shown under B", INDEXED, () -> {
      JsonNode items = search("admin", wordA, "message").json().path("groups").get(0).path("items");
      return items.size() == 1 && items.get(0).path("customerId").asText().equals(b) ? items.get(0) : null;
    });
    assertEquals("Bea Dms" + tag, after.path("customerName").asText(), after.toString());
    assertEquals(mobileA, after.path("customerPhone").asText(), "the survivor's number now: " + after);
    assertEquals(conversationA, after.path("conversationId").asText(), "the archived conversation, found by its message");
    JsonNode ownText = search("admin", wordB, "message").json().path("groups").get(0).path("items").get(0);
    assertEquals(b, ownText.path("customerId").asText());
    Eventually.await("A's customer document gone", INDEXED, () -> ids("admin", "annie hand" + tag, "customer").isEmpty());
    Eventually.await("B found by A's number", INDEXED, () -> ids("admin", mobileA, "customer").equals(List.of(b)));
    assertEquals(List.of(b), ids("admin", reference.toLowerCase(), "customer"), "B by its DMS reference");
    assertTrue(ids("otherAdmin", wordA, "message").isEmpty(), "never another company's");
  }

  @Test
  void aNextPageIsASignedCursorRefusedWithOtherFiltersAnotherUserOrCompanyOrAltered() {
    String token = "page" + letters(10);
    String conversationId = "conv-e2e-pages-" + letters(8);
    for (int i = 0; i < 11; i++) {
      String at = "2025-02-0" + (1 + i % 9) + "T10:00:" + (10 + i) + ".000Z";
      put(Map.of("PK", "A#" + DEALERSHIP + "#CONV#" + conversationId, "SK", "T#" + at + "#msg-" + token + i,
          "type", "Message", "messageId", "msg-" + token + i, "conversationId", conversationId, "customerId", "cust-john",
          "direction", "INBOUND", "body", "Question " + i + " about the " + token, "receivedAt", at));
    }
    Eventually.await("eleven texts searchable", INDEXED,
        () -> search("user1", token, "message").json().path("groups").get(0).path("total").asInt() == 11);
    JsonNode first = search("user1", token, "message").json().path("groups").get(0);
    assertEquals(10, first.path("items").size());
    String cursor = first.path("nextCursor").asText();
    String base = api("/search?q=" + token + "&types=message&cursor=");

    Http.Response next = Http.get(base + cursor, Tokens.of("user1"));
    assertEquals(200, next.status(), next.body());
    JsonNode second = next.json().path("groups").get(0);
    assertEquals(1, second.path("items").size(), second.toString());
    assertTrue(second.path("nextCursor").isMissingNode() || second.path("nextCursor").isNull(), "the last page");
    List<String> all = new ArrayList<>();
    first.path("items").forEach(item -> all.add(item.path("id").asText()));
    second.path("items").forEach(item -> all.add(item.path("id").asText()));
    assertEquals(11, all.stream().distinct().count(), "every text once: " + all);

    Map<String, Http.Response> refused = new java.util.LinkedHashMap<>();
    refused.put("another q", Http.get(api("/search?q=question+" + token + "&types=message&cursor=" + cursor), Tokens.of("user1")));
    refused.put("other types", Http.get(api("/search?q=" + token + "&types=message,customer&cursor=" + cursor), Tokens.of("user1")));
    refused.put("another user", Http.get(base + cursor, Tokens.of("admin")));
    refused.put("another company", Http.get(base + cursor, Tokens.of("otherAdmin")));
    char c = cursor.charAt(5);
    refused.put("altered", Http.get(base + cursor.substring(0, 5) + (c == 'A' ? 'B' : 'A') + cursor.substring(6), Tokens.of("user1")));
    refused.put("unsigned", Http.get(base + "eyJ0IjoibWVzc2FnZSIsImYiOjEwfQ", Tokens.of("user1")));
    refused.forEach((why, response) -> {
      assertEquals(400, response.status(), why + ": " + response.body());
      assertEquals("cursor", response.json().path("error").path("field").asText(), why + ": " + response.body());
    });
  }

  @Test
  void badInputIsAClear400OrAnEmptyResultNeverA500AndFreeUsersGet403() {
    for (String q : new String[] {"", " ", "*", "*:*", "\"", "\"*\"", "\\", "a".repeat(201), "a".repeat(1000), "\" * \\ ()", "?~^", "$"}) {
      Http.Response response = search("admin", q, null);
      assertEquals(400, response.status(), "'" + q + "': " + response.body());
      assertEquals("q", response.json().path("error").path("field").asText());
    }
    for (String q : new String[] {"\"Chloé\" OR *", "\" OR \\", "OR", "john*", "name:john", "a\\b", "(x) AND [y]", "john OR *:*",
        "a".repeat(200), "2026-02-30", "149,99 $"}) {
      Http.Response response = search("admin", q, null);
      assertEquals(200, response.status(), "'" + q + "': " + response.body());
    }
    Http.Response everything = search("admin", "john OR *:*", "customer");
    assertEquals(0, everything.json().path("groups").get(0).path("total").asInt(),
        "OR and *:* are words, not query syntax: no customer has them all: " + everything.body());
    assertEquals(400, search("admin", "john", "customer,payment").status());
    assertEquals(403, search("free", "john", null).status());
  }

  @Test
  void reindexRebuildsIntoANewIndexBehindTheAliasWithoutLosingAnything() {
    String last = "Rei" + letters(8);
    String id = createCustomer("admin", Map.of("firstName", "Honoré", "lastName", last));
    firstHit("the customer before the rebuild", "admin", "honore " + last, "customer", id);
    String opensearch = LocalCloudProcess.endpoints().path("aws").path("opensearch").asText();
    String before = Http.get(opensearch + "/_alias/inbox", null).json().fieldNames().next();

    Http.Response rebuilt = Http.post(LocalCloudProcess.endpoints().path("invoke").asText() + "/Reindex", null,
        "{\"settleSeconds\": 1}");
    assertEquals(200, rebuilt.status(), rebuilt.body());
    JsonNode result;
    try {
      result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rebuilt.json().path("output").asText());
    } catch (java.io.IOException e) {
      throw new AssertionError(rebuilt.body(), e);
    }
    String after = Http.get(opensearch + "/_alias/inbox", null).json().fieldNames().next();
    assertEquals(result.path("index").asText(), after);
    assertNotEquals(before, after);
    assertTrue(result.path("documents").asInt() > 0, result.toString());
    assertEquals(404, Http.get(opensearch + "/" + before, null).status(), "the old generation is deleted");
    assertTrue(ids("admin", "honore " + last, "customer").contains(id), "found in the new generation");
    assertTrue(ids("admin", "Marie Lambert", "customer").contains("cust-marie"), "the demo data too");
  }
}
