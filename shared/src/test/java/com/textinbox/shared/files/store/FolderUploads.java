package com.textinbox.shared.files.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link FileStore} whose uploads are in a folder, for the functions' tests (the local cloud has
 * S3Proxy; unit tests do not); GET links are signed by {@code presigner} (offline: no request).
 */
public final class FolderUploads extends FileStore {
  private final Path folder;

  public FolderUploads(Path folder, S3Presigner presigner) {
    super(null, presigner, "test-bucket");
    this.folder = folder;
  }

  public Path file(String key) {
    return folder.resolve(key.replace('/', '_'));
  }

  @Override
  public String uploadLink(String key, Duration validity) {
    return "https://s3.example/test-bucket/" + key + "?X-Amz-Expires=" + validity.toSeconds();
  }

  @Override
  public OptionalLong size(String key) {
    try {
      return Files.exists(file(key)) ? OptionalLong.of(Files.size(file(key))) : OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void download(String key, Path to) {
    try {
      Files.copy(file(key), to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
