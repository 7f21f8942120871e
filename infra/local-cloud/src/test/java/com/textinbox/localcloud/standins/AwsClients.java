package com.textinbox.localcloud.standins;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real SDK clients, as the functions build them, pointed at a local endpoint. */
final class AwsClients {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";

  private AwsClients() {}

  static SnsClient sns(URI endpoint) {
    return build(SnsClient.builder(), endpoint);
  }

  static SqsClient sqs(URI endpoint) {
    return build(SqsClient.builder(), endpoint);
  }

  static SesClient ses(URI endpoint) {
    return build(SesClient.builder(), endpoint);
  }

  static SesV2Client sesV2(URI endpoint) {
    return build(SesV2Client.builder(), endpoint);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        // an error must show at once, not after the SDK's retries
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }
}
