package com.textinbox.shared.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * SnapStart priming (docs/decisions.md 46): an HTTP client with no network behind it, for
 * {@link SearchClient#primingStandIn}. It reads each request's body as a real HTTP client writes
 * it, and answers in process as a domain answers a rebuild's requests (an alias on one
 * generation, a bulk applied, anything else acknowledged): the transport's signing, body and
 * answer handling and the client's JSON mapping run; nothing leaves the process.
 */
final class InProcessDomain implements SdkHttpClient {
  static final String ALIAS_ANSWER = "{\"priming-0\": {\"aliases\": {}}}";
  static final String BULK_ANSWER = """
      {"took": 0, "errors": false, "items": [{"create": {"_index": "priming", "_id": "priming", "_version": 1,
       "result": "created", "status": 201, "_seq_no": 0, "_primary_term": 1,
       "_shards": {"total": 1, "successful": 1, "failed": 0}}}]}""";
  static final String ACKNOWLEDGED = "{\"acknowledged\": true}";

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        request.contentStreamProvider().ifPresent(body -> {
          try (InputStream in = body.newStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        byte[] answer = answer(request.httpRequest()).getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8")
                .putHeader("Content-Length", String.valueOf(answer.length)).build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer))).build();
      }

      @Override
      public void abort() {}
    };
  }

  private static String answer(SdkHttpRequest request) {
    String path = request.encodedPath();
    if (path.contains("/_alias/")) {
      return ALIAS_ANSWER;
    }
    return path.endsWith("/_bulk") ? BULK_ANSWER : ACKNOWLEDGED;
  }

  @Override
  public String clientName() {
    return "InProcessDomain";
  }

  @Override
  public void close() {}
}
