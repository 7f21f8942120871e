package com.textinbox.localcloud.engines;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** DynamoDB Local over HTTP (streams, TTL, GSIs and transactions work). In memory, or kept in a folder. */
public final class DynamoDbEngine implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private DynamoDbEngine(DynamoDBProxyServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static DynamoDbEngine start(int port, Path dataDir) throws Exception {
    int chosen = Ports.pick(port);
    String[] args;
    if (dataDir == null) {
      args = new String[] {"-inMemory", "-port", Integer.toString(chosen), "-disableTelemetry"};
    } else {
      Files.createDirectories(dataDir);
      args = new String[] {"-dbPath", dataDir.toString(), "-sharedDb", "-port", Integer.toString(chosen), "-disableTelemetry"};
    }
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
    onLoopback(server);
    server.start();
    return new DynamoDbEngine(server, URI.create("http://127.0.0.1:" + chosen));
  }

  /**
   * DynamoDB Local has no option for the address it listens on and takes every interface: its
   * Jetty connector is put on loopback before it starts (issue 16: the engines have no
   * authentication). Reflection, as its server is private; a test (LoopbackOnlyTest) checks it.
   */
  private static void onLoopback(DynamoDBProxyServer server) throws ReflectiveOperationException {
    java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(server);
    for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
