package com.textinbox.localcloud.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.testing.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiConsistencyTest {
  @Test
  void everyRouteOfTheTemplateIsDocumentedAndNothingElse() throws Exception {
    List<String> problems = OpenApiRoutes.problems(SamTemplate.load(RepositoryFiles.path("template.yaml")), RepositoryFiles.path("docs/openapi.yaml"));
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void anUndocumentedRouteAndADocumentedGhostAreBothReported(@TempDir Path dir) throws Exception {
    String openApi = Files.readString(RepositoryFiles.path("docs/openapi.yaml"))
        .replace("  /me:\n", "  /ghost:\n");
    Path copy = dir.resolve("openapi.yaml");
    Files.writeString(copy, openApi);
    List<String> problems = OpenApiRoutes.problems(SamTemplate.load(RepositoryFiles.path("template.yaml")), copy);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("GET /me is served")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("GET /ghost is documented")), problems.toString());
  }
}
