package com.textinbox.shared.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request schemas the functions check every request against (src/main/resources/api-schemas)
 * are exactly what docs/openapi.yaml says (decision 55). With {@code -Dapi.schemas.write=true} it
 * rewrites them instead of failing.
 */
class ApiSchemasTest {
  static final String REGENERATE =
      "mvn -B -o -pl shared test -Dtest=ApiSchemasTest -Dapi.schemas.write=true -Dsurefire.failIfNoSpecifiedTests=false";

  @Test
  void theCheckedInSchemasAreGeneratedFromTheOpenApiDocument() throws IOException {
    Map<String, String> generated = ApiSchemas.generate(RepositoryFiles.path("docs/openapi.yaml"));
    Path resources = RepositoryFiles.path("shared/src/main/resources");
    Path folder = resources.resolve("api-schemas");
    if (Boolean.getBoolean("api.schemas.write")) {
      write(resources, folder, generated);
    }
    Map<String, String> checkedIn = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          checkedIn.put("api-schemas/" + file.getFileName(), Files.readString(file));
        }
      }
    }
    List<String> stale = new ArrayList<>();
    generated.forEach((name, text) -> {
      if (!text.equals(checkedIn.get(name))) {
        stale.add(name + (checkedIn.containsKey(name) ? " differs" : " is missing"));
      }
    });
    checkedIn.keySet().stream().filter(name -> !generated.containsKey(name)).forEach(name -> stale.add(name + " has no route any more"));
    assertEquals(List.of(), stale, "shared/src/main/resources/api-schemas is stale after a change of docs/openapi.yaml; regenerate it with\n  "
        + REGENERATE + "\nand commit the files. " + String.join("; ", stale));
  }

  private static void write(Path resources, Path folder, Map<String, String> generated) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Files.writeString(resources.resolve(file.getKey()), file.getValue());
    }
  }
}
