package com.textinbox.localcloud;

import com.textinbox.localcloud.auth.LocalTokenIssuer;
import com.textinbox.localcloud.carrier.LocalCarrier;
import com.textinbox.localcloud.console.Console;
import com.textinbox.localcloud.docs.ApiDocs;
import com.textinbox.localcloud.demo.DemoData;
import com.textinbox.localcloud.engines.DynamoDbEngine;
import com.textinbox.localcloud.engines.OpenSearchEngine;
import com.textinbox.localcloud.engines.TlsCertificate;
import com.textinbox.localcloud.engines.Ports;
import com.textinbox.localcloud.engines.S3Engine;
import com.textinbox.localcloud.engines.SqsEngine;
import com.textinbox.localcloud.faults.FaultRules;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.localcloud.recording.AwsCallRecorder;
import com.textinbox.localcloud.standins.SesStandIn;
import com.textinbox.localcloud.standins.SnsStandIn;
import com.textinbox.localcloud.standins.TelegramStandIn;
import com.textinbox.localcloud.template.SamTemplate;
import com.textinbox.localcloud.triggers.ApiGateway;
import com.textinbox.localcloud.triggers.EventSources;
import com.textinbox.localcloud.triggers.Scheduler;
import com.textinbox.localcloud.triggers.WebSocketGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole suite in one process: reads template.yaml, starts the engines and stand-ins, creates
 * every resource, wires every function to its triggers, seeds the demo companies, and writes the
 * endpoints file. {@code infra/local-cloud.sh} starts it; see the README for what it prints.
 */
public final class LocalCloud implements AutoCloseable {
  private static final String ACCESS_KEY = LocalResources.ACCESS_KEY;
  private static final String SECRET_KEY = LocalResources.SECRET_KEY;
  /** The local deployment's Telegram bot (TelegramStandIn checks the token as Telegram does). */
  static final String TELEGRAM_BOT_TOKEN = "100000:local-bot-token";
  static final String TELEGRAM_BOT_USERNAME = "TextInboxLocalBot";
  static final String TELEGRAM_WEBHOOK_SECRET = "local-webhook-secret";

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
  private EndpointsFile endpoints;

  /** Command line: --port BASE (0 = any free ports), --data DIR, --template FILE, --endpoints FILE, --retry-delay SECONDS, --verbose. */
  public record Options(int basePort, Path dataDir, Path template, Path endpointsFile, Integer retryDelaySeconds, long receiptDelayMillis,
      boolean verbose) {
    static Options parse(String[] args) {
      int port = 4510;
      Path data = null;
      Path template = null;
      Path endpoints = null;
      Integer retry = null;
      long receiptDelay = 300;
      boolean verbose = false;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(require(args[i], value));
          case "--data" -> data = Path.of(require(args[i], value));
          case "--template" -> template = Path.of(require(args[i], value));
          case "--endpoints" -> endpoints = Path.of(require(args[i], value));
          case "--retry-delay" -> retry = Integer.parseInt(require(args[i], value));
          case "--receipt-delay-ms" -> receiptDelay = Long.parseLong(require(args[i], value));
          case "--verbose", "-v" -> {
            verbose = true;
            continue;
          }
          case "--help", "-h" -> {
            System.out.println(usage());
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
        }
        i++;
      }
      if (template == null) {
        template = findTemplate();
      }
      if (endpoints == null) {
        endpoints = template.toAbsolutePath().getParent().resolve(".local-cloud/endpoints.json");
      }
      return new Options(port, data, template, endpoints, retry, receiptDelay, verbose);
    }

