package com.textinbox.shared.files.store;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.jobs.ResultFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
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

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  /** The bucket of {@code FILES_BUCKET}, path-style, for short links (the role signs them). */
  public static FileStore fromEnvironment() {
    return new FileStore(client(), LinkSigner.forShortLinks(), Env.require("FILES_BUCKET"));
  }

  /** The bucket of {@code FILES_BUCKET}, path-style, for the links emailed for 7 days ({@link LinkSigner}). */
  public static FileStore forEmailedLinks() {
    return new FileStore(client(), LinkSigner.forEmailedLinks(), Env.require("FILES_BUCKET"));
  }

  /** @param s3 may be null where the store only signs links (a presigned link makes no request) */
  public FileStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /** The S3 client of the environment, path-style. */
  private static S3Client client() {
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    return AwsClients.build(S3Client.builder().serviceConfiguration(pathStyle), "S3");
  }

  /** A new file at {@code key}: bytes written go up part by part; {@link Upload#close()} finishes it. */
  public Upload create(String key, String fileName) {
    return new Upload(key, fileName);
  }

  /** A GET link of the file, valid {@code validity} (S3 allows 7 days at most). */
  public String link(String key, Duration validity) {
    return presigner.presignGetObject(p -> p.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)))
        .url().toString();
  }

  /** A PUT link for the browser to upload a file to {@code key} with, valid {@code validity}. */
  public String uploadLink(String key, Duration validity) {
    return presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(o -> o.bucket(bucket).key(key)))
        .url().toString();
  }

  /** The file's size; empty while nothing was uploaded (one HeadObject). */
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

  /** Copies the file to {@code file} (streamed to disk, never held in memory). */
  public void download(String key, Path file) {
    try (var in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
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
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
            .contentDisposition(disposition)).uploadId();
      }
      int number = parts.size() + 1;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
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
      if (uploadId == null) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentDisposition(disposition),
            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
        return;
      }
      if (filled > 0) {
        flushPart();
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    }
  }
}
