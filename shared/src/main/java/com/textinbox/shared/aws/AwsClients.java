package com.textinbox.shared.aws;

import com.textinbox.shared.config.Env;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients, built once per container and only when first used (cold start, principle 3).
 *
 * <p>One HTTP client for all of them ({@link AwsHttp}): the JDK's URL connection, the smallest and
 * quickest to start. Endpoints come from {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set
 * (the local cloud, LocalStack); otherwise the SDK's own resolution (AWS). Every client counts its
 * requests ({@link RequestCounter}).
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
   * Builds any sync client with the shared HTTP client, the configured endpoint and the request
   * counter. Functions call it once, from their no-argument constructor, for the services they use
   * besides DynamoDB; tests call it to build clients that count like production ones.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String service) {
    counting(builder);
    Env.optional("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
        .or(() -> Env.optional("AWS_ENDPOINT_URL"))
        .ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder.build();
  }

  /**
   * Builds a client of an endpoint that is configuration of our own, not the service's regional one:
   * the API Gateway Management API of one WebSocket API and stage
   * ({@code https://<api-id>.execute-api.<region>.amazonaws.com/<stage>}). No {@code AWS_ENDPOINT_URL*}
   * applies, which would drop the stage path.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildAt(
      B builder, URI endpoint) {
    counting(builder);
    builder.endpointOverride(endpoint);
    return builder.build();
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void counting(B builder) {
    builder.httpClient(AwsHttp.client());
    // added to what the caller configured, not in place of it; explicit rather than the SDK's
    // global execution.interceptors files, which the function jars merge from every library
    ClientOverrideConfiguration configured = builder.overrideConfiguration();
    builder.overrideConfiguration((configured == null ? ClientOverrideConfiguration.builder() : configured.toBuilder())
        .addExecutionInterceptor(PrimingInterceptor.INSTANCE) // first: a primed write is never an attempt
        .addExecutionInterceptor(RequestCounter.INSTANCE)
        .build());
  }
}
