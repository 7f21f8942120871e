package com.textinbox.shared.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What staff see of an uploaded file before they map it (P4): its format, the column titles and
 * the first rows; or why it cannot be imported. Read once, kept on the import.
 *
 * @param errorCode a {@link FileRefused} code when the file cannot be imported (the rest then empty)
 */
public record ImportPreview(String format, String encoding, String delimiter, List<String> titles, List<List<String>> rows,
    String errorCode, String errorMessage) {
  public static final int ROWS = 10;

  public ImportPreview {
    titles = titles == null ? List.of() : List.copyOf(titles);
    rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
  }

  public static ImportPreview refused(FileRefused refused) {
    return new ImportPreview(null, null, null, List.of(), List.of(), refused.code(), refused.getMessage());
  }

  public boolean refused() {
    return errorCode != null;
  }

  /** Reads the titles and first {@link #ROWS} rows of {@code file}; a file that cannot be imported says why. */
  public static ImportPreview of(java.nio.file.Path file) {
    List<String> titles = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    try {
      SheetInfo info = ImportFiles.read(file, new SheetRows() {
        @Override
        public void header(List<String> names) {
          titles.addAll(names);
        }

        @Override
        public boolean row(long line, List<String> cells) {
          rows.add(cells);
          return rows.size() < ROWS;
        }
      });
      return new ImportPreview(info.format(), info.encoding(), info.delimiter(), titles, rows, null, null);
    } catch (FileRefused refused) {
      return refused(refused);
    }
  }

  public String toJson() {
    ObjectNode o = Json.object();
    o.put("format", format).put("encoding", encoding).put("delimiter", delimiter).put("errorCode", errorCode)
        .put("errorMessage", errorMessage);
    ArrayNode t = o.putArray("titles");
    titles.forEach(t::add);
    ArrayNode r = o.putArray("rows");
    rows.forEach(row -> {
      ArrayNode cells = r.addArray();
      row.forEach(cells::add);
    });
    return Json.write(o);
  }

  public static ImportPreview fromJson(String json) {
    JsonNode o = Json.read(json);
    List<String> titles = new ArrayList<>();
    o.path("titles").forEach(t -> titles.add(t.asText()));
    List<List<String>> rows = new ArrayList<>();
    o.path("rows").forEach(row -> {
      List<String> cells = new ArrayList<>();
      row.forEach(c -> cells.add(c.asText()));
      rows.add(cells);
    });
    return new ImportPreview(text(o, "format"), text(o, "encoding"), text(o, "delimiter"), titles, rows,
        text(o, "errorCode"), text(o, "errorMessage"));
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
