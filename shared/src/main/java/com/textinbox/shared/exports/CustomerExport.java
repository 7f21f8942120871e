package com.textinbox.shared.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer list export (P7, seed "Exporting Customer Lists"): which list ({@code all},
 * {@code no-mobile}, {@code unsubscribed} within optional dates), in which format ({@code csv},
 * {@code xlsx}); its columns and each customer's row, formula-safe ({@link SpreadsheetCells}).
 *
 * @param from ISO date (inclusive) an unsubscribed list starts at, or null
 * @param to ISO date (inclusive) it ends at, or null
 */
public record CustomerExport(String filter, String from, String to, String format) {
  public static final List<String> FILTERS = List.of("all", "no-mobile", "unsubscribed");
  public static final List<String> FORMATS = List.of("csv", "xlsx");
  public static final List<String> COLUMNS = List.of("Customer id", "Last name", "First name", "Name", "Mobile",
      "Other phones", "Email", "Language", "Reference", "Address", "Birth date", "Subscribed", "Unsubscribed at",
      "Created at");

  public JsonNode toJson() {
    ObjectNode json = Json.object().put("filter", filter).put("format", format);
    if (from != null) {
      json.put("from", from);
    }
    if (to != null) {
      json.put("to", to);
    }
    return json;
  }

  public static CustomerExport of(JsonNode params) {
    return new CustomerExport(Json.text(params, "filter"), Json.text(params, "from"), Json.text(params, "to"),
        Json.text(params, "format"));
  }

  /** "Your customer list (unsubscribed, 2026-11-01 to 2026-11-30)". */
  public String description() {
    String which = switch (filter) {
      case "no-mobile" -> "without a mobile";
      case "unsubscribed" -> "unsubscribed" + (from == null && to == null ? "" : ", " + (from == null ? "until " + to
          : to == null ? "since " + from : from + " to " + to));
      default -> "all customers";
    };
    return "Your customer list (" + which + ")";
  }

  /** customers-all.csv, customers-unsubscribed-2026-11-01-to-2026-11-30.xlsx. */
  public String fileName() {
    String dates = from == null && to == null ? "" : "-" + (from == null ? "until" : from) + (to == null ? "" : "-to-" + to);
    return "customers-" + filter + dates + "." + format;
  }

  /** A customer's row, in {@link #COLUMNS} order, each value formula-safe (null: empty). */
  public static List<String> row(CustomerProfile c) {
    List<String> row = new ArrayList<>(COLUMNS.size());
    row.add(c.customerId());
    row.add(c.lastName());
    row.add(c.firstName());
    row.add(c.fullName());
    row.add(c.mobile());
    row.add(c.otherPhones().isEmpty() ? null
        : String.join(", ", c.otherPhones().stream().map(p -> p.type() + " " + p.number()).toList()));
    row.add(c.email());
    row.add(c.language());
    row.add(c.reference());
    row.add(c.address());
    row.add(c.birthDate());
    row.add(c.subscribed() ? "yes" : "no");
    row.add(c.unsubscribedAt());
    row.add(c.createdAt());
    return row.stream().map(SpreadsheetCells::safe).toList();
  }
}
