package com.textinbox.exportworker;

import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.customers.store.CustomerStore.ListFilter;
import com.textinbox.shared.exports.CustomerExport;
import com.textinbox.shared.jobs.FileJobs;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.store.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A customer list (P7) as CSV (Commons CSV, UTF-8 with a BOM so Excel reads the accents) or XLSX
 * (POI's streaming SXSSF: 100 rows in memory, the rest in a temporary file), read a page of the
 * same list GET /customers gives at a time ({@code CustomerStore.list}), each cell formula-safe.
 */
final class CustomerListFile implements FileJobs.FileMaker {
  static final int PAGE = 100;
  private final CustomerStore customers;
  private final String accountId;
  private final CustomerExport export;

  CustomerListFile(CustomerStore customers, JobMessage message) {
    this.customers = customers;
    this.accountId = message.accountId();
    this.export = CustomerExport.of(message.params());
  }

  @Override
  public String fileName() {
    return export.fileName();
  }

  @Override
  public String description() {
    return export.description();
  }

  @Override
  public long write(OutputStream out, FileJobs.Progress progress) throws IOException {
    return export.format().equals("xlsx") ? xlsx(out, progress) : csv(out, progress);
  }

  private long csv(OutputStream out, FileJobs.Progress progress) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(CustomerExport.COLUMNS.toArray(String[]::new)).get());
    long count = eachCustomer(progress, row -> {
      try {
        csv.printRecord(row);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    csv.flush();
    return count;
  }

  private long xlsx(OutputStream out, FileJobs.Progress progress) throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    try {
      workbook.setCompressTempFiles(true);
      Sheet sheet = workbook.createSheet("Customers");
      put(sheet.createRow(0), CustomerExport.COLUMNS);
      int[] next = {1};
      long count = eachCustomer(progress, row -> put(sheet.createRow(next[0]++), row));
      workbook.write(out);
      return count;
    } finally {
      workbook.close();
    }
  }

  private static void put(Row row, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        row.createCell(i).setCellValue(values.get(i));
      }
    }
  }

  private long eachCustomer(FileJobs.Progress progress, Consumer<List<String>> sink) {
    ListFilter filter = switch (export.filter()) {
      case "no-mobile" -> ListFilter.NO_MOBILE;
      case "unsubscribed" -> ListFilter.UNSUBSCRIBED;
      default -> ListFilter.ALL;
    };
    long count = 0;
    String cursor = null;
    do {
      Page<CustomerProfile> page = customers.list(accountId, filter, null, export.from(), export.to(), cursor, PAGE);
      for (CustomerProfile customer : page.items()) {
        sink.accept(CustomerExport.row(customer));
        count++;
      }
      progress.done(count, count, false);
      cursor = page.nextCursor();
    } while (cursor != null);
    return count;
  }
}
