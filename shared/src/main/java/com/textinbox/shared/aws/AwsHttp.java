package com.textinbox.shared.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The container's one HTTP client: the JDK's URL connection, the smallest and quickest to start
 * (principle 3). {@link AwsClients} builds every SDK client on it; a function that makes signed
 * calls without a service client (to the OpenSearch domain) uses it directly.
 *
 * <p>Kept apart from AwsClients on purpose: that class names the SDK's client builders
 * (aws-core), which a function without a service client does not carry, and loading it there
 * would fail.
 */
public final class AwsHttp {
  private static final SdkHttpClient CLIENT = UrlConnectionHttpClient.create();

  private AwsHttp() {}

  /** The shared client. Never close it: every client of the container uses it. */
  public static SdkHttpClient client() {
    return CLIENT;
  }
}
