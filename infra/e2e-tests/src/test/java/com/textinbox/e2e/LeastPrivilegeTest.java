package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.localcloud.recording.LeastPrivilege;
import com.textinbox.localcloud.template.SamTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, measured (docs/least-privilege.md): after every other end-to-end test has run,
 * what each function actually called (the local cloud's AWS call recorder, GET /_local/aws-calls)
 * against what its SAM policy templates in template.yaml grant. It fails when a function called an
 * action none of its templates grants (AccessDenied on AWS), when a template grants nothing it
 * called, when a smaller template of the same family would do, and when the suite never invoked a
 * function at all (its policies would go unchecked).
 *
 * <p>Runs last (junit-platform.properties orders classes by {@link Order}; the others have none).
 */
@Order(Integer.MAX_VALUE)
class LeastPrivilegeTest {
  @Test
  void everyFunctionIsGrantedWhatItCallsAndNothingMore() throws IOException {
    assertTrue(LocalCloudProcess.started(), "this test measures what the other end-to-end tests made the functions call:"
        + " it must run after them, in the same JVM (run the whole e2e-tests module, not this class alone)");
    JsonNode endpoints = LocalCloudProcess.endpoints();

    Map<String, List<String>> calls = new LinkedHashMap<>();
    Http.get(endpoints.path("awsCalls").asText(), null).json().properties().forEach(entry -> {
      List<String> actions = new ArrayList<>();
      entry.getValue().forEach(action -> actions.add(action.asText()));
      calls.put(entry.getKey(), actions);
    });
    Set<String> invoked = new LinkedHashSet<>();
    for (JsonNode function : Http.get(endpoints.path("functions").asText(), null).json()) {
      if (function.path("invocations").asLong() > 0) {
        invoked.add(function.path("logicalId").asText());
      }
    }
    SamTemplate template = SamTemplate.load(LocalCloudProcess.repositoryRoot().resolve("template.yaml"));

    LeastPrivilege.Report report = LeastPrivilege.check(template, calls, invoked, LeastPrivilege.MEASURED_SERVICES);
    System.out.println("AWS calls per function during the end-to-end suite, and their policy templates:\n" + report.table());
    if (!report.problems().isEmpty()) {
      fail("template.yaml does not grant each function exactly what it calls (" + report.problems().size() + " problem"
          + (report.problems().size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", report.problems())
          + "\n\nMeasured:\n" + report.table());
    }
  }
}
