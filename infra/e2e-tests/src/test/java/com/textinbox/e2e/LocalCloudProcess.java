package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cloud, started once for all end-to-end tests as its own process, exactly as
 * {@code infra/local-cloud.sh} starts it (same classes, same template), on free ports and in memory.
 * Its output goes to target/local-cloud.log.
 */
public final class LocalCloudProcess {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode endpoints;
  private static Process process;

  private LocalCloudProcess() {}

  public static synchronized JsonNode endpoints() {
    if (endpoints == null) {
      endpoints = start();
    }
    return endpoints;
  }

  /** The local cloud's process id (LoopbackOnlyTest reads its sockets). */
  public static synchronized long pid() {
    endpoints();
    return process.pid();
  }

  /** Whether a test has started the local cloud yet. */
  public static synchronized boolean started() {
    return endpoints != null;
  }

  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static final int STARTUP_SECONDS = 300;

  /** The log's last lines but stack frames, so the cause is in the test report: CI keeps the report, not target/. */
  private static String lastLines(Path log, int count) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.startsWith("\tat ")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  private static JsonNode start() {
    try {
      Path root = repositoryRoot();
      Path cloud = root.resolve("infra/local-cloud/target");
      String classpath = cloud.resolve("classes") + java.io.File.pathSeparator + Files.readString(cloud.resolve("classpath.txt")).trim();
      Path work = Files.createTempDirectory("e2e-local-cloud");
      Path endpointsFile = work.resolve("endpoints.json");
      Path log = Path.of("target/local-cloud.log").toAbsolutePath();
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1500m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
          "-cp", classpath, "com.textinbox.localcloud.LocalCloud",
          "--port", "0", "--endpoints", endpointsFile.toString(),
          "--retry-delay", "1", "--receipt-delay-ms", "100"));
      if (Runtime.version().feature() >= 23) { // as infra/local-cloud.sh: no JVM warning for the engines' use of Unsafe
        command.add(1, "--sun-misc-unsafe-memory-access=allow");
      }
      process = new ProcessBuilder(command).directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      // 25-45 s on a quiet machine; several builds sharing two cores have taken over 130 s
      Instant deadline = Instant.now().plus(Duration.ofSeconds(STARTUP_SECONDS));
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the local cloud exited with " + process.exitValue() + "; the end of " + log + ":\n"
              + lastLines(log, 12));
        }
        if (Files.exists(endpointsFile)) {
          return JSON.readTree(endpointsFile.toFile());
        }
        Thread.sleep(200);
      }
      process.destroy();
      throw new IllegalStateException("the local cloud was not ready within " + STARTUP_SECONDS + " s; the end of " + log + ":\n"
          + lastLines(log, 12));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
