package com.textinbox.shared.imports.store;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.jobs.store.LinkSigner;
import com.textinbox.shared.jobs.store.ResultFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Customer files in the files bucket ({@code FILES_BUCKET}, P4): uploaded by the browser with a
 * presigned PUT, fetched to the function's {@code /tmp} to be read (an XLSX is a ZIP, read from a
 * file; 50 MB at most). Keys are {@code imports/<accountId>/<importId>/upload}; the bucket's
 * lifecycle rule deletes them after 7 days. A run's report is a result file ({@link ResultFileStore}).
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

  /** The bucket of {@code FILES_BUCKET}, path-style; its PUT links are short, signed with the role's credentials. */
  public static UploadStore fromEnvironment() {
    return new UploadStore(ResultFileStore.client(), LinkSigner.forShortLinks(), Env.require("FILES_BUCKET"));
  }

  public static String uploadKey(String accountId, String importId) {
    return PREFIX + accountId + "/" + importId + "/upload";
  }

  /** A PUT link for the browser to upload the file with, valid {@code validity}. */
  public String uploadLink(String key, Duration validity) {
    return presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(o -> o.bucket(bucket).key(key)))
        .url().toString();
  }

  /** The uploaded file's size; empty while nothing was uploaded (one HeadObject). */
  public OptionalLong size(String key) {
    try {
      return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
    } catch (S3Exception e) { // NoSuchKeyException too: a HEAD of a missing key is a 404 without body
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /**
   * SnapStart priming (docs/decisions.md 46): the GetObject {@link #download} makes, of the upload of
   * an import of the account {@code Priming.KEY}, which does not exist (S3 answers 404 NoSuchKey:
   * a read of nothing, within the role's s3:GetObject); a ListObjectsV2 of that key as a prefix
   * (an empty list, within s3:ListBucket: the XML answer of a success, as a PutObject's is read);
   * and a found object's answer (built in memory, empty) copied to a file in {@code scratch} and
   * deleted, as {@link #download} copies one. Answers whether the object was missing, as expected.
   */
  public boolean primeRead(Path scratch) {
    // a found object's answer, copied to a file as download copies it (an empty stream, in memory)
    Path file = scratch.resolve("priming.upload");
    copy(new ResponseInputStream<>(GetObjectResponse.builder().contentLength(0L).build(),
        AbortableInputStream.create(InputStream.nullInputStream())), file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String nobody = com.textinbox.shared.observability.Priming.KEY;
    // an answer of S3 that is not an error (a list of a prefix no key has: empty), read as a PutObject's answer is
    s3.listObjectsV2(b -> b.bucket(bucket).prefix(uploadKey(nobody, nobody)).maxKeys(1));
    try (var in = s3.getObject(b -> b.bucket(bucket).key(uploadKey(nobody, nobody)))) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return true;
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the object to {@code file} (streamed to disk, never held in memory). */
  public void download(String key, Path file) {
    copy(s3.getObject(b -> b.bucket(bucket).key(key)), file);
  }

  private static void copy(ResponseInputStream<GetObjectResponse> object, Path file) {
    try (var in = object) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
