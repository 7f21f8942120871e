package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.textinbox.localcloud.template.SamTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DESIGN.md principle 4, over EVERY route of template.yaml: no route answers without a valid token
 * (401), and a user of the clinic gets 404 for the dealership's resources (and, on routes without
 * ids, never sees a trace of the dealership). A new route with a path parameter this test has no
 * dealership resource for fails here until one is added to {@link #DEALERSHIP_RESOURCES}.
 */
class TenancyTest {
  /** A resource of the dealership for each path parameter name used by the API. */
  private static final Map<String, String> DEALERSHIP_RESOURCES = Map.ofEntries(
      Map.entry("conversationId", "conv-demo-john"),
      Map.entry("customerId", "cust-john"),
      Map.entry("userId", "user-bruno"),
      Map.entry("teamId", "team-service"),
      // any notification or device of a dealership user: the clinic's admin looks in their own partition
      Map.entry("notificationId", "n1763733780000-0123456789abcdef"),
      Map.entry("deviceId", "dev-0123456789abcdef01234567"),
      // no demo job: AssignmentTest checks the clinic gets 404 for a real job of the dealership
      Map.entry("jobId", "job-demo-dealership"),
      // AP4: ApiKeysTest checks the clinic cannot revoke a real key of the dealership
      Map.entry("keyId", "key-00000000-0000-4000-8000-000000000000"),
      // a DMS reference: CustomerMergeTest gives a dealership customer this one
      Map.entry("reference", "DMS-TENANCY-1"),
      // AP1, AP3: AppointmentsTest checks the clinic gets 404 for a real appointment of the dealership
      Map.entry("appointmentId", "appt-demo-dealership"),
      Map.entry("number", "INV-DEMO-1"),
      // the demo's import (DemoData.SAMPLE_IMPORT, the one events/customer-import-worker names);
      // CustomerImportsTest also checks the dealership gets 404 for a real import of the clinic
      Map.entry("importId", "imp-0b6c3d2e-5f41-4a7b-9c8d-7e6f5a4b3c2d"));

  private static final String DEALERSHIP = "acct-maple-motors";

  private record ApiRoute(String method, String path) {}

  private static List<ApiRoute> routes() throws IOException {
    SamTemplate template = SamTemplate.load(LocalCloudProcess.repositoryRoot().resolve("template.yaml"));
    List<ApiRoute> routes = new ArrayList<>();
    for (SamTemplate.FunctionDefinition function : template.functions()) {
      for (SamTemplate.EventDefinition event : function.eventsOfType("Api")) {
        routes.add(new ApiRoute(((String) event.properties().get("Method")).toUpperCase(), (String) event.properties().get("Path")));
      }
    }
    assertFalse(routes.isEmpty(), "template.yaml declares no API route");
    return routes;
  }

  private static String url(ApiRoute route) {
    Matcher m = Pattern.compile("\\{([^}+]+)\\+?}").matcher(route.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String resource = DEALERSHIP_RESOURCES.get(m.group(1));
      if (resource == null) {
        fail("TenancyTest has no dealership resource for path parameter {" + m.group(1) + "} of " + route);
      }
      m.appendReplacement(path, resource);
    }
    m.appendTail(path);
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  /** The smallest body the route's schema accepts: the request validation (decision 55) lets it through to the lookup. */
  private static String body(ApiRoute route) {
    return route.method().equals("GET") || route.method().equals("DELETE") ? null : MinimalBodies.of(route.method(), route.path());
  }

  @TestFactory
  Stream<DynamicTest> everyRouteRefusesMissingForgedAndExpiredTokens() throws IOException {
    return routes().stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> {
      String url = url(route);
      for (String token : new String[] {null, "", Tokens.forged("admin"), Tokens.expired("admin"), "Bearer x.y.z",
          "ApiKey tik_" + "A".repeat(43), "ApiKey x"}) {
        Http.Response response = Http.send(route.method(), url, token, body(route));
        assertEquals(401, response.status(), route + " with token " + (token == null ? "none" : token.length() > 20 ? "bad JWT" : token) + ": " + response.body());
      }
    }));
  }

  /** AP4: the /integration routes take a company's API key only (docs/decisions.md 48). */
  private static boolean integration(ApiRoute route) {
    return route.path().startsWith("/integration/");
  }

  @TestFactory
  Stream<DynamicTest> everyRouteHidesTheDealershipFromTheClinic() throws IOException {
    String clinicAdmin = Tokens.of("otherAdmin");
    String clinicKey = Tokens.apiKey("otherAdmin", "Tenancy walk");
    return routes().stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> {
      Http.Response response = Http.send(route.method(), url(route), integration(route) ? clinicKey : clinicAdmin, body(route));
      if (integration(route)) {
        // by reference: the clinic's key names only the clinic's own customers (an empty body is a 400)
        assertTrue(response.status() >= 400 && response.status() < 500, route + " with the clinic's key: " + response.body());
      } else if (route.path().contains("{")) {
        assertEquals(404, response.status(), route + " answered the clinic about a dealership resource: " + response.body());
      } else {
        assertTrue(response.status() < 500, route + " failed: " + response.body());
      }
      assertFalse(response.body().contains(DEALERSHIP), route + " leaked the dealership's id to the clinic: " + response.body());
      assertFalse(response.body().contains("Maple Motors"), route + " leaked the dealership's name to the clinic: " + response.body());
    }));
  }
}
