package com.textinbox.shared.aws;

import com.textinbox.shared.config.Env;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients, built once per container and only when first used (cold start, principle 3).
 *
 * <p>One HTTP client for all of them ({@link AwsHttp}): the JDK's URL connection, the smallest and
 * quickest to start. Endpoints come from {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set
 * (the local cloud, LocalStack); otherwise the SDK's own resolution (AWS).
 */
public final class AwsClients {
  private static volatile DynamoDbClient dynamoDb;

  private AwsClients() {}

  public static DynamoDbClient dynamoDb() {
    DynamoDbClient client = dynamoDb;
    if (client == null) {
      synchronized (AwsClients.class) {
        if (dynamoDb == null) {
          dynamoDb = build(DynamoDbClient.builder(), "DYNAMODB");
        }
        client = dynamoDb;
      }
    }
    return client;
  }

  /**
   * Builds any sync client with the shared HTTP client and the configured endpoint. Functions call
   * it once, from their no-argument constructor, for the services they use besides DynamoDB.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String service) {
    builder.httpClient(AwsHttp.client());
    Env.optional("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
        .or(() -> Env.optional("AWS_ENDPOINT_URL"))
        .ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder.build();
  }
}
