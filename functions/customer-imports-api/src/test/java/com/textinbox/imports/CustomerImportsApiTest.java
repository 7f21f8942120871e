package com.textinbox.imports;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.files.store.FolderUploads;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three routes through the handler, against DynamoDB Local, files in a folder. */
class CustomerImportsApiTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  @TempDir static Path dir;
  private static FolderUploads uploads;
  private static final List<EventQueue.Sent> sent = new CopyOnWriteArrayList<>();
  private static CustomerImportsApi api;
  private static software.amazon.awssdk.services.s3.presigner.S3Presigner presigner;

  @BeforeAll
  static void start() throws IOException {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("imports-test");
    table = new DynamoTable(local.client(), "imports-test");
    Files.createDirectories(dir.resolve("bucket"));
    Files.createDirectories(dir.resolve("tmp"));
    // links are only signed here (offline): no S3 request
    presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))).build();
    uploads = new FolderUploads(dir.resolve("bucket"), presigner);
    api = new CustomerImportsApi(table, uploads, EventQueue.into(sent), Clock.systemUTC(), dir.resolve("tmp"));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void theSampleEventCreatesAnImportWithAnUploadLink() {
    JsonNode response = SampleEvents.invoke(api, "customer-imports-api/create-customer-import.json");
    assertEquals(201, response.path("statusCode").asInt(), response.toString());
    JsonNode body = SampleEvents.body(response);
    assertTrue(body.path("importId").asText().startsWith("imp-"));
    assertTrue(body.path("uploadUrl").asText().contains(ImportFiles.uploadKey(ACCOUNT, body.path("importId").asText())));
    assertEquals(50L * 1024 * 1024, body.path("maxBytes").asLong());
  }

  @Test
  void uploadPreviewAndRun() throws IOException {
    String id = ok(201, "POST", "/customer-imports", Map.of(), "{\"fileName\": \"clients.csv\"}").path("importId").asText();
    Map<String, String> path = Map.of("importId", id);
    assertEquals("awaitingUpload", ok(200, "GET", "/customer-imports/{importId}", path, null).path("status").asText());
    assertEquals("not_uploaded", error(409, "POST", "/customer-imports/{importId}/run", path,
        "{\"mapping\": [], \"dryRun\": true}").path("code").asText());

    Files.writeString(uploads.file(ImportFiles.uploadKey(ACCOUNT, id)),
        "Prénom;Nom;Cellulaire;Prochain entretien\nHélène;Bérubé;514 555 0150;01/12/2026\n", StandardCharsets.UTF_8);
    JsonNode preview = ok(200, "GET", "/customer-imports/{importId}", path, null);
    assertEquals("ready", preview.path("status").asText());
    assertEquals("UTF-8", preview.path("file").path("encoding").asText());
    assertEquals(";", preview.path("file").path("delimiter").asText());
    assertEquals("Prénom", preview.path("titles").get(0).asText());
    assertEquals("Bérubé", preview.path("rows").get(0).get(1).asText());
    assertEquals("proposed", preview.path("mappingSource").asText());
    JsonNode mapping = preview.path("mapping");
    assertEquals("firstName", mapping.get(0).path("to").asText());
    assertEquals("mobile", mapping.get(2).path("to").asText());
    assertEquals("date", mapping.get(3).path("type").asText());
    assertEquals("dd/MM/yyyy", mapping.get(3).path("format").asText());

    assertEquals("mapping[3].format", error(400, "POST", "/customer-imports/{importId}/run", path,
        "{\"mapping\": [{\"to\": \"firstName\"}, {\"to\": \"lastName\"}, {\"to\": \"mobile\"}, "
            + "{\"to\": \"attribute\", \"key\": \"next\", \"name\": \"Next\", \"type\": \"date\"}]}").path("field").asText());
    assertEquals("dryRun", error(400, "POST", "/customer-imports/{importId}/run", path,
        "{\"mapping\": " + mapping + ", \"dryRun\": \"yes\"}").path("field").asText());
    // a column's unknown field: the route's schema (docs/openapi.yaml, decision 55) names it and the known ones
    JsonNode unknown = error(400, "POST", "/customer-imports/{importId}/run", path,
        "{\"mapping\": [{\"to\": \"mobile\", \"colour\": 1}]}");
    assertEquals(List.of("mapping[0].colour", "Unknown field 'mapping[0].colour'; the fields are to, key, name, type, format."),
        List.of(unknown.path("field").asText(), unknown.path("message").asText()));
    JsonNode run = ok(202, "POST", "/customer-imports/{importId}/run", path,
        "{\"mapping\": " + mapping + ", \"dryRun\": true, \"saveMapping\": true}");
    assertEquals(List.of(1, true, "QUEUED"), List.of(run.path("run").asInt(), run.path("dryRun").asBoolean(),
        run.path("status").asText()));
    ImportMessage message = ImportMessage.parse(sent.get(sent.size() - 1).json());
    assertEquals(new ImportMessage(ACCOUNT, id, 1, "user-bruno", "bruno@maple-motors.example"), message);
    assertEquals(409, status("POST", "/customer-imports/{importId}/run", path, "{\"mapping\": " + mapping + "}"),
        "one run at a time");
    assertEquals("QUEUED", ok(200, "GET", "/customer-imports/{importId}", path, null).path("dryRun").path("status").asText());

    // a file with the same titles next month: the saved mapping is proposed
    String next = ok(201, "POST", "/customer-imports", Map.of(), null).path("importId").asText();
    Files.writeString(uploads.file(ImportFiles.uploadKey(ACCOUNT, next)),
        "prenom;NOM;cellulaire;Prochain Entretien\nZoé;Côté;;\n", StandardCharsets.UTF_8);
    assertEquals("saved", ok(200, "GET", "/customer-imports/{importId}", Map.of("importId", next), null)
        .path("mappingSource").asText());
  }

  @Test
  void aFileThatCannotBeImportedSaysWhyAndCannotRun() throws IOException {
    String id = ok(201, "POST", "/customer-imports", Map.of(), null).path("importId").asText();
    Files.write(uploads.file(ImportFiles.uploadKey(ACCOUNT, id)), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0});
    JsonNode preview = ok(200, "GET", "/customer-imports/{importId}", Map.of("importId", id), null);
    assertEquals("refused", preview.path("status").asText());
    assertEquals("not_csv_or_xlsx", preview.path("error").path("code").asText());
    assertTrue(preview.path("error").path("message").asText().contains(".xls"));
    assertEquals("not_csv_or_xlsx", error(409, "POST", "/customer-imports/{importId}/run", Map.of("importId", id),
        "{\"mapping\": []}").path("code").asText());
  }

  @Test
  void anotherCompanysImportIsNotFoundAndFreeUsersAreRefused() {
    String id = ok(201, "POST", "/customer-imports", Map.of(), null).path("importId").asText();
    assertEquals(404, api.handle(event("GET", "/customer-imports/{importId}", Map.of("importId", id), null,
        "acct-harbor-clinic", "user")).status());
    assertEquals(403, api.handle(event("POST", "/customer-imports", Map.of(), null, ACCOUNT, "free")).status());
    assertEquals("nickname", error(400, "POST", "/customer-imports", Map.of(), "{\"nickname\": 1}").path("field").asText());
  }

  /** SnapStart priming (docs/decisions.md 46): a GET of an import of an account that does not exist, never a write. */
  @Test
  void primingNeverWrites() {
    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(api::prime);
    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
  }

  /** Priming's upload link is presigned by the S3 presigner (no S3 client: any request would fail), nothing written. */
  @Test
  void primingPresignsAnUploadLinkWithoutARequest() {
    var withPresigner = new CustomerImportsApi(table, new FileStore(null, presigner, "test-bucket"),
        EventQueue.into(sent), Clock.systemUTC(), dir.resolve("tmp"));
    int queued = sent.size();
    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(withPresigner::prime);
    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
    assertEquals(queued, sent.size(), "priming queued a run");
    assertTrue(new ImportRoutes(table, new FileStore(null, presigner, "test-bucket"), null, Clock.systemUTC(),
        dir.resolve("tmp")).primeUploadLink().contains("X-Amz-Signature="));
  }

  private static JsonNode ok(int expected, String method, String resource, Map<String, String> path, String body) {
    ApiResponse response = api.handle(event(method, resource, path, body, ACCOUNT, "user"));
    assertEquals(expected, response.status(), Json.write(response.body()));
    return Json.mapper().valueToTree(response.body());
  }

  private static JsonNode error(int expected, String method, String resource, Map<String, String> path, String body) {
    return ok(expected, method, resource, path, body).path("error");
  }

  private static int status(String method, String resource, Map<String, String> path, String body) {
    return api.handle(event(method, resource, path, body, ACCOUNT, "user")).status();
  }

  private static JsonNode event(String method, String resource, Map<String, String> path, String body, String account,
      String role) {
    Map<String, Object> event = new LinkedHashMap<>(Map.of("httpMethod", method, "resource", resource, "path", resource,
        "pathParameters", path, "requestContext", Map.of("authorizer", Map.of("accountId", account, "userId", "user-bruno",
            "role", role, "email", "bruno@maple-motors.example"))));
    event.put("body", body);
    return Json.mapper().valueToTree(event);
  }
}
