package com.textinbox.shared.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.textinbox.shared.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import com.textinbox.shared.data.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

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

  /**
   * Creates the table as template.yaml declares it (keys, the four GSIs with every attribute
   * projected, the stream), so every function's tests run against the same shape.
   */
  public void createInboxTable(String name) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (String key : List.of(Table.PK, Table.SK)) {
      attributes.add(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build());
    }
    for (String index : List.of(Table.GSI1, Table.GSI2, Table.GSI3, Table.GSI4)) {
      String pk = index + "PK";
      String sk = index + "SK";
      attributes.add(AttributeDefinition.builder().attributeName(pk).attributeType(ScalarAttributeType.S).build());
      attributes.add(AttributeDefinition.builder().attributeName(sk).attributeType(ScalarAttributeType.S).build());
      indexes.add(GlobalSecondaryIndex.builder().indexName(index)
          .keySchema(k -> k.attributeName(pk).keyType(KeyType.HASH), k -> k.attributeName(sk).keyType(KeyType.RANGE))
          .projection(p -> p.projectionType(ProjectionType.ALL)).build());
    }
    client.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
        .keySchema(k -> k.attributeName(Table.PK).keyType(KeyType.HASH), k -> k.attributeName(Table.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(attributes)
        .globalSecondaryIndexes(indexes)
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
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
