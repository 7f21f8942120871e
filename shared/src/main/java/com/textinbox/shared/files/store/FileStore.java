package com.textinbox.shared.files.store;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.jobs.ResultFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The files bucket ({@code FILES_BUCKET}), the one S3 store of the functions:
 * <ul>
 *   <li>result files of jobs (exports, an import's report; docs/decisions.md 53): written as a
 *       stream (S3 multipart upload, one part of {@link #PART_SIZE} in memory at a time, never the
 *       whole file), handed out as presigned GET links;
 *   <li>customer files to import (P4, keys {@code ImportFiles.uploadKey}): uploaded by the browser
 *       with a presigned PUT link, their size asked, fetched to the function's {@code /tmp} to be
 *       read (an XLSX is a ZIP, read from a file; 50 MB at most).
 * </ul>
 * The bucket's lifecycle rule deletes both after 7 days. Not final: the functions' tests keep
 * uploads in a folder instead (FolderUploads, no S3 engine there).
 */
public class FileStore {
  /** S3's smallest part but the last: a part in memory at a time. */
  public static final int PART_SIZE = 5 * 1024 * 1024;

  /** Built on their first use: a route that only signs links never builds the client, a read never the presigner. */
  private final Supplier<S3Client> s3;
  private final Supplier<S3Presigner> presigner;
  private final String bucket;

  /**
   * The bucket of {@code FILES_BUCKET}, path-style, for short links (the role signs them). The
   * client and the presigner are built when first used, or by priming (docs/decisions.md 69).
   */
  public static FileStore fromEnvironment() {
    return new FileStore(client(), AwsClients.onFirstUse("S3 presigner", LinkSigner::forShortLinks), Env.require("FILES_BUCKET"));
  }

  /** The bucket of {@code FILES_BUCKET}, path-style, for the links emailed for 7 days ({@link LinkSigner}); lazy as above. */
  public static FileStore forEmailedLinks() {
    return new FileStore(client(), AwsClients.onFirstUse("S3 presigner", LinkSigner.emailedLinks()), Env.require("FILES_BUCKET"));
  }

  /** @param s3 may be null where the store only signs links (a presigned link makes no request) */
  public FileStore(S3Client s3, S3Presigner presigner, String bucket) {
    this(() -> s3, () -> presigner, bucket);
  }

  private FileStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /** The S3 client of the environment, path-style, built on its first use. */
  private static Supplier<S3Client> client() {
    return AwsClients.lazy(() -> S3Client.builder()
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()), "S3");
  }

  /** A new file at {@code key}: bytes written go up part by part; {@link Upload#close()} finishes it. */
  public Upload create(String key, String fileName) {
    return new Upload(key, fileName);
  }

  /**
   * SnapStart priming (docs/decisions.md 46): a file like {@link #create}'s whose PutObject is built,
   * marshalled and signed on {@link Upload#close()}, then stopped before transmission
   * ({@link PrimingInterceptor}): nothing is stored. Up to a part's size (one PutObject).
   */
  public Upload primingUpload(String key, String fileName) {
    Upload upload = new Upload(key, fileName);
    upload.unsent = true;
    return upload;
  }

  /** A GET link of the file, valid {@code validity} (S3 allows 7 days at most). */
  public String link(String key, Duration validity) {
    return presigner.get().presignGetObject(p -> p.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)))
        .url().toString();
  }

  /** A PUT link for the browser to upload a file to {@code key} with, valid {@code validity}. */
  public String uploadLink(String key, Duration validity) {
    return presigner.get().presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(o -> o.bucket(bucket).key(key)))
        .url().toString();
  }

  /** The file's size; empty while nothing was uploaded (one HeadObject). */
  public OptionalLong size(String key) {
    try {
      return OptionalLong.of(s3.get().headObject(b -> b.bucket(bucket).key(key)).contentLength());
    } catch (S3Exception e) { // NoSuchKeyException too: a HEAD of a missing key is a 404 without body
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /** Copies the file to {@code file} (streamed to disk, never held in memory). */
  public void download(String key, Path file) {
    copy(s3.get().getObject(b -> b.bucket(bucket).key(key)), file);
  }

  private static void copy(ResponseInputStream<GetObjectResponse> object, Path file) {
    try (var in = object) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    Path file = scratch.resolve("priming.upload");
    copy(new ResponseInputStream<>(GetObjectResponse.builder().contentLength(0L).build(),
        AbortableInputStream.create(InputStream.nullInputStream())), file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String nobody = Priming.KEY;
    String key = ImportFiles.uploadKey(nobody, nobody);
    s3.get().listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1));
    try (var in = s3.get().getObject(b -> b.bucket(bucket).key(key))) {
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

  /**
   * The output stream of one file. A file smaller than a part is one PutObject; a larger one a
   * multipart upload. A file left unfinished (a crash) is never visible: its parts are removed by
   * the bucket's lifecycle rule (AbortIncompleteMultipartUpload), and the job writes it again.
   */
  public final class Upload extends OutputStream {
    private final String key;
    private final String contentType;
    private final String disposition;
    private final byte[] part = new byte[PART_SIZE];
    private int filled;
    private long size;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean closed;
    /** Priming: the PutObject is stopped before transmission. */
    private boolean unsent;

    private Upload(String key, String fileName) {
      this.key = key;
      this.contentType = ResultFiles.contentType(fileName);
      this.disposition = "attachment; filename=\"" + ResultFiles.safeName(fileName) + "\"";
    }

    @Override
    public void write(int b) {
      if (filled == part.length) {
        flushPart();
      }
      part[filled++] = (byte) b;
      size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      while (length > 0) {
        if (filled == part.length) {
          flushPart();
        }
        int n = Math.min(length, part.length - filled);
        System.arraycopy(bytes, offset, part, filled, n);
        filled += n;
        offset += n;
        length -= n;
        size += n;
      }
    }

    private void flushPart() {
      if (unsent) {
        throw new IllegalStateException("a priming upload is one PutObject: at most " + PART_SIZE + " bytes");
      }
      if (uploadId == null) {
        uploadId = s3.get().createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
            .contentDisposition(disposition)).uploadId();
      }
      int number = parts.size() + 1;
      String etag = s3.get().uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
          RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      filled = 0;
    }

    /** Bytes written so far (the file's size once closed). */
    public long size() {
      return size;
    }

    public String key() {
      return key;
    }

    /** The file failed half-way: closing it later uploads nothing (parts sent go with the bucket's lifecycle rule). */
    public void abandon() {
      closed = true;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (unsent) {
        PutObjectResponse.builder().eTag("priming").build(); // the answer's model, which a stopped request never reads
        PrimingInterceptor.unsent(() -> s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
            .contentDisposition(disposition).overrideConfiguration(PrimingInterceptor.UNSENT),
            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)));
        return;
      }
      if (uploadId == null) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentDisposition(disposition),
            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
        return;
      }
      if (filled > 0) {
        flushPart();
      }
      s3.get().completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    }
  }
}
