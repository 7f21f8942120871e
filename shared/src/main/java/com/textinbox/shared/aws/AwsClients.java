package com.textinbox.shared.aws;

import com.textinbox.shared.cache.Lazy;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.Priming;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients, built once per container and only when first used (cold start, principle 3; those
 * other than DynamoDB through {@link #lazy}).
 *
 * <p>One HTTP client for all of them ({@link AwsHttp}): the JDK's URL connection, the smallest and
 * quickest to start. Endpoints come from {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set
 * (the local cloud, LocalStack); otherwise the SDK's own resolution (AWS). Every client counts its
 * requests ({@link RequestCounter}).
 */
public final class AwsClients {
  private static volatile DynamoDbClient dynamoDb;
  /** Clients built in this JVM per service (or endpoint, {@link #buildAt}): what the wiring tests count. */
  private static final Map<String, AtomicInteger> BUILT = new ConcurrentHashMap<>();

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
   * counter. Functions reach it through {@link #lazy}, from their no-argument constructor, for the
   * services they use besides DynamoDB; tests call it to build clients that count like production ones.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String service) {
    counting(builder);
    BUILT.computeIfAbsent(service, key -> new AtomicInteger()).incrementAndGet();
    Env.optional("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
        .or(() -> Env.optional("AWS_ENDPOINT_URL"))
        .ifPresent(url -> builder.endpointOverride(URI.create(url)));
    return builder.build();
  }

  /**
   * A client of {@link #build}, built on its first use rather than at init (issue 15, docs/decisions.md
   * 69): a service that an invocation may not call (an email, a push, a file) costs a cold start
   * nothing until it does. SnapStart priming (decision 46) builds it before the snapshot.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> Lazy<C> lazy(
      Supplier<B> builder, String service) {
    return onFirstUse(service + " client", () -> build(builder.get(), service));
  }

  /** {@link #buildAt}'s client, built on its first use (as {@link #lazy}). */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> Lazy<C> lazyAt(
      Supplier<B> builder, URI endpoint) {
    return onFirstUse(endpoint.getHost() + " client", () -> buildAt(builder.get(), endpoint));
  }

  /**
   * Any heavy object of the container (an S3 presigner) built on its first use, and by SnapStart
   * priming (a step named {@code name}, held for the container's lifetime): the first invoke after
   * a restore finds it built, as when it was built at init.
   */
  public static <T> Lazy<T> onFirstUse(String name, Supplier<T> factory) {
    Lazy<T> lazy = Lazy.of(factory);
    Priming.registerForContainer(name, lazy::get);
    return lazy;
  }

  /**
   * How many clients of {@code service} ({@link #build}'s name, or {@link #buildAt}'s endpoint) this
   * JVM built: tests assert that a route or an event built none it does not use (decision 69).
   */
  public static int built(String service) {
    AtomicInteger count = BUILT.get(service);
    return count == null ? 0 : count.get();
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
    BUILT.computeIfAbsent(endpoint.toString(), key -> new AtomicInteger()).incrementAndGet();
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
