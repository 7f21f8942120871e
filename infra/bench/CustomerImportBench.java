import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.ImportRunner;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.store.DynamoTable;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * P4's benchmark (docs/performance.md, "Customer import"): a CSV of N rows (default 100,000; a
 * French header, accents, a reference, a mobile, an email, a date and a number attribute; 1 row in
 * 50 with a bad phone, 1 in 100 with the mobile of an earlier row: rejected) imported by the
 * worker's ImportRunner into DynamoDB Local: the whole file read first, then chunks of 100 rows
 * (two BatchGetItems of the guards, one of the profiles matched) written in transactions of up to
 * 100 items. Prints seconds, rows/s, peak heap and the DynamoDB requests per row. DynamoDB Local is
 * SQLite underneath: its seconds say nothing of DynamoDB's; the request counts are what AWS bills.
 * The S3 transfer of the file and report is not in it. Run: infra/bench/customer-import.sh [rows].
 */
public class CustomerImportBench {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.printf("customer import of %,d rows, heap max %d MB, %s%n", rows,
        Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
    Path file = Files.createTempFile("customer-import", ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("Prénom;Nom;Cellulaire;No client;Courriel;Prochain entretien;Kilométrage\n");
      for (int i = 0; i < rows; i++) {
        String mobile = i % 50 == 7 ? "555 12" : "514 " + (2_000_000 + (i % 100 == 3 ? i - 1 : i));
        out.write("Zoé" + i + ";Bérubé-Côté;" + mobile + ";R-" + i + ";client" + i + "@exemple.ca;"
            + String.format("%02d/%02d/2027", 1 + i % 28, 1 + i % 12) + ";" + (i * 7 % 200_000) + "\n");
      }
    }
    System.out.printf("file: %,d bytes%n", Files.size(file));
    try (DynamoDbLocalServer local = DynamoDbLocalServer.start()) {
      local.createInboxTable("bench");
      DynamoTable table = new DynamoTable(local.client(), "bench");
      ImportStore imports = new ImportStore(table);
      String account = "acct-bench";
      imports.create(account, new CustomerImport("imp-bench", "imports/x", "bench.csv", "u1", "t", null, 0, 0, 0, 0),
          Clock.systemUTC().instant());
      String mapping = """
          [{"to":"firstName"},{"to":"lastName"},{"to":"mobile"},{"to":"reference"},{"to":"email"},
           {"to":"attribute","key":"nextService","name":"Prochain entretien","type":"date","format":"dd/MM/yyyy"},
           {"to":"attribute","key":"km","name":"Kilométrage","type":"number"}]""";
      imports.startRun(account, ImportRun.queued("imp-bench", 1, false, mapping, "u1", "t"), Clock.systemUTC().instant());
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      RequestCounter.reset();
      long start = System.nanoTime();
      ImportRun run = new ImportRunner(table, Clock.systemUTC()).run(account, "imp-bench", 1, file, "CA", () -> true,
          file.getParent(), (report, dryRun) -> "imports/report.csv");
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      Map<String, Integer> counts = new TreeMap<>();
      RequestCounter.snapshot().forEach((k, v) -> {
        if (!k.endsWith(RequestCounter.ATTEMPTS)) {
          counts.put(k, v);
        }
      });
      int requests = counts.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf("run: %s, %,d rows: %,d created, %,d updated, %,d rejected%n", run.status(), run.done(),
          run.created(), run.updated(), run.rejected());
      System.out.printf("seconds %.1f   rows/s %.0f   peak heap %d MB%n", seconds, rows / seconds, peak / (1024 * 1024));
      System.out.printf("DynamoDB requests: %,d (%.4f per row)%n", requests, (double) requests / rows);
      counts.forEach((k, v) -> System.out.printf("  %-36s %,8d  (%.4f per row)%n", k, v, (double) v / rows));
    } finally {
      Files.deleteIfExists(file);
    }
    System.exit(0);
  }
}
