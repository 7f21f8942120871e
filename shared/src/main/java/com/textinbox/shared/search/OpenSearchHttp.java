package com.textinbox.shared.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Requests to the OpenSearch domain, signed with SigV4 for service {@code es} (the domain grants
 * access by IAM: the function's SAM policy template), over the container's one SDK HTTP client.
 * The local OpenSearch ignores signatures, so the same code runs on AWS and locally.
 *
 * <p>Why not the OpenSearch Java client's {@code AwsSdk2Transport}: it was tried (opensearch-java
 * 3.9.0), and it always builds {@code https://} URLs from a host name, so it cannot reach the local
 * OpenSearch over plain http (the request hangs in a TLS handshake the server never answers). It
 * would also add some 11 MB (the client, JSON-P, Apache HttpClient 5) to each function using it.
 * The indexer needs one call, {@code _bulk}; this class signs it with the SDK's own signer.
 */
public final class OpenSearchHttp {
  /** The service name Amazon OpenSearch Service domains sign with. */
  public static final String SIGNING_NAME = "es";

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final SdkHttpClient http;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final Region region;

  /** An answer of OpenSearch: its status and body (JSON text). */
  public record Response(int status, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  public OpenSearchHttp(SdkHttpClient http, URI endpoint, AwsCredentialsProvider credentials, Region region) {
    this.http = http;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.region = region;
  }

  /**
   * The base URL of the domain from its configured endpoint: on AWS the domain's
   * {@code DomainEndpoint}, a host name without scheme, reached over https; locally a full URL
   * ({@code http://127.0.0.1:port}), used as it is.
   */
  public static URI endpoint(String configured) {
    String value = configured.strip();
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    URI uri = URI.create(value.contains("://") ? value : "https://" + value);
    if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new IllegalArgumentException("not an OpenSearch endpoint: " + configured);
    }
    return uri;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** POSTs a body to a path of the domain ({@code /inbox/_bulk}), signed; an I/O failure is an IOException. */
  public Response post(String path, String contentType, byte[] body) throws IOException {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create(endpoint + path))
        .putHeader("Content-Type", contentType)
        .putHeader("Content-Length", Integer.toString(body.length))
        .build();
    SignedRequest signed = SIGNER.sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
        .request(signed.request())
        .contentStreamProvider(signed.payload().orElse(null))
        .build()).call();
    String text = "";
    if (response.responseBody().isPresent()) {
      try (InputStream in = response.responseBody().get()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return new Response(response.httpResponse().statusCode(), text);
  }
}
