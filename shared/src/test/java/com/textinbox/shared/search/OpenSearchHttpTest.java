package com.textinbox.shared.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class OpenSearchHttpTest {
  @Test
  void theEndpointIsAHostOnAwsAndAFullUrlLocally() {
    assertEquals(URI.create("https://search-textinbox-dev-abc.us-east-1.es.amazonaws.com"),
        OpenSearchHttp.endpoint("search-textinbox-dev-abc.us-east-1.es.amazonaws.com"));
    assertEquals(URI.create("http://127.0.0.1:4515"), OpenSearchHttp.endpoint("http://127.0.0.1:4515/"));
    assertThrows(IllegalArgumentException.class, () -> OpenSearchHttp.endpoint("ftp://x"));
  }

  @Test
  void aPostIsSignedForOpenSearchAndSentOverPlainHttp() throws Exception {
    AtomicReference<String> authorization = new AtomicReference<>();
    AtomicReference<String> contentSha = new AtomicReference<>();
    AtomicReference<String> received = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      contentSha.set(exchange.getRequestHeaders().getFirst("Content-Type"));
      received.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(201, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
      OpenSearchHttp openSearch = new OpenSearchHttp(http,
          OpenSearchHttp.endpoint("http://127.0.0.1:" + server.getAddress().getPort()),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.EU_WEST_1);
      OpenSearchHttp.Response response = openSearch.post("/inbox/_bulk", "application/x-ndjson",
          "{\"delete\":{\"_id\":\"1\"}}\n".getBytes(StandardCharsets.UTF_8));

      assertEquals(201, response.status());
      assertTrue(response.ok());
      assertEquals("{\"ok\":true}", response.body());
      assertEquals("POST /inbox/_bulk {\"delete\":{\"_id\":\"1\"}}\n", received.get());
      assertEquals("application/x-ndjson", contentSha.get());
      assertTrue(authorization.get().startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization.get());
      assertTrue(authorization.get().contains("/eu-west-1/es/aws4_request"), authorization.get());
    } finally {
      server.stop(0);
    }
  }
}
