package com.textinbox.shared.search;

import com.textinbox.shared.config.Env;
import java.nio.file.Path;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The OpenSearch Java client of a search function (C15): its SigV4 transport
 * ({@link AwsSdk2Transport}, service {@code es}) against Amazon OpenSearch Service, over the SDK's
 * URL-connection HTTP client, JSON through {@link SearchJsonMapper} (no ObjectMapper, decision 68). The transport builds
 * {@code https://<host>} URLs only; the same code reaches the local cloud's TLS front, trusted
 * through {@code AWS_CA_BUNDLE} ({@link TrustBundle}). Built once per container.
 */
public final class SearchClient {
  /** The service name Amazon OpenSearch Service domains sign with. */
  public static final String SIGNING_NAME = "es";

  private SearchClient() {}

  /** From {@code SEARCH_ENDPOINT} (the domain's host) and the optional {@code AWS_CA_BUNDLE}. */
  public static OpenSearchClient fromEnvironment() {
    return create(SearchEndpoint.host(Env.require("SEARCH_ENDPOINT")), httpClient(Env.optional("AWS_CA_BUNDLE").orElse(null)));
  }

  public static OpenSearchClient create(String host, SdkHttpClient http) {
    AwsSdk2TransportOptions options = AwsSdk2TransportOptions.builder()
        .setCredentials(DefaultCredentialsProvider.builder().build())
        .setMapper(new SearchJsonMapper())
        .build();
    return new OpenSearchClient(new AwsSdk2Transport(http, host, SIGNING_NAME,
        new DefaultAwsRegionProviderChain().getRegion(), options));
  }

  /**
   * SnapStart priming (docs/decisions.md 46): a client like {@code like} (its transport options:
   * credentials, the JSON mapper; SigV4 for {@code es}) over {@link InProcessDomain}, an HTTP client
   * with no network behind it that answers in process. What is done through it (a whole rebuild:
   * index creation, bulks, alias moves) is signed, written and read back as through the real
   * client, and never leaves the process.
   */
  public static OpenSearchClient primingStandIn(OpenSearchClient like) {
    if (!(like._transport() instanceof AwsSdk2Transport transport)) {
      throw new IllegalStateException("not a SigV4 client: " + like._transport());
    }
    return new OpenSearchClient(new AwsSdk2Transport(new InProcessDomain(), "priming.invalid", SIGNING_NAME,
        software.amazon.awssdk.regions.Region.US_EAST_1, transport.options()));
  }

  /** The HTTP client: the JDK's trust store, or only the certificates of a CA bundle when one is named. */
  public static SdkHttpClient httpClient(String caBundle) {
    UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
    if (caBundle != null) {
      javax.net.ssl.TrustManager[] trust = TrustBundle.of(Path.of(caBundle));
      builder.tlsTrustManagersProvider(() -> trust);
    }
    return builder.build();
  }
}
