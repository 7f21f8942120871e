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
import com.textinbox.localcloud.faults.AwsErrorResponses;
import com.textinbox.localcloud.faults.FaultRule;
import com.textinbox.localcloud.faults.FaultRules;

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
  private final FaultRules faults;

  /**
   * One message a function sent to a queue (SendMessage, or one entry of SendMessageBatch), kept so
   * tests and people can see what a function produced even when a consumer took it off the queue.
   */
  public record SentMessage(String function, String queueUrl, String body, Instant at) {}

  /** Keeps at most this many sent messages (the oldest go first): a local run must not grow without bound. */
  private static final int MAX_SENT_MESSAGES = 50_000;

  private AwsCallRecorder(Map<String, URI> services, FaultRules faults) {
    this.services = Map.copyOf(services);
    this.faults = faults;
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
    return start(services, new FaultRules());
  }

  /** A recorder that also injects the faults of {@code faults} into the functions' calls (docs/reliability.md). */
  public static AwsCallRecorder start(Map<String, URI> services, FaultRules faults) {
    Set<String> unknown = new TreeSet<>(services.keySet());
    unknown.removeAll(IamActions.SERVICES);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the AWS call recorder does not know the services " + unknown
          + " (it knows " + new TreeSet<>(IamActions.SERVICES) + ")");
    }
    return new AwsCallRecorder(services, faults);
  }

  /**
   * The endpoint every SDK client of the function uses ({@code http://127.0.0.1:PORT}, a free port
   * of its own), listening from the first time it is asked for.
   */
  public synchronized String endpoint(String functionLogicalId) {
    return "http://127.0.0.1:" + listening(functionLogicalId, functionLogicalId, null);
  }

  /**
   * The https endpoint of the function's calls ({@code 127.0.0.1:PORT}, a host as the search
   * domain's {@code DomainEndpoint} is on AWS): the OpenSearch client's SigV4 transport only speaks
   * https, and the cold-start bench sends all of a function's AWS calls here, as AWS takes them.
   * Same recording and forwarding as {@link #endpoint}, behind TLS with the local certificate;
   * {@code functionLogicalId} null for the unrecorded front of the domain itself.
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

  /** The fault rules this recorder injects (the control server's /_local/faults). */
  public FaultRules faults() {
    return faults;
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
        Optional<String> crashed = faults.crashes().crashed(function);
        if (crashed.isPresent()) {
          // a dead process calls nothing: the rest of a crashed invocation reaches no service
          replyError(exchange, AwsErrorResponses.crashed(service.get(), crashed.get()));
          return;
        }
        Optional<FaultRule> fault = faults.pick(function, service.get(), actionNames(actions, headers));
        if (fault.isPresent()) {
          inject(function, fault.get(), service.get(), actions, exchange, engine, body);
          return;
        }
        keepSentMessages(function, actions, body);
      }
      HttpResponse<InputStream> response = forward(exchange, engine, service.get(), body);
      if (response != null) {
        passBack(exchange, response);
      }
    }
  }

  /**
   * Plays one fault (FaultRules): an error answer in the service's protocol, a connection held then
   * closed unanswered, or a call that takes effect and crashes the invocation (Crashes).
   */
  private void inject(String function, FaultRule rule, String service, List<String> actions, HttpExchange exchange,
      URI engine, byte[] body) throws IOException {
    switch (rule.fault()) {
      case THROTTLING, TRANSACTION_CONFLICT, SERVER_ERROR -> replyError(exchange, AwsErrorResponses.of(rule.fault(), service, body));
      case TIMEOUT -> {
        if (rule.forwarded()) {
          keepSentMessages(function, actions, body);
          discard(forward(exchange, engine, service, body));
        }
        try {
          Thread.sleep(rule.holdMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // no answer: the JDK server closes the connection of an exchange closed before its response headers
      }
      case CRASH_AFTER -> {
        keepSentMessages(function, actions, body);
        HttpResponse<InputStream> response = forward(exchange, engine, service, body);
        if (response == null) {
          return; // the service was not reached: nothing took effect, no crash
        }
        discard(response);
        faults.crash(function, rule, actions.getFirst());
        replyError(exchange, AwsErrorResponses.crashed(service, faults.crashes().crashed(function).orElse("crashed")));
      }
    }
  }

  /** The names a fault rule's action is matched with: the IAM actions, and the operation a JSON-protocol call names. */
  private static List<String> actionNames(List<String> actions, Headers headers) {
    String target = headers.getFirst("X-Amz-Target");
    if (target == null || actions.isEmpty() || target.indexOf('.') < 0) {
      return actions;
    }
    String prefix = actions.getFirst().substring(0, actions.getFirst().indexOf(':') + 1);
    List<String> names = new java.util.ArrayList<>(actions);
    names.add(prefix + target.substring(target.lastIndexOf('.') + 1));
    return names;
  }

  /** Forwards the request as it came to the service's engine; null (and a 502/503 answered) when it cannot be reached. */
  private HttpResponse<InputStream> forward(HttpExchange exchange, URI engine, String service, byte[] body) throws IOException {
    URI uri = exchange.getRequestURI();
    String method = exchange.getRequestMethod();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(engine + path + query))
        .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> forward.header(name, value));
      }
    });
    try {
      return client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      reply(exchange, 502, "the AWS call recorder could not reach " + service + " at " + engine + ": " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(exchange, 503, "the AWS call recorder is stopping");
      return null;
    }
  }

  private static void discard(HttpResponse<InputStream> response) throws IOException {
    if (response != null) {
      try (InputStream in = response.body()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  private static void replyError(HttpExchange exchange, AwsErrorResponses.ErrorResponse error) throws IOException {
    error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(error.status(), error.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(error.body());
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
