package com.textinbox.shared.imports.store;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Customer files in the files bucket ({@code FILES_BUCKET}, P4): uploaded by the browser with a
 * presigned PUT, fetched to the function's {@code /tmp} to be read (an XLSX is a ZIP, read from a
 * file; 50 MB at most), and the run's report put back and linked with a presigned GET. Keys are
 * {@code imports/<accountId>/<importId>/...}; the bucket's lifecycle rule deletes them after 7 days.
 * Not final: the functions' tests keep files in a folder instead (no S3 engine there).
 */
public class UploadStore {
  public static final String PREFIX = "imports/";
  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  public UploadStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /** The bucket of {@code FILES_BUCKET}, path-style (S3Proxy locally; any bucket name on AWS). */
  public static UploadStore fromEnvironment() {
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    S3Client s3 = AwsClients.build(S3Client.builder().serviceConfiguration(pathStyle), "S3");
    S3Presigner.Builder presigner = S3Presigner.builder().serviceConfiguration(pathStyle);
    Env.optional("AWS_ENDPOINT_URL_S3").or(() -> Env.optional("AWS_ENDPOINT_URL"))
        .ifPresent(url -> presigner.endpointOverride(URI.create(url)));
    Env.optional("AWS_REGION").ifPresent(region -> presigner.region(Region.of(region)));
    return new UploadStore(s3, presigner.build(), Env.require("FILES_BUCKET"));
  }

  public static String uploadKey(String accountId, String importId) {
    return PREFIX + accountId + "/" + importId + "/upload";
  }

  public static String reportKey(String accountId, String importId, int run, boolean dryRun) {
    return PREFIX + accountId + "/" + importId + "/" + (dryRun ? "dry-run-" : "rejected-rows-") + run + ".csv";
  }

  /** A PUT link for the browser to upload the file with, valid {@code validity}. */
  public String uploadLink(String key, Duration validity) {
    return presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(o -> o.bucket(bucket).key(key)))
        .url().toString();
  }

  /** A GET link of a report, downloaded as {@code fileName}. */
  public String downloadLink(String key, String fileName, Duration validity) {
    return presigner.presignGetObject(p -> p.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)
        .responseContentDisposition("attachment; filename=\"" + fileName + "\"").responseContentType("text/csv; charset=UTF-8")))
        .url().toString();
  }

  /** The uploaded file's size; empty while nothing was uploaded (one HeadObject). */
  public OptionalLong size(String key) {
    try {
      return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
    } catch (NoSuchKeyException missing) {
      return OptionalLong.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /** Copies the object to {@code file} (streamed to disk, never held in memory). */
  public void download(String key, Path file) {
    try (var in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Puts a report (one PutObject; a report is at most the size of its file, 50 MB). */
  public void put(String key, Path file) {
    s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=UTF-8"), RequestBody.fromFile(file));
  }
}
