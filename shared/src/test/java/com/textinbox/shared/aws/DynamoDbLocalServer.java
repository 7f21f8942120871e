package com.textinbox.shared.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.textinbox.shared.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local over HTTP, in memory, with a client built as production builds it
 * ({@link AwsClients#build}): the same HTTP client and the {@link RequestCounter}, so a test can
 * count the requests an operation makes. The embedded mode's client is a proxy that never goes
 * through the SDK's pipeline, so no interceptor sees its calls. Shared with the function modules
 * through this module's test jar.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final DynamoDbClient client;

  private DynamoDbLocalServer(DynamoDBProxyServer server, DynamoDbClient client) {
    this.server = server;
    this.client = client;
  }

  public static DynamoDbLocalServer start() {
    // over HTTP, DynamoDB Local logs every request, and a refused condition with its stack trace
    Configurator.setLevel(Map.of("com.amazonaws.services.dynamodbv2", Level.ERROR, "org.eclipse.jetty", Level.WARN));
    int port = freePort();
    DynamoDBProxyServer server;
    try {
      server = ServerRunner.createServerFromCommandLineArgs(
          new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
    // DynamoDB Local takes any credentials; the SDK still wants some, and a region
    System.setProperty("aws.region", "us-east-1");
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    Env.use(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + port));
    try {
      return new DynamoDbLocalServer(server, AwsClients.build(DynamoDbClient.builder(), "DYNAMODB"));
    } finally {
      Env.use(System.getenv());
    }
  }

  /** Counts its requests in {@link RequestCounter}, like every client of a function. */
  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    client.close();
    server.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