    private static String require(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value\n" + usage());
      }
      return value;
    }

    static String usage() {
      return """
          usage: infra/local-cloud.sh [--port BASE] [--data DIR] [--template FILE] [--endpoints FILE] [--retry-delay SECONDS] [--verbose]
            --port BASE        first of the ports used (API = BASE, control = BASE+1, ...); 0 picks free ports (default 4510)
            --data DIR         keep the table, files, search index and signing key in DIR between runs (default: in memory)
            --template FILE    the SAM template to run (default: template.yaml of this repository)
            --endpoints FILE   where to write the endpoints file (default: .local-cloud/endpoints.json)
            --retry-delay S    retry a failed queue message after S seconds instead of the queue's visibility timeout
            --verbose          also print the engines' own logs (DynamoDB Local, ElasticMQ, S3Proxy, OpenSearch, Jetty:
                               request logs, start-up lines, warnings); by default only the functions' logs are printed""";
    }

    private static Path findTemplate() {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null) {
        if (Files.exists(dir.resolve("template.yaml"))) {
          return dir.resolve("template.yaml");
        }
        dir = dir.getParent();
      }
      throw new IllegalArgumentException("no template.yaml here or above; use --template");
    }
  }

  static {
    // two SLF4J bindings are on the host's class path: log4j's (the engines' lines, filtered by the
    // console) and shared's JSON lines for functions (decision 62), which the host must not use.
    // Named while the host's SLF4J initialises, then withdrawn: the property is global to the JVM,
    // and each function's own SLF4J (its class loader) must find its jar's binding.
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN"); // not its "(I) Attempting to load" line
      org.slf4j.LoggerFactory.getILoggerFactory();
      System.clearProperty("slf4j.provider");
      System.clearProperty("slf4j.internal.verbosity");
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Console.install(options.verbose());
    configureLogging(options.verbose());
    System.out.println("starting the local cloud: DynamoDB Local, ElasticMQ, S3Proxy, OpenSearch and the functions of "
        + options.template().getFileName() + (options.verbose() ? "..." : " (engine logs: --verbose)..."));
    LocalCloud cloud = new LocalCloud();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstopping the local cloud...");
      cloud.close();
      stopped.countDown();
    }));
    try {
      cloud.start(options);
    } catch (Exception e) {
      System.err.println("the local cloud could not start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println(cloud.endpoints.banner((System.nanoTime() - start) / 1_000_000, options.endpointsFile(), options.verbose()));
    stopped.await();
  }

  /**
   * The local cloud's own log4j configuration, loaded by name: shared's log4j2.properties (the
   * functions' JSON layout) is on this classpath too and would otherwise win. Engines log at WARN
   * (their lines are dropped by the console anyway unless verbose), or INFO with --verbose.
   */
  static void configureLogging(boolean verbose) throws java.net.URISyntaxException {
    java.net.URL config = LocalCloud.class.getClassLoader().getResource("local-cloud-log4j2.xml");
    if (config != null) {
      Configurator.reconfigure(config.toURI());
    }
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
  }

  public void start(Options options) throws Exception {
    System.setProperty("aws.region", LocalResources.REGION);
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    SamTemplate template = SamTemplate.load(options.template());
    Path data = options.dataDir();
    int base = options.basePort();
    int apiPort = Ports.pick(base == 0 ? 0 : base);
    int controlPort = Ports.pick(base == 0 ? 0 : base + 1);
    int livePort = Ports.pick(base == 0 ? 0 : base + 8);

    // the engines start side by side: OpenSearch is the slowest
    ExecutorService starter = Executors.newFixedThreadPool(4);
    CompletableFuture<DynamoDbEngine> dynamo = supply(starter, "DynamoDB Local", () -> DynamoDbEngine.start(port(base, 2), sub(data, "dynamodb")));
    CompletableFuture<SqsEngine> sqsEngine = supply(starter, "ElasticMQ", () -> SqsEngine.start(port(base, 3), LocalResources.REGION, LocalResources.ACCOUNT));
    CompletableFuture<S3Engine> s3Engine = supply(starter, "S3Proxy", () -> S3Engine.start(port(base, 4), sub(data, "s3")));
    CompletableFuture<OpenSearchEngine> search = supply(starter, "OpenSearch", () -> OpenSearchEngine.start(port(base, 5), sub(data, "opensearch")));
    CompletableFuture<TlsCertificate> certificate = supply(starter, "the TLS certificate", TlsCertificate::create);
    DynamoDbEngine dynamoDbEngine = closing(dynamo.join());
    SqsEngine sqsServer = closing(sqsEngine.join());
    S3Engine s3Server = closing(s3Engine.join());
    OpenSearchEngine openSearch = closing(search.join());
    TlsCertificate tls = certificate.join();
    starter.shutdown();

    SdkHttpClient http = closing(UrlConnectionHttpClient.create());
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    Region region = Region.of(LocalResources.REGION);
    DynamoDbClient dynamoDb = closing(DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(dynamoDbEngine.endpoint()).build());
    DynamoDbStreamsClient streams = closing(DynamoDbStreamsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(dynamoDbEngine.endpoint()).build());
    SqsClient sqs = closing(SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(sqsServer.endpoint()).build());
    S3Client s3 = closing(S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(s3Server.endpoint()).forcePathStyle(true).build());
    SnsStandIn snsStandIn = closing(SnsStandIn.start(port(base, 6), LocalResources.REGION, LocalResources.ACCOUNT, sqs));
    SesStandIn sesStandIn = closing(SesStandIn.start(port(base, 7)));
    SnsClient sns = closing(SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(snsStandIn.endpoint()).build());

    // the functions' SDK calls go through the recorder, which notes what each calls (docs/least-privilege.md)
    // ... and inject the faults of /_local/faults into them (docs/reliability.md)
    FaultRules faults = new FaultRules();
    AwsCallRecorder recorder = closing(AwsCallRecorder.start(Map.of(
        "dynamodb", dynamoDbEngine.endpoint(), "sqs", sqsServer.endpoint(), "s3", s3Server.endpoint(),
        "sns", snsStandIn.endpoint(), "ses", sesStandIn.endpoint(), "sesv2", sesStandIn.endpoint(),
        "opensearch", openSearch.endpoint(), "execute-api", java.net.URI.create("http://127.0.0.1:" + livePort)), faults));

    String control = "http://127.0.0.1:" + controlPort;
    // the local deployment's parameter values: the push platform application the SNS stand-in
    // created, and Telegram on the control server's stand-in
    Map<String, String> parameters = new LinkedHashMap<>(platformApplications(template, sns));
    parameters.putAll(localParameterValues(template));
    parameters.putAll(Map.of(
        "TelegramApiBaseUrl", control + "/telegram",
        "TelegramBotToken", TELEGRAM_BOT_TOKEN,
        "TelegramBotUsername", TELEGRAM_BOT_USERNAME,
        "TelegramWebhookSecret", TELEGRAM_WEBHOOK_SECRET));
    parameters.keySet().retainAll(template.parameterDefaults().keySet());
    // the search domain as AWS serves it: a host reached over https (the functions' calls go through their
    // recorder's TLS listener; this front, unrecorded, is the domain's own endpoint)
    String searchDomain = recorder.tlsEndpoint(null, tls.serverContext());
    LocalResources resources = new LocalResources(template, parameters, new LocalResources.Endpoints(
        dynamoDbEngine.endpoint().toString(), sqsServer.endpoint().toString(), s3Server.endpoint().toString(),
        snsStandIn.endpoint().toString(), sesStandIn.endpoint().toString(), searchDomain,
        control, "http://127.0.0.1:" + apiPort, "http://127.0.0.1:" + livePort, tls.serverContext(), tls.caBundle().toString()),
        recorder);

    // no search index is made here: the stack makes its own (the indexer's first write, the Reindex function)
    new Provisioner(resources, dynamoDb, sqs, s3, sns).provisionAll();

    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    for (SamTemplate.FunctionDefinition f : template.functions()) {
      functions.put(f.logicalId(), new LocalFunction(f.logicalId(), resources.arn(f.logicalId()), f.handlerClass(),
          template.baseDir().resolve(f.codeUri()), resources.environmentOf(f),
          Integer.parseInt(String.valueOf(f.properties().getOrDefault("MemorySize", 1024))),
          Integer.parseInt(String.valueOf(f.properties().getOrDefault("Timeout", 20))), faults.crashes()));
    }

    ApiGateway api = closing(new ApiGateway(apiPort, resources, functions));
    WebSocketGateway live = closing(WebSocketGateway.start(livePort, resources, functions));
    Scheduler scheduler = closing(new Scheduler());
    ExecutorService asyncInvokes = Executors.newFixedThreadPool(2);
    toClose.push(asyncInvokes::shutdownNow);
    snsStandIn.onLambda((functionArn, eventJson) -> functions.values().stream()
        .filter(f -> f.arn().equals(functionArn)).findFirst()
        .ifPresent(f -> asyncInvokes.submit(() -> invokeAsync(f, eventJson))));
    EventSources eventSources = new EventSources(resources, sqs, sns, dynamoDb, streams, scheduler,
        options.retryDelaySeconds(), this::closing);
    for (SamTemplate.FunctionDefinition definition : template.functions()) {
      eventSources.wire(definition, functions.get(definition.logicalId()));
    }

    String tableId = template.resourcesOfType("AWS::DynamoDB::Table").get(0);
    DemoData demo = new DemoData(dynamoDb, resources.name(tableId));
    demo.seed();
    String filesBucket = resources.name("FilesBucket");
    demo.seedSampleImport(s3, filesBucket);

    LocalTokenIssuer tokens = LocalTokenIssuer.create(resources.issuer(), LocalResources.USER_POOL_CLIENT_ID,
        data == null ? null : data.resolve("signing-key.json"));
    LocalCarrier carrier = closing(new LocalCarrier(snsStandIn, carrierTopic(template, resources, "inbound"),
        carrierTopic(template, resources, "events"), options.receiptDelayMillis()));
    TelegramStandIn telegram = new TelegramStandIn(TELEGRAM_BOT_TOKEN);
    telegram.setWebhook(api.url() + "/telegram/webhook", TELEGRAM_WEBHOOK_SECRET); // what a deployment does once (README)
    ControlServer controlServer = closing(new ControlServer(controlPort, carrier, sesStandIn, snsStandIn, scheduler, tokens, functions,
        sqs, resources, recorder, telegram,
        new ControlServer.Samples(() -> demo.newSampleImport(s3, filesBucket), demo::newSampleDeletion,
            demo::newSampleSend, demo::newSampleReceipt)));
    controlServer.start();

    Map<String, String> userTokens = new LinkedHashMap<>();
    for (DemoData.DemoUser user : DemoData.USERS) {
      userTokens.put(user.key(), tokens.issue(user.accountId(), user.userId(), user.email(), user.role(), Duration.ofDays(7)));
    }
    Map<String, String> aws = new LinkedHashMap<>();
    aws.put("region", LocalResources.REGION);
    aws.put("accessKeyId", ACCESS_KEY);
    aws.put("secretAccessKey", SECRET_KEY);
    aws.put("dynamodb", dynamoDbEngine.endpoint().toString());
    aws.put("sqs", sqsServer.endpoint().toString());
    aws.put("s3", s3Server.endpoint().toString());
    aws.put("sns", snsStandIn.endpoint().toString());
    aws.put("ses", sesStandIn.endpoint().toString());
    aws.put("opensearch", openSearch.endpoint().toString());
    aws.put("opensearchDomain", "https://" + searchDomain);
    aws.put("caBundle", tls.caBundle().toString());
    aws.put("table", resources.name(tableId));
    String docs = api.origin() + ApiDocs.PATH;
    api.serveLocalPage(ApiDocs.PATH, new ApiDocs(template.baseDir().resolve("docs/openapi.yaml"), api.url(), userTokens));
    endpoints = new EndpointsFile(api.url(), live == null ? null : live.url(), control, docs, userTokens, aws);
    endpoints.write(options.endpointsFile());
  }

  /** An asynchronous invocation (SNS -> Lambda): retried twice on error, as Lambda does. */
  private static void invokeAsync(LocalFunction function, String eventJson) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        function.invoke(eventJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return;
      } catch (LocalFunction.FunctionError e) {
        System.err.println(function.logicalId() + " failed an asynchronous invocation (attempt " + (attempt + 1) + "): " + e.getMessage());
      }
    }
  }

  /**
   * The SNS platform applications of the template's {@code Metadata.LocalCloud.PlatformApplications}
   * (parameter name -> {Name, Platform}), created in the SNS stand-in: their ARNs are the values of
   * those parameters here, as a deployer would pass the ARNs of real ones.
   */
  private static Map<String, String> platformApplications(SamTemplate template, SnsClient sns) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Map<String, Object> applications = SamTemplate.map(SamTemplate.map(SamTemplate.map(template.root().get("Metadata"))
        .get("LocalCloud")).get("PlatformApplications"));
    applications.forEach((parameter, value) -> {
      Map<String, Object> application = SamTemplate.map(value);
      parameters.put(parameter, sns.createPlatformApplication(b -> b.name(String.valueOf(application.get("Name")))
          .platform(String.valueOf(application.get("Platform")))
          .attributes(Map.of("PlatformCredential", "local-server-key"))).platformApplicationArn());
    });
    return parameters;
  }

  /**
   * The template's {@code Metadata.LocalCloud.ParameterValues}: the local deployment's values of
   * some parameters, as a deployer passes them (the local send rate, decision 61).
   */
  private static Map<String, String> localParameterValues(SamTemplate template) {
    Map<String, String> parameters = new LinkedHashMap<>();
    SamTemplate.map(SamTemplate.map(SamTemplate.map(template.root().get("Metadata")).get("LocalCloud")).get("ParameterValues"))
        .forEach((parameter, value) -> parameters.put(parameter, String.valueOf(value)));
    return parameters;
  }

  private static String carrierTopic(SamTemplate template, LocalResources resources, String role) {
    for (String id : template.resourcesOfType("AWS::SNS::Topic")) {
      Map<String, Object> local = SamTemplate.map(SamTemplate.map(template.resource(id).get("Metadata")).get("LocalCloud"));
      if (role.equals(local.get("Carrier"))) {
        return resources.arn(id);
      }
    }
    return null;
  }

  private static int port(int base, int offset) {
    return base == 0 ? 0 : base + offset;
  }

  private static Path sub(Path data, String name) {
    return data == null ? null : data.resolve(name);
  }

  private interface StartStep<T> {
    T start() throws Exception;
  }

  /** Starts an engine on its own thread, marked as the engine's: what it and its threads print is the engine's (Console). */
  private static <T> CompletableFuture<T> supply(ExecutorService executor, String engine, StartStep<T> step) {
    return CompletableFuture.supplyAsync(() -> {
      try (Console.Scope quiet = Console.engine(engine)) {
        return step.start();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, executor);
  }

  private <T> T closing(T resource) {
    if (resource instanceof AutoCloseable closeable) {
      toClose.push(closeable);
    }
    return resource;
  }

  @Override
  public void close() {
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }
}
