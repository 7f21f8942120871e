import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Cold start per function (DESIGN.md, principle 3): for each function the running local cloud
 * serves (every function of template.yaml), a fresh JVM per measurement, as Lambda starts one per
 * container, with the function's environment as real process variables, its jar, and its sample
 * event from events/MODULE/. Prints medians of jar size, JVM start to main, init, first and warm
 * invoke, and peak RSS, beside two reference rows (a hello-world handler and a plain SDK function,
 * infra/bench/reference) and each function's ratio to the plain SDK one. Run it through
 * infra/bench/cold-start.sh, from the repository root.
 *
 * <p>Exit codes: 0 measured, 1 a function is missing something or failed (the others are still
 * measured and printed), 2 no local cloud.
 */
public final class ColdStart {
  // Tiered compilation stopped at C1, as Lambda's java21 runtime does by default; Serial GC because
  // the JVM's ergonomics pick it under 1,792 MB, as on a 1024 MB Lambda (this machine would get G1).
  private static final List<String> JVM_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC");
  private static final Pattern RESULT = Pattern.compile(
      "COLDSTART jvmToMainMs=(\\S+) initMs=(\\S+) firstMs=(\\S+) warmMs=(\\S+) maxRssKb=(\\S+) cpuMs=(\\S+) coldCpuMs=(\\S+) queuedMs=(\\S+) firstCpuMs=(\\S+) response=(.*)");
  /** The trust store every measured JVM reads: the JDK's CA certificates and the local cloud's (set by {@link #overTls}). */
  private static Path trustStore;
  /** {@code --why}: a class whose loading stacks the class-counting runs log. */
  private static String why;
  private static final String[] PHASES = {"JVM + harness", "init", "first invoke", "warm invoke"};
  /** The phases of a primed run (Harness --primed): what SnapStart's snapshot holds, then what a restore loads. */
  private static final String[] PRIMED_PHASES = {"JVM + harness", "init", "priming", "1st after priming"};

  /** The local cloud's POST that queues a new run of the demo's sample import (DemoData); null for an older cloud. */
  static String sampleImportUrl;
  static String sampleDeletionUrl;
  static String sampleSendUrl;
  static String sampleReceiptUrl;

  /** {@code sdkFirst}: classes put before the jar on the class path (the peer's plain SDK), or null. */
  record Function(String logicalId, String handler, Path jar, Path event, Map<String, String> environment, Path sdkFirst) {
    Function(String logicalId, String handler, Path jar, Path event, Map<String, String> environment) {
      this(logicalId, handler, jar, event, environment, null);
    }
  }

  /**
   * coldCpu: of the process from its start to the first invoke's end, the cold start (all threads,
   * JIT and GC included); wholeCpu: the same to the end of the warm invoke; queued: the main
   * thread's wait for a CPU in init + first invoke.
   */
  record Run(double jvmToMain, double init, double first, double warm, double maxRssKb, double wholeCpu,
      double coldCpu, double queued, double firstCpu, String response) {}

  static final class Failure extends RuntimeException {
    final int exitCode;

