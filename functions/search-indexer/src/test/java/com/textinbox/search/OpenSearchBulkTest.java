package com.textinbox.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.search.OpenSearchHttp;
import com.textinbox.shared.search.SearchDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The bulk request and its answer, against a stand-in OpenSearch speaking plain http. */
class OpenSearchBulkTest {
  private final List<String> requests = new ArrayList<>();
  private HttpServer server;

  private OpenSearchBulk bulkAnswering(int status, String answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return new OpenSearchBulk(new OpenSearchHttp(UrlConnectionHttpClient.create(),
        OpenSearchHttp.endpoint("http://127.0.0.1:" + server.getAddress().getPort()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Region.US_EAST_1), "inbox");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static IndexAction.Put put(String id, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("accountId", "acct");
    fields.put("kind", "message");
    fields.put("text", text);
    return new IndexAction.Put(new SearchDocument(id, fields));
  }

  @Test
  void writesAndDeletesGoInOneNdjsonRequestAndEachGetsItsOutcome() throws IOException {
    OpenSearchBulk bulk = bulkAnswering(200, """
        {"took":3,"errors":true,"items":[
          {"index":{"_index":"inbox","_id":"a","status":201,"result":"created"}},
          {"delete":{"_index":"inbox","_id":"b","status":404,"result":"not_found"}},
          {"index":{"_index":"inbox","_id":"c","status":400,"error":{"type":"mapper_parsing_exception","reason":"field [text] quoted"}}}]}""");

    List<String> outcomes = bulk.bulk(List.of(put("a", "hello"), new IndexAction.Delete("b", "customer"), put("c", "x")));

    assertEquals(Arrays.asList(null, null, "400 mapper_parsing_exception"), outcomes,
        "a delete of a document already gone is done; the reason (which may quote the document) is left out");
    assertEquals(1, requests.size());
    assertEquals("""
        POST /inbox/_bulk
        {"index":{"_id":"a"}}
        {"accountId":"acct","kind":"message","text":"hello"}
        {"delete":{"_id":"b"}}
        {"index":{"_id":"c"}}
        {"accountId":"acct","kind":"message","text":"x"}
        """, requests.getFirst());
  }

  @Test
  void aRefusedRequestIsAnIoExceptionSayingWhy() throws IOException {
    OpenSearchBulk bulk = bulkAnswering(403, "{\"Message\":\"User: arn:aws:sts::1:assumed-role/x is not authorized to perform: es:ESHttpPost\"}");
    IOException e = assertThrows(IOException.class, () -> bulk.bulk(List.of(new IndexAction.Delete("b", "customer"))));
    assertTrue(e.getMessage().contains("403") && e.getMessage().contains("not authorized"), e.getMessage());
  }

  @Test
  void anAnswerThatDoesNotMatchTheRequestIsAnIoException() {
    assertThrows(IOException.class, () -> OpenSearchBulk.outcomes("{\"items\":[]}", 1));
    assertThrows(IOException.class, () -> OpenSearchBulk.outcomes("<html>", 1));
  }

  @Test
  void aDocumentStaysOnOneLineWhateverItsText() {
    String text = "Is my car ready? 🚗 \"now\"\nplease";
    String body = new String(OpenSearchBulk.body(List.of(put("é", text))), StandardCharsets.UTF_8);
    String[] lines = body.split("\n", -1);
    assertEquals(3, lines.length, "two lines, each ending with a newline: " + body);
    assertEquals("", lines[2]);
    assertEquals("é", Json.read(lines[0]).path("index").path("_id").asText());
    assertEquals(text, Json.read(lines[1]).path("text").asText());
  }
}
