package com.textinbox.shared.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.util.List;
import java.util.function.Function;

/**
 * What clients see of a customer import (P4; schema {@code CustomerImport} in docs/openapi.yaml):
 * its state, the file's preview and proposed mapping (or why the file cannot be imported), and
 * its latest dry run and import with their counters and report links (schema {@code ImportRun}).
 */
public final class CustomerImportView {
  /** Before the upload. */
  public static final String AWAITING_UPLOAD = "awaitingUpload";
  /** Uploaded and readable: ready to map and run. */
  public static final String READY = "ready";
  /** Uploaded, and it cannot be imported ({@code error} says why). */
  public static final String REFUSED = "refused";

  private CustomerImportView() {}

  /**
   * @param mapping the proposed (or saved) mapping, null without a readable file
   * @param mappingSource {@code proposed} or {@code saved}
   * @param reportLink the link of a run's report, by its key
   */
  public static ObjectNode of(CustomerImport i, ImportPreview preview, ImportMapping mapping, String mappingSource,
      ImportRun dryRun, ImportRun importRun, Function<ImportRun, String> reportLink) {
    ObjectNode o = Json.object().put("importId", i.importId()).put("createdAt", i.createdAt());
    if (i.fileName() != null) {
      o.put("fileName", i.fileName());
    }
    o.put("status", preview == null ? AWAITING_UPLOAD : preview.refused() ? REFUSED : READY);
    if (preview != null && preview.refused()) {
      o.putObject("error").put("code", preview.errorCode()).put("message", preview.errorMessage());
    } else if (preview != null) {
      ObjectNode file = o.putObject("file").put("format", preview.format());
      if (preview.encoding() != null) {
        file.put("encoding", preview.encoding()).put("delimiter", preview.delimiter());
      }
      strings(o.putArray("titles"), preview.titles());
      ArrayNode rows = o.putArray("rows");
      preview.rows().forEach(row -> strings(rows.addArray(), row));
      if (mapping != null) {
        o.set("mapping", mapping.toJson());
        o.put("mappingSource", mappingSource);
      }
    }
    if (dryRun != null) {
      o.set("dryRun", run(dryRun, reportLink));
    }
    if (importRun != null) {
      o.set("import", run(importRun, reportLink));
    }
    return o;
  }

  /** One run: its state, counters and report (schema {@code ImportRun}). */
  public static ObjectNode run(ImportRun r, Function<ImportRun, String> reportLink) {
    ObjectNode o = Json.object().put("run", r.run()).put("dryRun", r.dryRun()).put("status", r.status())
        .put("requestedBy", r.requestedBy()).put("createdAt", r.createdAt())
        .put("total", r.total()).put("done", r.done()).put("created", r.created()).put("updated", r.updated())
        .put("unchanged", r.unchanged()).put("rejected", r.rejected()).put("possibleDuplicates", r.possibleDuplicates());
    if (r.completedAt() != null) {
      o.put("completedAt", r.completedAt());
    }
    if (r.errorCode() != null) {
      o.putObject("error").put("code", r.errorCode()).put("message", r.errorMessage());
    }
    if (r.reportKey() != null && reportLink != null) {
      o.put("reportUrl", reportLink.apply(r));
    }
    return o;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
