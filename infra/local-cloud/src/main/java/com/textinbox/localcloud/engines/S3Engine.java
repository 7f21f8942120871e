package com.textinbox.localcloud.engines;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy: the S3 REST API (path-style, presigned URLs) over a blob store in memory or in a folder.
 *
 * <p>It runs without authentication. The functions reach it through the AWS call recorder, under
 * a path prefix per function ({@code /fn/<function>/s3/bucket/key}, docs/least-privilege.md): the
 * SDK signs the path with that prefix, S3Proxy would see it without, and every signature would fail.
 * Checking signatures proves nothing about our code anyway (the SDK signs; IAM decides on AWS, and
 * the least-privilege test checks what IAM would allow). One consequence: locally a presigned link
 * does not expire and a forged one works.
 */
public final class S3Engine implements AutoCloseable {
  private final S3Proxy proxy;
  private final URI endpoint;

  private S3Engine(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  public static S3Engine start(int port, Path dataDir) throws Exception {
    int chosen = Ports.pick(port);
    BlobStore store;
    if (dataDir == null) {
      store = new TransientNio2BlobStore();
    } else {
      Files.createDirectories(dataDir);
      store = new FilesystemNio2BlobStore(dataDir.toString());
    }
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:" + chosen))
        .awsAuthentication(AuthenticationType.NONE, null, null)
        .ignoreUnknownHeaders(true)
        .stopTimeout(0)
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(20);
    }
    return new S3Engine(proxy, URI.create("http://127.0.0.1:" + chosen));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
