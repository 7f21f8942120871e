package com.textinbox.shared.files.store;

import com.textinbox.shared.config.Env;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigners of the files bucket's links (docs/decisions.md 53). A presigned link dies with the
 * credentials that signed it: the Lambda role's are a session of hours, so the links emailed
 * "valid 7 days" (P7, C13, P4's report) are signed with the static key of the DownloadLinkSigner
 * user ({@code LINK_SIGNER_KEY_ID}, {@code LINK_SIGNER_SECRET}; only s3:GetObject on
 * {@code exports/*}), which template.yaml gives only the functions that email links. Short links
 * (the upload's 15-minute PUT, a GET's fresh 1-hour link) are signed with the role's.
 */
public final class LinkSigner {
  static final String KEY_ID = "LINK_SIGNER_KEY_ID";
  static final String SECRET = "LINK_SIGNER_SECRET";

  private LinkSigner() {}

  /** Signs with the DownloadLinkSigner key when the environment has it, else with the role's credentials. */
  public static S3Presigner forEmailedLinks() {
    return forEmailedLinks(signerKey());
  }

  /**
   * {@link #forEmailedLinks()} built when first asked for (decision 69), its key read now: a
   * handler reads its environment at start, where template.yaml's checks see it.
   */
  public static Supplier<S3Presigner> emailedLinks() {
    Optional<AwsBasicCredentials> key = signerKey();
    return () -> forEmailedLinks(key);
  }

  private static S3Presigner forEmailedLinks(Optional<AwsBasicCredentials> key) {
    S3Presigner.Builder presigner = builder();
    key.ifPresent(credentials -> presigner.credentialsProvider(StaticCredentialsProvider.create(credentials)));
    return presigner.build();
  }

  private static Optional<AwsBasicCredentials> signerKey() {
    Optional<String> keyId = Env.optional(KEY_ID);
    Optional<String> secret = Env.optional(SECRET);
    return keyId.isPresent() && secret.isPresent()
        ? Optional.of(AwsBasicCredentials.create(keyId.get(), secret.get())) : Optional.empty();
  }

  /** Signs with the role's credentials: links of minutes or an hour. */
  public static S3Presigner forShortLinks() {
    return builder().build();
  }

  /** The environment's S3 endpoint and region, path-style (S3Proxy locally; any bucket name on AWS). */
  private static S3Presigner.Builder builder() {
    S3Presigner.Builder presigner = S3Presigner.builder()
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    Env.optional("AWS_ENDPOINT_URL_S3").or(() -> Env.optional("AWS_ENDPOINT_URL"))
        .ifPresent(url -> presigner.endpointOverride(URI.create(url)));
    Env.optional("AWS_REGION").ifPresent(region -> presigner.region(Region.of(region)));
    return presigner;
  }
}
