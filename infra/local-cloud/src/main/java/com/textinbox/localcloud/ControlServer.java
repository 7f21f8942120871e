package com.textinbox.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.textinbox.localcloud.auth.LocalTokenIssuer;
import com.textinbox.localcloud.carrier.LocalCarrier;
import com.textinbox.localcloud.demo.DemoData;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.localcloud.recording.AwsCallRecorder;
import com.textinbox.localcloud.standins.SesStandIn;
import com.textinbox.localcloud.standins.SnsStandIn;
import com.textinbox.localcloud.standins.TelegramStandIn;
import com.textinbox.localcloud.triggers.Scheduler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local cloud's own HTTP endpoints, for people and tests: the carrier (text in, outbox), the
 * mailbox, the mobile pushes sent, the Telegram Bot API stand-in ({@code /telegram/...}, {@link TelegramStandIn}), schedules on
 * demand, tokens, queue depths, function figures, the AWS actions each function
 * has called ({@code /_local/aws-calls}: logical id -> IAM actions), the faults injected into
 * them ({@code /_local/faults}, docs/reliability.md), a fresh queued run of the demo's sample
 * import and deletion, a queued reply and a sent one ({@code /_local/sample-import}, {@code /_local/sample-deletion},
 * {@code /_local/sample-send}, {@code /_local/sample-receipt}, for the cold-start bench), each function's AWS
 * endpoint behind TLS ({@code /_local/tls-endpoints}, for the bench too), and the user pool's JWKS.
 * Every answer is JSON; every client mistake a 4xx that says what is wrong.
 */
