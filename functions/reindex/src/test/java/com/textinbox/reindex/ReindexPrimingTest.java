package com.textinbox.reindex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.search.SearchJsonMapper;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.search.store.SearchableItems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
 * SnapStart priming of the Reindex function (docs/decisions.md 46), against DynamoDB Local and the
 * real SigV4 transport over an HTTP client that records what would reach the domain: one GET of
 * the alias, never an index creation, a bulk or an alias move (the rebuild walked by priming goes
 * to the in-process stand-in); the table's Scan stopped before transmission, one Query of a key no
 * item has; nothing written.
 */
class ReindexPrimingTest {
  /** What reaches the domain, recorded; every request answered with the alias on generation 1. */
  private static final class RecordingDomain implements SdkHttpClient {
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      sent.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
      return new AliasAnswer();
    }

    @Override
    public void close() {}
  }

  private static final class AliasAnswer implements ExecutableHttpRequest {
    @Override
    public HttpExecuteResponse call() {
      ByteArrayInputStream alias = new ByteArrayInputStream("{\"inbox-1\": {\"aliases\": {\"inbox\": {}}}}".getBytes(StandardCharsets.UTF_8));
      SdkHttpResponse ok = SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json").build();
      return HttpExecuteResponse.builder().response(ok).responseBody(AbortableInputStream.create(alias)).build();
    }

    @Override
    public void abort() {}
  }

  @Test
  void primingReadsTheAliasAndAKeyThatDoesNotExistAndWritesNothing() throws Exception {
    RecordingDomain domain = new RecordingDomain();
    OpenSearchClient client = new OpenSearchClient(new AwsSdk2Transport(domain, "search.example", "es", Region.US_EAST_1,
        AwsSdk2TransportOptions.builder()
            .setCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .setMapper(new SearchJsonMapper()).build()));
    try (DynamoDbLocalServer local = DynamoDbLocalServer.start()) {
      local.createInboxTable("reindex-priming");
      Reindex reindex = new Reindex(client, "inbox", new SearchableItems(local.client(), "reindex-priming"), Clock.systemUTC());

      Map<String, Object>[] rebuilt = new Map[1];
      Map<String, Integer> made = RequestCounter.during(() -> rebuilt[0] = reindex.prime());

      assertEquals(List.of("GET /_alias/inbox"), domain.sent, "priming reached the domain with more than a read");
      assertEquals(Map.of("DynamoDb.Scan", 1, "DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1), made,
          "the Scan left the process, or another request was made");
      assertEquals(List.of(), Priming.notReads(made));
      assertEquals(2, rebuilt[0].get("documents"), "the stand-in rebuild indexed the priming page: " + rebuilt[0]);
      assertEquals(0, local.client().scan(b -> b.tableName("reindex-priming")).count(), "priming wrote an item");
    }
  }
}
