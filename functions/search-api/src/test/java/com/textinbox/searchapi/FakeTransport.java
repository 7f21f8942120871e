package com.textinbox.searchapi;

import com.textinbox.shared.search.SearchJsonMapper;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.transport.Endpoint;
import org.opensearch.client.transport.JsonEndpoint;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;

/**
 * The OpenSearch client's transport, faked: keeps each request object (method, URL) and answers
 * the JSON {@code answer} gives for it, read by the endpoint's own deserializer as the real
 * transport does. The SigV4 transport itself is exercised end to end through the local cloud.
 */
final class FakeTransport implements OpenSearchTransport {
  record Call(String method, String url, Object request) {}

  final List<Call> calls = new ArrayList<>();
  Function<Call, String> answer = call -> "{}";
  private final JsonpMapper mapper = new SearchJsonMapper();

  @Override
  public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint,
      TransportOptions options) throws IOException {
    Call call = new Call(endpoint.method(request), endpoint.requestUrl(request), request);
    calls.add(call);
    String json = answer.apply(call);
    if (json == null) {
      throw new IOException("the index is down");
    }
    try (JsonParser parser = mapper.jsonProvider().createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      return ((JsonEndpoint<RequestT, ResponseT, ErrorT>) endpoint).responseDeserializer().deserialize(parser, mapper);
    }
  }

  @Override
  public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
      Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public JsonpMapper jsonpMapper() {
    return mapper;
  }

  @Override
  public TransportOptions options() {
    return null;
  }

  @Override
  public void close() {}
}