final class ControlServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final HttpServer server;
  private final LocalCarrier carrier;
  private final SesStandIn ses;
  private final SnsStandIn sns;
  private final Scheduler scheduler;
  private final LocalTokenIssuer tokens;
  private final Map<String, LocalFunction> functions;
  private final SqsClient sqs;
  private final LocalResources resources;
  private final AwsCallRecorder recorder;
  private final TelegramStandIn telegram;
  /**
   * What the cold-start bench asks for before each invoke (DemoData): a new queued import run, a new
   * deletion job, a new queued reply (its id and timeline key), a new sent reply's carrier id.
   */
  public record Samples(java.util.function.Supplier<String> importId, java.util.function.Supplier<String> deletionJobId,
      java.util.function.Supplier<Map<String, String>> send, java.util.function.Supplier<String> receiptCarrierId) {}

  private final Samples samples;

  ControlServer(int port, LocalCarrier carrier, SesStandIn ses, SnsStandIn sns, Scheduler scheduler, LocalTokenIssuer tokens,
      Map<String, LocalFunction> functions, SqsClient sqs, LocalResources resources, AwsCallRecorder recorder,
      TelegramStandIn telegram, Samples samples) throws IOException {
    this.telegram = telegram;
    this.samples = samples;
    this.carrier = carrier;
    this.ses = ses;
    this.sns = sns;
    this.scheduler = scheduler;
    this.tokens = tokens;
    this.functions = functions;
    this.sqs = sqs;
    this.resources = resources;
    this.recorder = recorder;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::serve);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private record Failure(int status, String message) {}

  /** Each function's AWS endpoint behind TLS (logical id -> https URL), for the cold-start bench. */
  private Map<String, String> tlsEndpoints() {
    Map<String, String> endpoints = new java.util.TreeMap<>();
    for (String logicalId : functions.keySet()) {
      String endpoint = resources.tlsEndpointOf(logicalId);
      if (endpoint == null) {
        throw new Failed(404, "this local cloud has no TLS front for the functions' AWS calls");
      }
      endpoints.put(logicalId, endpoint);
    }
    return endpoints;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Object answer;
      int status = 200;
      try {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/telegram/")) {
          TelegramStandIn.Answer telegramAnswer = telegram.handle(method, path, exchange.getRequestBody().readAllBytes());
          status = telegramAnswer.status();
          answer = telegramAnswer.body();
        } else answer = switch (method + " " + path) {
          case "GET /_local/health" -> Map.of("status", "ready");
          case "GET /_local/functions" -> functions.values().stream().map(LocalFunction::stats).toList();
          case "GET /_local/queues" -> queues();
          case "GET /_local/aws-calls" -> recorder.calls();
          case "GET /_local/tls-endpoints" -> tlsEndpoints();
          case "GET /_local/sent-messages" -> recorder.sentMessages(FormEncoding.parse(exchange.getRequestURI().getRawQuery()).get("queue"));
          case "POST /_local/tokens" -> token(body(exchange));
          case "POST /_local/sample-import" -> Map.of("importId", samples.importId().get());
          case "POST /_local/sample-deletion" -> Map.of("jobId", samples.deletionJobId().get());
          case "POST /_local/sample-send" -> samples.send().get();
          case "POST /_local/sample-receipt" -> Map.of("carrierMessageId", samples.receiptCarrierId().get());
          case "POST /_local/faults" -> {
            status = 201;
            yield recorder.faults().add(body(exchange)).view();
          }
          case "GET /_local/faults" -> recorder.faults().list();
          case "DELETE /_local/faults" -> {
            List<Map<String, Object>> cleared = recorder.faults().list();
            recorder.faults().clear();
            yield Map.of("cleared", cleared);
          }
          case "POST /carrier/send" -> {
            status = 202;
            JsonNode b = body(exchange);
            yield Map.of("inboundMessageId", carrier.textIn(text(b, "from"), text(b, "to"), text(b, "body")));
          }
          case "POST /carrier/raw" -> {
            status = 202;
            yield Map.of("snsMessageId", carrier.publishRaw(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          }
          case "GET /carrier/outbox" -> carrier.outbox();
          case "GET /carrier/inbox" -> carrier.textedIn();
          case "GET /mailbox" -> ses.sentEmails();
          case "GET /push/outbox" -> sns.sentPushes();
          default -> path.startsWith("/_local/invoke/") ? invoke(method, path, exchange)
              : other(method, path, FormEncoding.parse(exchange.getRequestURI().getRawQuery()).get("time"));
        };
      } catch (Failed e) {
        status = e.failure.status();
        answer = Map.of("error", Map.of("message", e.failure.message()));
      } catch (IllegalArgumentException e) {
        status = 400;
        answer = Map.of("error", Map.of("message", e.getMessage()));
      } catch (LocalFunction.FunctionError e) {
        status = 502;
        answer = Map.of("error", Map.of("message", e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        status = 500;
        answer = Map.of("error", Map.of("message", "the local cloud failed: " + e));
        e.printStackTrace();
      }
      byte[] bytes = answer instanceof RawJson raw ? raw.json().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record RawJson(String json) {}

  private static final class Failed extends RuntimeException {
    final Failure failure;

    Failed(int status, String message) {
      super(message);
      this.failure = new Failure(status, message);
    }
  }

  /** {@code time}: the scheduled event's time (ISO-8601) for POST /_local/schedules/<id>?time=...; null for now. */
  private Object other(String method, String path, String time) {
    String jwksPath = "/cognito/" + LocalResources.USER_POOL_ID + "/.well-known/jwks.json";
    if (method.equals("GET") && path.equals(jwksPath)) {
      return new RawJson(tokens.jwks());
    }
    if (path.startsWith("/_local/schedules/")) {
      if (!method.equals("POST")) {
        throw new Failed(405, "use POST to run a schedule now");
      }
      String functionId = path.substring("/_local/schedules/".length());
      if (!scheduler.has(functionId)) {
        throw new Failed(404, functionId + " has no Schedule event in template.yaml");
      }
      java.time.Instant at;
      try {
        at = time == null ? null : java.time.Instant.parse(time);
      } catch (java.time.format.DateTimeParseException e) {
        throw new Failed(400, "time must be an ISO-8601 instant such as 2026-12-01T05:10:00Z, not " + time);
      }
      String output = new String(scheduler.runNow(functionId, at), StandardCharsets.UTF_8);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("function", functionId);
      result.put("output", output);
      return result;
    }
    throw new Failed(404, "no such local endpoint: " + method + " " + path);
  }

  /**
   * {@code POST /_local/invoke/<FunctionLogicalId>}: runs any function of the template now with the
   * request's body as its event ({} when empty), as {@code aws lambda invoke} does; answers its output.
   * For functions run on demand only (Reindex).
   */
  private Object invoke(String method, String path, HttpExchange exchange) throws IOException {
    if (!method.equals("POST")) {
      throw new Failed(405, "use POST to invoke a function");
    }
    String functionId = path.substring("/_local/invoke/".length());
    LocalFunction function = functions.get(functionId);
    if (function == null) {
      throw new Failed(404, "no function " + functionId + " in template.yaml");
    }
    byte[] event = exchange.getRequestBody().readAllBytes();
    String output = new String(function.invoke(event.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : event),
        StandardCharsets.UTF_8);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("function", functionId);
    result.put("output", output);
    return result;
  }

  /** A token for a demo user by key ({"user":"admin"}) or for any identity; expiresInSeconds may be negative. */
  private Map<String, Object> token(JsonNode body) {
    long seconds = body.path("expiresInSeconds").asLong(3600);
    String key = body.path("user").asText(null);
    if (key != null) {
      DemoData.DemoUser user = DemoData.USERS.stream().filter(u -> u.key().equals(key)).findFirst()
          .orElseThrow(() -> new Failed(404, "no demo user '" + key + "'"));
      return Map.of("token", tokens.issue(user.accountId(), user.userId(), user.email(), user.role(), Duration.ofSeconds(seconds)));
    }
    String accountId = text(body, "accountId");
    String userId = text(body, "userId");
    return Map.of("token", tokens.issue(accountId, userId, body.path("email").asText(userId + "@example.com"),
        body.path("role").asText("user"), Duration.ofSeconds(seconds)));
  }

  private List<Map<String, Object>> queues() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : resources.template().resourcesOfType("AWS::SQS::Queue")) {
      Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(resources.queueUrl(id))
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
      Map<String, Object> queue = new LinkedHashMap<>();
      queue.put("logicalId", id);
      queue.put("url", resources.queueUrl(id));
      queue.put("visible", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
      queue.put("inFlight", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
      queue.put("delayed", Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
      out.add(queue);
    }
    return out;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    if (bytes.length == 0) {
      throw new IllegalArgumentException("a JSON body is required");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("'" + field + "' is required (text)");
    }
    return value.asText();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
