package com.textinbox.shared.imports;

import com.textinbox.shared.exports.SpreadsheetCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The file a run leaves (P4), a CSV in UTF-8 with a byte order mark (Excel then reads accents):
 * after an import, the rejected rows as they were in the file plus a {@code Reason} column, ready
 * to fix and upload again (each cell formula-safe, as in the exports: {@link SpreadsheetCells}) (the proposal leaves that column out); after a dry run, every row with
 * its {@code Outcome} ({@code create}, {@code update}, {@code unchanged}, {@code reject}), the
 * customer it matched and the reason. Built by reading the file again beside the stored outcomes,
 * both in row order: neither is held whole.
 */
public final class ImportReport {
  public static final String REASON = "Reason", OUTCOME = "Outcome", CUSTOMER = "Customer", DUPLICATE = "possible duplicate";

  private ImportReport() {}

  /** One stored outcome: {@code kind \t customerId \t 1 when a possible duplicate \t reason}. */
  public static String entry(RowOutcome outcome) {
    return outcome.kind().code() + "\t" + (outcome.customerId() == null ? "" : outcome.customerId()) + "\t"
        + (outcome.possibleDuplicate() ? "1" : "") + "\t" + (outcome.reason() == null ? "" : outcome.reason());
  }

  /** Writes the report of {@code file} to {@code out}; the number of rows it holds. */
  public static long write(Path file, Iterator<String> outcomes, boolean dryRun, Path out) {
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      writer.write('\ufeff');
      long[] written = {0};
      ImportFiles.read(file, new SheetRows() {
        @Override
        public void header(List<String> titles) {
          List<String> head = new ArrayList<>(titles);
          if (dryRun) {
            head.add(OUTCOME);
            head.add(CUSTOMER);
          }
          head.add(REASON);
          print(printer, head);
        }

        @Override
        public boolean row(long line, List<String> cells) {
          if (!outcomes.hasNext()) {
            return false;   // a run stopped early (failed): the rows it reached
          }
          String[] entry = outcomes.next().split("\t", -1);
          boolean rejected = RowOutcome.Kind.REJECT.code().equals(entry[0]);
          if (!dryRun && !rejected) {
            return true;
          }
          List<String> row = new ArrayList<>(cells);
          if (dryRun) {
            row.add(entry[0]);
            // a dry run's new profile has no id yet: the import gives it one
            row.add(RowOutcome.Kind.CREATE.code().equals(entry[0]) ? "" : entry[1]);
          }
          row.add(!entry[3].isEmpty() ? entry[3] : "1".equals(entry[2]) ? DUPLICATE
              + ": no reference and no mobile to match an existing customer" : "");
          print(printer, row);
          written[0]++;
          return true;
        }
      });
      return written[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every cell formula-safe as the exports' ({@link SpreadsheetCells}): the file is opened in a spreadsheet. */
  private static void print(CSVPrinter printer, List<String> values) {
    try {
      printer.printRecord(values.stream().map(SpreadsheetCells::safe).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
