package com.textinbox.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.search.SearchJsonMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming of the OpenSearch client (docs/decisions.md 46), through the real SigV4
 * transport over an HTTP client that records what would leave: one signed GET of an alias that
 * does not exist (the role's es:ESHttpGet on _alias/*), never a bulk or an index creation; the
 * bulk is built and written to bytes only.
 */
class ClientIndexPrimingTest {
  @Test
  void primingReadsOneAliasAndSendsNoBulk() {
    List<String> sent = new CopyOnWriteArrayList<>();
    SdkHttpClient http = new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        sent.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            byte[] body = "{\"error\": \"alias [inbox-priming] missing\", \"status\": 404}".getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(404).putHeader("Content-Type", "application/json").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public void close() {}
    };
    OpenSearchClient client = new OpenSearchClient(new AwsSdk2Transport(http, "search.example", "es", Region.US_EAST_1,
        AwsSdk2TransportOptions.builder()
            .setCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .setMapper(new SearchJsonMapper()).build()));
    new ClientIndex(client, "inbox", Clock.systemUTC()).prime();
    assertEquals(List.of("GET /_alias/inbox-priming"), sent);
  }
}
