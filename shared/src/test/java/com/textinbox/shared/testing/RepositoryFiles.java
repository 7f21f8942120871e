package com.textinbox.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (template.yaml, events/, docs/) from a test, whatever module directory it runs in. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The folder holding template.yaml. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
