package com.textinbox.localcloud.recording;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sees which AWS actions each function calls, so that a test can compare them with what its SAM
 * policy templates grant (docs/least-privilege.md).
 *
 * <p>An HTTP proxy on loopback in front of the local engines and stand-ins, with one port per
 * function: the function's {@code AWS_ENDPOINT_URL_<SERVICE>} variables all point at its port. A
 * path prefix per function would have been enough for the JSON and REST clients, but the SDK's
 * Query-protocol clients (SNS, SES v1) drop the path of an endpoint override (aws-sdk-java-v2
 * #3387). The service of a request is the one the SDK signed it for (SigV4 credential scope,
 * {@link IamActions#serviceOf}). The proxy notes {@code (function, IAM action)}
 * ({@link IamActions#of}) and forwards the request as it came (method, path, query, headers, body)
 * to that service's engine, whose answer it passes back unchanged.
 *
 * <p>Signatures are not re-checked, and the host the SDK signed is the proxy's: engines that would
 * check it (S3Proxy) run without authentication locally (see S3Engine).
 */
public final class AwsCallRecorder implements AutoCloseable {
  /** Request headers the JDK client sets itself (or refuses), and hop-by-hop headers. */
  private static final Set<String> NOT_FORWARDED = Set.of(
      "host", "content-length", "connection", "expect", "upgrade", "keep-alive", "transfer-encoding",
      "te", "trailer", "proxy-connection", "http2-settings");
  /** Response headers the JDK server sets itself, and hop-by-hop headers. */
  private static final Set<String> NOT_RETURNED = Set.of(
      "content-length", "connection", "keep-alive", "transfer-encoding", "date");

  private final ExecutorService executor;
  private final HttpClient client;
  private final Map<String, URI> services;
  private final Map<String, HttpServer> servers = new LinkedHashMap<>();
  private final ConcurrentMap<String, Set<String>> calls = new ConcurrentHashMap<>();
  private final List<SentMessage> sentMessages = new CopyOnWriteArrayList<>();

  /**
   * One message a function sent to a queue (SendMessage, or one entry of SendMessageBatch), kept so
   * tests and people can see what a function produced even when a consumer took it off the queue.
   */
  public record SentMessage(String function, String queueUrl, String body, Instant at) {}

  /** Keeps at most this many sent messages (the oldest go first): a local run must not grow without bound. */
  private static final int MAX_SENT_MESSAGES = 50_000;

  private AwsCallRecorder(Map<String, URI> services) {
    this.services = Map.copyOf(services);
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("aws-call-recorder-", 0).factory());
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
  }

  /**
   * A recorder in front of the given engines, by the names {@link IamActions#serviceOf} gives:
   * {@code dynamodb}, {@code sqs}, {@code s3}, {@code sns}, {@code ses}, {@code sesv2}, {@code opensearch}.
   * It listens once {@link #endpoint(String)} is asked for a function.
   */
  public static AwsCallRecorder start(Map<String, URI> services) {
    Set<String> unknown = new TreeSet<>(services.keySet());
    unknown.removeAll(IamActions.SERVICES);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the AWS call recorder does not know the services " + unknown
          + " (it knows " + new TreeSet<>(IamActions.SERVICES) + ")");
    }
    return new AwsCallRecorder(services);
  }

  /**
   * The endpoint every SDK client of the function uses ({@code http://127.0.0.1:PORT}, a free port
   * of its own), listening from the first time it is asked for.
   */
  public synchronized String endpoint(String functionLogicalId) {
    return "http://127.0.0.1:" + listening(functionLogicalId, functionLogicalId, null);
  }

  /**
   * The https endpoint of the function's calls to the search domain ({@code 127.0.0.1:PORT}, a host
   * as the domain's {@code DomainEndpoint} is on AWS): the OpenSearch client's SigV4 transport only
   * speaks https. Same recording and forwarding as {@link #endpoint}, behind TLS with the local
   * certificate; {@code functionLogicalId} null for the unrecorded front of the domain itself.
   */
  public synchronized String tlsEndpoint(String functionLogicalId, javax.net.ssl.SSLContext tls) {
    return "127.0.0.1:" + listening("tls:" + functionLogicalId, functionLogicalId, tls);
  }

  /** The port of the server kept under {@code key}, started on first use (https when {@code tls} is given). */
  private int listening(String key, String functionLogicalId, javax.net.ssl.SSLContext tls) {
    HttpServer server = servers.get(key);
    if (server == null) {
      InetSocketAddress loopback;
      try {
        loopback = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
        if (tls == null) {
          server = HttpServer.create(loopback, 0);
        } else {
          com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(loopback, 0);
          https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
          server = https;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the AWS call recorder cannot listen for " + key, e);
      }
      server.setExecutor(executor);
      server.createContext("/", exchange -> serve(functionLogicalId, exchange));
      server.start();
      servers.put(key, server);
    }
    return server.getAddress().getPort();
  }

  /** What each function has called so far: logical id -> IAM actions, both sorted. */
  public SortedMap<String, SortedSet<String>> calls() {
    SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
    calls.forEach((function, actions) -> copy.put(function, new TreeSet<>(actions)));
    return copy;
  }

  /** The messages functions have sent to queues so far, oldest first; {@code queueName} (the URL's last segment) or null for all. */
  public List<SentMessage> sentMessages(String queueName) {
    return sentMessages.stream()
        .filter(m -> queueName == null || m.queueUrl().endsWith("/" + queueName))
        .toList();
  }

  /** SQS speaks JSON (AmazonSQS.SendMessage / SendMessageBatch): notes the bodies it carries. */
  private void keepSentMessages(String function, List<String> actions, byte[] body) {
    if (!actions.contains("sqs:SendMessage") || body.length == 0) {
      return;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode request = JSON.readTree(body);
      String queueUrl = request.path("QueueUrl").asText();
      Instant now = Instant.now();
      if (request.has("MessageBody")) {
        sentMessages.add(new SentMessage(function, queueUrl, request.path("MessageBody").asText(), now));
      }
      request.path("Entries").forEach(entry -> sentMessages.add(new SentMessage(function, queueUrl,
          entry.path("MessageBody").asText(), now)));
      while (sentMessages.size() > MAX_SENT_MESSAGES) {
        sentMessages.removeFirst();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON (another protocol): only the action is recorded
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private void record(String functionLogicalId, List<String> actions) {
    calls.computeIfAbsent(functionLogicalId, id -> new ConcurrentSkipListSet<>()).addAll(actions);
  }

  private void serve(String function, HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      Headers headers = exchange.getRequestHeaders();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      Optional<String> service = IamActions.serviceOf(path, uri.getRawQuery(), headers);
      URI engine = service.map(services::get).orElse(null);
      if (engine == null) {
        reply(exchange, 400, "the AWS call recorder of " + function + " cannot tell which local service " + method + " " + path
            + " is for: it goes by the service the SDK signed the request for (" + service.orElse("none") + "), and serves "
            + new TreeSet<>(services.keySet()));
        return;
      }
      List<String> actions = IamActions.of(new IamActions.Request(service.get(), method, path, uri.getRawQuery(), headers, body));
      if (function != null) {
        record(function, actions);
        keepSentMessages(function, actions, body);
      }

      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(engine + path + query))
          .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(value -> forward.header(name, value));
        }
      });
      HttpResponse<InputStream> response;
      try {
        response = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        reply(exchange, 502, "the AWS call recorder could not reach " + service.get() + " at " + engine + ": " + e);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, "the AWS call recorder is stopping");
        return;
      }
      passBack(exchange, response);
    }
  }

  private static void passBack(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
    Headers out = exchange.getResponseHeaders();
    response.headers().map().forEach((name, values) -> {
      if (!name.startsWith(":") && !NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
        out.put(name, values);
      }
    });
    int status = response.statusCode();
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    try (InputStream in = response.body()) {
      if (head || status == 204 || status == 304 || status < 200) {
        // no body; a HEAD answer keeps the length a GET would have (S3 HeadObject reads it)
        if (head && length >= 0) {
          out.set("Content-Length", Long.toString(length));
        }
        exchange.sendResponseHeaders(status, -1);
        in.transferTo(OutputStream.nullOutputStream());
        return;
      }
      // JDK server lengths: -1 no body, 0 chunked (when the engine did not say how long)
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
      try (OutputStream body = exchange.getResponseBody()) {
        in.transferTo(body);
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public synchronized void close() {
    servers.values().forEach(server -> server.stop(0));
    client.shutdownNow();
    executor.shutdownNow();
  }
}