    Failure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Failure e) {
      System.err.println("cold-start: " + e.getMessage());
      System.exit(e.exitCode);
    }
  }

  static void run(String[] args) throws Exception {
    int runs = 3;
    boolean classes = false;
    boolean keep = false;
    java.util.Set<String> only = new java.util.HashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = i + 1 < args.length && args[i + 1].matches("[1-9][0-9]*") ? Integer.parseInt(args[++i]) : -1;
        case "--classes" -> classes = true;
        case "--keep" -> keep = true;
        case "--only" -> only.addAll(i + 1 < args.length ? List.of(args[++i].split(",")) : List.of());
        case "--why" -> why = i + 1 < args.length ? args[++i] : null;
        default -> runs = -1;
      }
    }
    if (runs < 1) {
      throw new Failure(1, "usage: infra/bench/cold-start.sh [--runs N] [--classes] [--only Fn1,Fn2] [--keep] [--why a.Class]"
          + " (--classes: two more runs per function counting the classes each phase loads, unprimed and primed;"
          + " --only: these functions and the reference rows; --keep: keep the work directory, its class-load logs;"
          + " --why: with --classes --keep, <function>-why.log holds the stack that loaded that class)");
    }
    Path endpointsFile = Path.of(".local-cloud/endpoints.json");
    if (!Files.exists(endpointsFile)) {
      throw new Failure(2, "no .local-cloud/endpoints.json: start the local cloud first (infra/local-cloud.sh) and run this again.");
    }
    Map<String, Object> endpoints = map(Json.parse(Files.readString(endpointsFile)));
    Map<String, Object> aws = map(endpoints.get("aws"));
    String adminToken = (String) map(endpoints.get("tokens")).get("admin");
    sampleImportUrl = (String) endpoints.get("sampleImport");
    sampleDeletionUrl = (String) endpoints.get("sampleDeletion");
    sampleSendUrl = (String) endpoints.get("sampleSend");
    sampleReceiptUrl = (String) endpoints.get("sampleReceipt");
    Path work = Files.createTempDirectory("cold-start");
    List<Function> served = overTls(functions((String) endpoints.get("functions")), (String) endpoints.get("tlsEndpoints"), work);
    if (!only.isEmpty()) {
      served = served.stream().filter(f -> only.contains(f.logicalId())).toList();
    }
    List<Function> functions = new ArrayList<>(references(served, work));
    functions.addAll(served);
    try {
      measureAll(functions, work, aws, adminToken, runs, classes);
    } finally {
      if (keep) {
        System.out.println("work directory kept (class-load logs, outputs, the harness): " + work);
      } else {
        try (Stream<Path> files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  static void measureAll(List<Function> functions, Path work, Map<String, Object> aws, String adminToken, int runs,
      boolean classes) throws Exception {
    Path harness = compileHarness(functions.get(0).jar(), work);

    Map<String, List<Run>> measured = new LinkedHashMap<>();
    Map<String, List<Run[]>> pairs = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    functions.forEach(f -> measured.put(f.logicalId(), new ArrayList<>()));
    functions.forEach(f -> pairs.put(f.logicalId(), new ArrayList<>()));
    Function peer = functions.stream().filter(f -> f.logicalId().equals(PEER)).findFirst().orElseThrow();
    // run r of every function before run r+1 of any, so drift on a busy machine spreads evenly; and
    // the peer just before each function's run, so each ratio compares two runs a second apart;
    // a function that fails is reported at the end and not run again, the others are still measured
    for (int r = 1; r <= runs; r++) {
      for (Function function : functions) {
        if (failed.containsKey(function.logicalId())) {
          continue;
        }
        System.err.printf("run %d/%d: %s%n", r, runs, function.logicalId());
        try {
          Run beside = function == peer || failed.containsKey(PEER) ? null : measure(peer, harness, work, aws, adminToken, null, false);
          Run run = measure(function, harness, work, aws, adminToken, null, false);
          measured.get(function.logicalId()).add(run);
          if (beside != null) {
            measured.get(PEER).add(beside);
            pairs.get(function.logicalId()).add(new Run[] {run, beside});
          }
        } catch (Failure e) {
          failed.put(function.logicalId(), e.getMessage());
        }
      }
    }
    List<Function> ok = functions.stream().filter(f -> !failed.containsKey(f.logicalId())).toList();

    System.out.printf("%nMedians of %d cold starts per function (fresh JVM each; %s; java %s; %d cores)%n",
        runs, String.join(" ", JVM_FLAGS), Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf("%-22s %12s %14s %9s %12s %10s %12s %8s %10s %10s%n", "function", "jar bytes", "JVM->main ms",
        "init ms", "1st invoke", "warm ms", "max RSS MB", "CPU ms", "with warm", "queued ms");
    for (Function function : ok) {
      List<Run> all = measured.get(function.logicalId());
      System.out.printf("%-22s %12d %14.0f %9.0f %12.0f %10.1f %12.0f %8.0f %10.0f %10.0f%n", function.logicalId(),
          Files.size(function.jar()), median(all, Run::jvmToMain), median(all, Run::init), median(all, Run::first),
          median(all, Run::warm), median(all, Run::maxRssKb) / 1024, median(all, Run::coldCpu), median(all, Run::wholeCpu),
          median(all, Run::queued));
    }
    System.out.printf("CPU ms: the cold start's, the child process from its start to the first invoke's end (all threads,%n"
        + "JIT and GC included); with warm: to the warm invoke's end. queued ms: time the main thread%n"
        + "was ready but waited for a CPU during init + first invoke (other processes, or this JVM's JIT and GC threads).%n"
        + "%s and %s are the reference rows (infra/bench/reference), run on the jar of the first function%n"
        + "that reads the table; %s also runs before each run of every other row (its medians are of all its runs).%n%n",
        HELLO, PEER, PEER);
    printRatios(ok, pairs);
    for (Function function : ok) {
      String response = measured.get(function.logicalId()).get(0).response();
      System.out.printf("%s answered: %s%n", function.logicalId(),
          response.length() > 160 ? response.substring(0, 160) + "..." : response);
    }

    if (classes) {
      System.out.printf("%nClasses loaded per phase (two more runs each, -Xlog:class+load): unprimed, then primed as%n"
          + "SnapStart primes (the CRaC resources' beforeCheckpoint between init and the first invoke); last two columns:%n"
          + "the CPU time of the first invoke after priming (all threads), what a SnapStart restore runs, and its ratio to%n"
          + "the peer's first invoke (a SnapStart restore of the peer runs that invoke unprimed)%n%-22s", "function");
      for (String phase : PHASES) {
        System.out.printf(" %14s", phase);
      }
      System.out.printf(" %8s |", "total");
      for (String phase : List.of(PRIMED_PHASES).subList(1, PRIMED_PHASES.length)) {
        System.out.printf(" %17s", phase);
      }
      System.out.printf(" %12s %8s%n", "its CPU ms", "vs peer");
      double peerRestoredCpu = Double.NaN;
      Map<String, int[]> origins = new LinkedHashMap<>();
      for (Function function : ok) {
        Path log = work.resolve(function.logicalId() + "-classes.log");
        measure(function, harness, work, aws, adminToken, log, false);
        int[] counts = classesPerPhase(log, false);
        origins.put(function.logicalId(), coldStartClassesByOrigin(log));
        Path primedLog = work.resolve(function.logicalId() + "-primed-classes.log");
        Run restored = measure(function, harness, work, aws, adminToken, primedLog, true);
        int[] primed = classesPerPhase(primedLog, true);
        if (function.logicalId().equals(PEER)) {
          peerRestoredCpu = restored.firstCpu();
        }
        System.out.printf("%-22s", function.logicalId());
        int total = 0;
        for (int count : counts) {
          System.out.printf(" %14d", count);
          total += count;
        }
        System.out.printf(" %8d |", total);
        for (int i = 1; i < primed.length; i++) {
          System.out.printf(" %17d", primed[i]);
        }
        double ratio = restored.firstCpu() / peerRestoredCpu;
        System.out.printf(" %12.0f %8s%n", restored.firstCpu(), Double.isNaN(ratio) ? "-" : String.format("%.2f", ratio));
      }
      printOriginsBeyondPeer(origins);
    }
    if (!failed.isEmpty()) {
      failed.forEach((id, why) -> System.out.printf("%nNOT MEASURED %s: %s%n", id, why));
      throw new Failure(1, failed.size() + " of " + functions.size() + " not measured: " + String.join(", ", failed.keySet()));
    }
  }

  /**
   * Each function against the plain SDK peer: for each of its runs, its figure over the peer's run
   * just before it, then the median of those ratios (CPU ms, with warm, init + first invoke). A
   * ratio of two runs a second apart cancels the machine's drift between minutes, which a ratio of
   * medians taken minutes apart does not.
   */
  static void printRatios(List<Function> ok, Map<String, List<Run[]>> pairs) {
    System.out.printf("Against %s, each run over the peer's run just before it, median of the ratios (1.00 = the same;%n"
        + "lower is better)%n%-22s %10s %10s %22s%n", PEER, "function", "CPU ms", "with warm", "init + first invoke");
    for (Function function : ok) {
      List<Run[]> paired = pairs.get(function.logicalId());
      if (function.logicalId().equals(PEER)) {
        System.out.printf("%-22s %10.2f %10.2f %22.2f%n", PEER, 1.0, 1.0, 1.0);
        continue;
      }
      if (paired.isEmpty()) {
        continue; // the peer failed: no ratio
      }
      System.out.printf("%-22s %10.2f %10.2f %22.2f%n", function.logicalId(),
          medianRatio(paired, Run::coldCpu), medianRatio(paired, Run::wholeCpu),
          medianRatio(paired, run -> run.init() + run.first()));
    }
    System.out.println();
  }

  static double medianRatio(List<Run[]> pairs, java.util.function.ToDoubleFunction<Run> field) {
    return median(pairs.stream().mapToDouble(p -> field.applyAsDouble(p[0]) / field.applyAsDouble(p[1])));
  }

  static final String HELLO = "HelloWorld";
  static final String PEER = "PlainSdkPeer";

  /**
   * The two reference rows measured in every run beside the functions (infra/bench/reference): a
   * hello-world handler, and a plain SDK function reading the same table. They run on the jar and
   * environment of a function that talks to the table (its classes load only if used).
   */
  static List<Function> references(List<Function> functions, Path work) throws IOException {
    Function host = functions.stream().filter(f -> f.environment().containsKey("TABLE_NAME")).findFirst()
        .orElseThrow(() -> new Failure(1, "no function with TABLE_NAME to run the reference handlers on"));
    Path event = Files.writeString(work.resolve("reference-event.json"), "{}");
    Map<String, String> peerEnvironment = new LinkedHashMap<>();
    host.environment().forEach((name, value) -> {
      if (name.equals("TABLE_NAME") || name.startsWith("AWS_ENDPOINT_URL")) {
        peerEnvironment.put(name, value);
      }
    });
    return List.of(new Function(HELLO, HELLO, host.jar(), event, Map.of()),
        new Function(PEER, PEER, host.jar(), event, peerEnvironment, plainSdkMetadata(work)));
  }

  /**
   * The SDK's own metadata providers, from its regions jar in the local Maven repository: the
   * function jars carry shared's lazy ones instead (decision 71), and the peer is a plain SDK
   * function, so these go before the jar on its class path.
   */
  static Path plainSdkMetadata(Path work) throws IOException {
    Matcher version = Pattern.compile("<aws.sdk.version>([^<]+)</aws.sdk.version>").matcher(Files.readString(Path.of("pom.xml")));
    if (!version.find()) {
      throw new Failure(1, "pom.xml names no aws.sdk.version");
    }
    String v = version.group(1);
    Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "software", "amazon", "awssdk", "regions", v,
        "regions-" + v + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new Failure(1, "the SDK's regions jar is not at " + jar + ": build once with mvn -B package -DskipTests");
    }
    Path classes = work.resolve("plain-sdk");
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      for (String provider : List.of("GeneratedServiceMetadataProvider", "GeneratedRegionMetadataProvider")) {
        String entry = "software/amazon/awssdk/regions/" + provider + ".class";
        Path target = classes.resolve(entry);
        Files.createDirectories(target.getParent());
        try (var in = zip.getInputStream(zip.getEntry(entry))) {
          Files.copy(in, target);
        }
      }
    }
    return classes;
  }

  /**
   * The functions with their AWS calls over https, as on AWS, where every SDK call is: each
   * environment value that starts with the function's http endpoint (its AWS_ENDPOINT_URL_*, the
   * Management API's) starts with its TLS endpoint instead (the same recorder behind the local
   * cloud's certificate, {@code GET /_local/tls-endpoints}). The measured JVMs trust that
   * certificate beside the JDK's CA certificates, in a trust store of the same format as the JDK's
   * (no password, no MAC), so the first call pays the handshake and the CA certificates' load it
   * pays on Lambda. The peer takes its endpoint from a function here, so it goes over https too.
   */
  static List<Function> overTls(List<Function> functions, String tlsEndpointsUrl, Path work) throws Exception {
    if (tlsEndpointsUrl == null) {
      throw new Failure(2, "this local cloud serves no TLS endpoints (an older build): restart infra/local-cloud.sh and run this again.");
    }
    Map<String, Object> tls = map(Json.parse(get(tlsEndpointsUrl)));
    String caBundle = functions.stream().map(f -> f.environment().get("AWS_CA_BUNDLE")).filter(v -> v != null)
        .findFirst().orElseThrow(() -> new Failure(1, "no function has AWS_CA_BUNDLE, the local cloud's certificate"));
    trustStore = work.resolve("truststore.p12");
    Files.copy(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"), trustStore);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE", "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
        "-importcert", "-noprompt", "-alias", "local-cloud", "-file", caBundle, "-keystore", trustStore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
    String said = new String(keytool.getInputStream().readAllBytes());
    if (keytool.waitFor() != 0) {
      throw new Failure(1, "keytool could not add the local cloud's certificate to a trust store: " + said);
    }
    List<Function> overTls = new ArrayList<>();
    for (Function f : functions) {
      String http = f.environment().get("AWS_ENDPOINT_URL_DYNAMODB");
      String https = (String) tls.get(f.logicalId());
      if (http == null || https == null) {
        throw new Failure(1, f.logicalId() + " has no AWS endpoint behind TLS in the local cloud");
      }
      Map<String, String> environment = new LinkedHashMap<>();
      f.environment().forEach((name, value) -> environment.put(name, value.startsWith(http) ? https + value.substring(http.length()) : value));
      overTls.add(new Function(f.logicalId(), f.handler(), f.jar(), f.event(), environment));
    }
    return overTls;
  }

  /** A GET of the local cloud's control port, its body; a Failure that says what to do when it does not answer 200. */
  static String get(String url) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new Failure(2, "the local cloud answered " + response.statusCode() + " at " + url + " (" + response.body()
            + "); restart infra/local-cloud.sh.");
      }
      return response.body();
    } catch (IOException e) {
      throw new Failure(2, "the local cloud is not running (nothing answers at " + url
          + ", from .local-cloud/endpoints.json): start infra/local-cloud.sh and run this again.");
    }
  }

  /** The functions the local cloud runs, with their resolved environment, jar and sample event. */
  static List<Function> functions(String url) throws Exception {
    String body = get(url);
    List<Function> functions = new ArrayList<>();
    for (Object item : (List<?>) Json.parse(body)) {
      Map<String, Object> f = map(item);
      String id = (String) f.get("logicalId");
      Path jar = Path.of((String) f.get("code"));
      if (!Files.isRegularFile(jar)) {
        throw new Failure(1, id + ": its jar " + jar + " is missing; build it with: mvn -B -q -o package -DskipTests");
      }
      // functions/MODULE/target/function.jar -> events/MODULE/
      Path events = Path.of("events", jar.getParent().getParent().getFileName().toString());
      Path event;
      try (Stream<Path> files = Files.exists(events) ? Files.list(events) : Stream.empty()) {
        event = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElse(null); // reported by measure
      }
      Map<String, String> environment = new LinkedHashMap<>();
      map(f.get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
      functions.add(new Function(id, (String) f.get("handler"), jar, event, environment));
    }
    if (functions.isEmpty()) {
      throw new Failure(1, "the local cloud runs no function");
    }
    return functions;
  }

  /**
   * The harness needs only aws-lambda-java-core, which every function jar carries; the reference
   * handlers also the DynamoDB client and the URL-connection HTTP client, which every function jar
   * that talks to the table carries (classes load only when used, so the rest of the jar costs
   * nothing).
   */
  static Path compileHarness(Path anyFunctionJar, Path work) {
    Path classes = work.resolve("harness");
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), "-cp", anyFunctionJar.toString(), "infra/bench/Harness.java",
        "infra/bench/reference/HelloWorld.java", "infra/bench/reference/PlainSdkPeer.java",
        "infra/bench/crac/Resource.java", "infra/bench/crac/Context.java", "infra/bench/crac/Core.java",
        "infra/bench/crac/CheckpointException.java", "infra/bench/crac/RestoreException.java");
    if (status != 0) {
      throw new Failure(1, "infra/bench/Harness.java or infra/bench/reference/ does not compile against " + anyFunctionJar);
    }
    return classes;
  }

  /**
   * One cold start in a new JVM; with classLog, the JVM also logs every class it loads there;
   * primed, the handler's CRaC resources run between init and the first invoke (infra/bench/crac).
   */
  static Run measure(Function f, Path harness, Path work, Map<String, Object> aws, String adminToken, Path classLog,
      boolean primed) throws Exception {
    if (f.event() == null) {
      throw new Failure(1, f.logicalId() + ": no sample event in events/<its module>/ (see events/README.md)");
    }
    String sample = Files.readString(f.event());
    Path first = Files.writeString(work.resolve(f.logicalId() + "-first.json"), freshSample(prepare(sample, adminToken, f.environment())));
    Path warm = Files.writeString(work.resolve(f.logicalId() + "-warm.json"), freshSample(prepare(sample, adminToken, f.environment())));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-Djavax.net.ssl.trustStore=" + trustStore);
    if (classLog != null) {
      command.add("-Xlog:class+load:file=" + classLog);
      if (why != null) { // which code loads a class (JDK 22+)
        command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:LogClassLoadingCauseFor=" + why,
            "-Xlog:class+load+cause:file=" + classLog.toString().replace("-classes.log", "-why.log")));
      }
    }
    if (primed) {
      command.add("-Dorg.crac.Core.Compat=benchcrac");
    }
    String classPath = f.jar() + java.io.File.pathSeparator + harness;
    command.addAll(List.of("-cp", f.sdkFirst() == null ? classPath : f.sdkFirst() + java.io.File.pathSeparator + classPath,
        "Harness"));
    if (primed) {
      command.add("--primed");
    }
    command.addAll(List.of(f.handler().replaceFirst("::.*", ""), first.toString(), warm.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    // only what Lambda would set: the function's variables and the credentials of its role
    builder.environment().clear();
    builder.environment().putAll(f.environment());
    builder.environment().put("AWS_ACCESS_KEY_ID", (String) aws.get("accessKeyId"));
    builder.environment().put("AWS_SECRET_ACCESS_KEY", (String) aws.get("secretAccessKey"));
    builder.environment().put("AWS_REGION", (String) aws.get("region"));
    Path output = work.resolve(f.logicalId() + "-output.log");
    builder.redirectErrorStream(true).redirectOutput(output.toFile());
    Process process = builder.start();
    int status = process.waitFor();
    String printed = Files.readString(output);
    Matcher result = RESULT.matcher(printed);
    if (status != 0 || !result.find()) {
      throw new Failure(1, f.logicalId() + " failed (exit " + status + "); its output:\n" + tail(printed));
    }
    String response = result.group(10);
    // an error answer would time the error path, not the function's work
    // (an authorizer's policy may deny some routes to the caller: an error only when it allows nothing)
    if (response.matches(".*\"statusCode\":[45].*|.*\"itemIdentifier\".*")
        || response.contains("\"policyDocument\"") && !response.contains("\"Effect\":\"Allow\"")) {
      throw new Failure(1, f.logicalId() + " answered an error, so its figures would not mean much: " + response
          + "\nits output:\n" + tail(printed));
    }
    return new Run(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)), Double.parseDouble(result.group(3)),
        Double.parseDouble(result.group(4)), Double.parseDouble(result.group(5)), Double.parseDouble(result.group(6)),
        Double.parseDouble(result.group(7)), Double.parseDouble(result.group(8)), Double.parseDouble(result.group(9)),
        response);
  }

  /**
   * The sample event made live for the local cloud: a TOKEN authorizer event gets a real token, so
   * the invoke runs the whole verification, JWKS fetch included; an inbound SMS gets a fresh
   * carrier id, so each invoke stores a message rather than taking the duplicate path; a
   * conversation event gets a fresh event id, so NotificationDispatcher notifies rather than
   * finding its notifications made; Telegram's webhook call carries the secret the function was given.
   */
  static String prepare(String event, String adminToken, Map<String, String> environment) {
    Matcher eventId = Pattern.compile("eventId[\\\\\" ]*:[\\\\\" ]*(msg-[0-9a-f-]{36})").matcher(event);
    if (eventId.find()) { // in the body and in the message's attributes
      event = event.replace(eventId.group(1), "msg-" + UUID.randomUUID());
    }
    String webhookSecret = environment.get("TELEGRAM_WEBHOOK_SECRET");
    if (webhookSecret != null && !webhookSecret.isEmpty()) {
      event = event.replace("sample-webhook-secret", webhookSecret);
    }
    if (event.contains("\"authorizationToken\"")) {
      event = event.replaceFirst("\"authorizationToken\": *\"[^\"]*\"", "\"authorizationToken\": \"Bearer " + adminToken + "\"");
    }
    return event.replaceAll("(inboundMessageId[\\\\\"]*:[\\\\\"]*)[0-9a-f-]{36}", "$1" + UUID.randomUUID());
  }

  /**
   * A sample that names work done once made fresh, so each invoke does that work (the local cloud
   * seeds it, never sends it to a queue, so only this invoke runs it): CustomerImportWorker's import
   * run (a finished run is answered without any work) gets a new queued run of the same file and
   * mapping; CustomerDeletion's job (a completed one is answered without work, one not there is
   * retried) a new QUEUED job of a customer with a history; SmsSender's send command (the demo's
   * reply is texted already) a new QUEUED reply; DeliveryReceipts' receipt (the demo's reply is
   * delivered already) a new SENT reply's carrier id.
   */
  static String freshSample(String event) throws Exception {
    String imported = fresh(event, "(importId[\\\\\" ]*:[\\\\\" ]*)imp-[0-9a-f-]{36}", sampleImportUrl, "importId");
    String deleted = fresh(imported, "()job-demo-delete-karim", sampleDeletionUrl, "jobId");
    String received = fresh(deleted, "()carrier-demo-reply", sampleReceiptUrl, "carrierMessageId");
    if (!received.contains("msg-demo-reply") || sampleSendUrl == null) {
      return received;
    }
    Map<String, Object> queued = created(sampleSendUrl);
    return received.replaceAll("T#[^\\\\\"]*#msg-demo-reply", Matcher.quoteReplacement((String) queued.get("timelineSk")))
        .replace("msg-demo-reply", (String) queued.get("messageId"));
  }

  private static String fresh(String event, String named, String url, String field) throws Exception {
    Matcher matcher = Pattern.compile(named).matcher(event);
    if (!matcher.find() || url == null) {
      return event;
    }
    Object id = created(url).get(field);
    if (id == null) {
      throw new Failure(1, "the local cloud answered no " + field + " at " + url + ": restart infra/local-cloud.sh from this worktree");
    }
    return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + id));
  }

  /** What the local cloud's control port answers when asked for a new sample at {@code url}. */
  private static Map<String, Object> created(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new Failure(1, "the local cloud made no sample (" + created.statusCode() + " at " + url
            + "): restart infra/local-cloud.sh from this worktree");
      }
      return map(Json.parse(created.body()));
    }
  }

  /** Lines of the class-load log between the harness's phase markers (primed: up to the first invoke's end). */
  static int[] classesPerPhase(Path log, boolean primed) throws IOException {
    String[] markers = primed
        ? new String[] {" Harness ", " Harness$Init ", " Harness$Priming ", " Harness$FirstInvoke ", " Harness$WarmInvoke "}
        : new String[] {" Harness ", " Harness$Init ", " Harness$FirstInvoke ", " Harness$WarmInvoke ", " Harness$Done "};
    int[] counts = new int[PHASES.length];
    int phase = 0;
    for (String line : Files.readAllLines(log)) {
      if (phase + 1 < markers.length && line.contains(markers[phase + 1])) {
        phase++;
      }
      if (phase < PHASES.length && line.contains("class,load")) {
        counts[phase]++;
      }
    }
    return counts;
  }

  /** Where a class comes from, by its name: the order of {@link #ORIGINS}. */
  static int origin(String className) {
    if (className.startsWith("software.amazon.awssdk.services.")) {
      return 0;
    }
    if (className.startsWith("software.amazon.awssdk.")) {
      return 1;
    }
    return className.startsWith("com.textinbox.") ? 2 : 3;
  }

  static final String[] ORIGINS = {"SDK services", "rest of SDK", "ours", "JDK + libraries"};

  /** The classes init and the first invoke loaded (unprimed: the cold start's), counted by {@link #origin}. */
  static int[] coldStartClassesByOrigin(Path log) throws IOException {
    int[] counts = new int[ORIGINS.length];
    boolean inColdStart = false;
    for (String line : Files.readAllLines(log)) {
      if (line.contains(" Harness$Init ") || line.contains(" Harness$WarmInvoke ")) {
        inColdStart = line.contains(" Harness$Init ");
      } else if (inColdStart && line.contains("class,load")) {
        Matcher name = LOADED.matcher(line);
        if (name.find()) {
          counts[origin(name.group(1))]++;
        }
      }
    }
    return counts;
  }

  private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+)");

  /**
   * Each function's cold-start classes (init + first invoke, unprimed) beyond the peer's, by where
   * they come from: the SDK's service clients and request models for the requests a function
   * makes, the rest of the SDK, our code, the JDK and other libraries.
   */
  static void printOriginsBeyondPeer(Map<String, int[]> origins) {
    int[] peer = origins.get(PEER);
    if (peer == null) {
      return;
    }
    System.out.printf("%nClasses of the cold start (init + first invoke, unprimed) beyond the peer's, by origin%n%-22s %8s",
        "function", "total");
    for (String origin : ORIGINS) {
      System.out.printf(" %16s", origin);
    }
    System.out.println();
    origins.forEach((function, counts) -> {
      int total = 0;
      for (int i = 0; i < counts.length; i++) {
        total += counts[i] - peer[i];
      }
      System.out.printf("%-22s %+8d", function, total);
      for (int i = 0; i < counts.length; i++) {
        System.out.printf(" %+16d", counts[i] - peer[i]);
      }
      System.out.println();
    });
  }

  static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
    return median(runs.stream().mapToDouble(field));
  }

  static double median(java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 25), lines.length));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) {
      throw new Failure(1, "unexpected JSON from the local cloud: " + value);
    }
    return (Map<String, Object>) value;
  }

  /** Just enough JSON to read the endpoints file and the functions list (no library on this classpath). */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      if (json.i != text.length()) {
        throw json.error();
      }
      return value;
    }

    private Object value() {
      space();
      char c = i < s.length() ? s.charAt(i) : 0;
      switch (c) {
        case '{' -> {
          Map<String, Object> object = new LinkedHashMap<>();
          i++;
          space();
          if (s.charAt(i) == '}') {
            i++;
            return object;
          }
          do {
            space();
            String key = string();
            space();
            expect(':');
            object.put(key, value());
            space();
          } while (s.charAt(i++) == ',');
          if (s.charAt(i - 1) != '}') {
            throw error();
          }
          return object;
        }
        case '[' -> {
          List<Object> array = new ArrayList<>();
          i++;
          space();
          if (s.charAt(i) == ']') {
            i++;
            return array;
          }
          do {
            array.add(value());
            space();
          } while (s.charAt(i++) == ',');
          if (s.charAt(i - 1) != ']') {
            throw error();
          }
          return array;
        }
        case '"' -> {
          return string();
        }
        default -> {
          int start = i;
          while (i < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          String word = s.substring(start, i);
          return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> {
              try {
                yield Double.parseDouble(word);
              } catch (NumberFormatException e) {
                throw error();
              }
            }
          };
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      for (char c = s.charAt(i++); c != '"'; c = s.charAt(i++)) {
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw error();
      }
      i++;
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private Failure error() {
      return new Failure(1, "cannot read JSON at offset " + i);
    }
  }
}
