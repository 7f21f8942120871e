package com.textinbox.shared.imports;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an import's run over its file (P4), from where it stopped: the file is read through first
 * (a file that cannot be read fails the run before anything is written), then row by row in
 * chunks of {@value #CHUNK}: the chunk's references and mobiles looked up in two BatchGetItems,
 * each row's outcome decided ({@link ImportDecision}), and the chunk written in transactions of up
 * to 100 items, each carrying the run's progress and its rows' outcomes (conditional on the
 * progress they start from). So the counters are what was written; a worker that stops resumes
 * after the last transaction; two workers on one run write each row once. A dry run writes the
 * outcomes only.
 */
public final class ImportRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
  static final int CHUNK = 100;
  /** TransactWriteItems takes 100 items; two are the progress and the outcomes. */
  static final int MAX_ROW_WRITES = 98;
  private static final int ATTEMPTS = 5;

  private final DynamoTable table;
  private final CustomerStore customers;
  private final ImportStore imports;
  private final AttributeDefinitionStore definitions;
  private final Clock clock;

  public ImportRunner(DynamoTable table, Clock clock) {
    this.table = table;
    this.customers = new CustomerStore(table);
    this.imports = new ImportStore(table);
    this.definitions = new AttributeDefinitionStore(table);
    this.clock = clock;
  }

  /** Where a run's report file goes (the bucket, for the worker); answers its key. */
  @FunctionalInterface
  public interface ReportUpload {
    String upload(Path report, boolean dryRun);
  }

  /**
   * Runs or resumes run {@code runNumber} over {@code file} until it ends or {@code timeLeft} says
   * stop (then it is still RUNNING: send it again). A finished run is answered as it is.
   *
   * @param region where numbers without a country code are read (the company's)
   * @param scratch a folder for the report file
   */
  public ImportRun run(String accountId, String importId, int runNumber, Path file, String region, BooleanSupplier timeLeft,
      Path scratch, ReportUpload upload) {
    ImportRun run = imports.findRun(accountId, importId, runNumber)
        .orElseThrow(() -> new IllegalStateException("no run " + runNumber + " of import " + importId));
    if (run.finished()) {
      return run;
    }
    // 1. the whole file read (and counted) before anything is written: a bad file fails the run clean
    List<String> titles = new ArrayList<>();
    long total;
    try {
      total = readThrough(file, titles);
    } catch (FileRefused refused) {
      return fail(accountId, run, refused.code(), refused.getMessage());
    }
    ImportMapping mapping;
    List<AttributeDefinition> defined = definitions.get(accountId);
    try {
      mapping = ImportMapping.parse(Json.read(run.mapping()), titles.size(), defined);
    } catch (ApiError invalid) {
      return fail(accountId, run, "mapping", invalid.getMessage());
    }
    if (!run.dryRun()) {
      List<AttributeDefinition> added = mapping.newAttributes(defined);
      if (!added.isEmpty()) {
        List<AttributeDefinition> all = new ArrayList<>(defined);
        all.addAll(added);
        definitions.put(accountId, all, clock.instant(), run.requestedBy());
      }
    }
    if (!ImportRun.RUNNING.equals(run.status()) || run.total() != total) {
      imports.markRunning(accountId, run, total);
    }
    // 2. the rows, from where the run stopped
    for (int pass = 0; ; pass++) {
      run = imports.findRun(accountId, importId, runNumber).orElseThrow();
      if (run.finished()) {
        return run;
      }
      if (run.done() >= total) {
        break;
      }
      Pass rows = new Pass(accountId, run, titles, mapping, region, file.toString().endsWith(".xlsx") || isXlsx(file), timeLeft,
          table::transact);
      try {
        ImportFiles.read(file, rows);
        rows.flush();
      } catch (Raced raced) {
        LOG.info("import {} run {}: another worker moved the progress; reading it again", importId, runNumber);
        continue;
      } catch (Stopped stopped) {
        return imports.findRun(accountId, importId, runNumber).orElseThrow();
      }
      if (pass > ATTEMPTS) {
        throw new IllegalStateException("import " + importId + " run " + runNumber + " makes no progress");
      }
    }
    // 3. the report, then the end (once)
    String key = report(file, imports.outcomes(accountId, importId, runNumber), run.dryRun(),
        scratch.resolve(importId + "-" + runNumber + ".csv"), upload);
    imports.finish(accountId, run, ImportRun.COMPLETED, null, null, key, now());
    return imports.findRun(accountId, importId, runNumber).orElseThrow();
  }

  /** The file read through: its titles added to {@code titles}; its data rows. */
  private static long readThrough(Path file, List<String> titles) {
    return ImportFiles.read(file, new SheetRows() {
      @Override
      public void header(List<String> names) {
        titles.addAll(names);
      }

      @Override
      public boolean row(long line, List<String> cells) {
        return true;
      }
    }).rows();
  }

  /** Writes the report to {@code report} in the scratch folder, hands it to {@code upload} and deletes it; its key. */
  private static String report(Path file, java.util.Iterator<String> outcomes, boolean dryRun, Path report,
      ReportUpload upload) {
    try {
      ImportReport.write(file, outcomes, dryRun, report);
      return upload.upload(report, dryRun);
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(report);
      } catch (java.io.IOException e) {
        LOG.warn("report {} left in the scratch folder: {}", report, e.toString());
      }
    }
  }

  /**
   * SnapStart priming (docs/decisions.md 46): {@code file} imported as a run of the account
   * {@code Priming.KEY}, which does not exist, without writing anything. The run, the account's
   * attribute definitions and each chunk's holders are read (nothing found); the file is read
   * twice as a run reads it, each row decided by the real rules; each chunk's transaction (the
   * profiles and guards a row creates, the outcomes and the progress) is built and signed, then
   * stopped before transmission ({@link DynamoTable#primeTransact}); the report is written to the
   * scratch folder, handed to {@code upload} and deleted.
   *
   * @return the outcomes of the rows (CREATE, REJECT, ...), for the tests
   */
  public List<String> prime(Path file, String mapping, String region, Path scratch, ReportUpload upload) {
    String nobody = com.textinbox.shared.observability.Priming.KEY;
    imports.findRun(nobody, nobody, 1);
    List<String> titles = new ArrayList<>();
    readThrough(file, titles);
    imports.outcomes(nobody, nobody, 1).hasNext();
    ImportMapping parsed = ImportMapping.parse(Json.read(mapping), titles.size(), definitions.get(nobody));
    ImportRun run = ImportRun.queued(nobody, 1, false, mapping, nobody, now());
    List<String> outcomes = new ArrayList<>();
    Pass rows = new Pass(nobody, run, titles, parsed, region, isXlsx(file), () -> true, table::primeTransact);
    rows.primingOutcomes = outcomes;
    ImportFiles.read(file, rows);
    rows.flush();
    report(file, outcomes.iterator(), false, scratch.resolve("priming-report.csv"), upload);
    return outcomes;
  }

  private ImportRun fail(String accountId, ImportRun run, String code, String message) {
    imports.finish(accountId, run, ImportRun.FAILED, code, message, null, now());
    return imports.findRun(accountId, run.importId(), run.run()).orElseThrow();
  }

  private static boolean isXlsx(Path file) {
    try (var in = java.nio.file.Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == 'P' && head[1] == 'K';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private String now() {
    return Keys.time(clock.instant());
  }

  /** The id of the profile row {@code index} of a run creates: the same on a replay. */
  static String newCustomerId(String importId, int run, long index) {
    return "cust-" + UUID.nameUUIDFromBytes((importId + "/" + run + "/" + index).getBytes(StandardCharsets.UTF_8));
  }

  /** Another worker committed the rows this one was writing. */
  private static final class Raced extends RuntimeException {
    Raced() {
      super(null, null, false, false);
    }
  }

  /** The worker's time is up: the run stays RUNNING, to be resumed. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** One row as read: its index among the data rows (0-based) and its cells. */
  private record Row(long index, List<String> cells) {}

  /** One read of the file, from the run's progress on, a chunk at a time. */
  private final class Pass implements SheetRows {
    private final String accountId;
    private final ImportRun run;
    private final ImportMapping mapping;
    private final String region;
    private final boolean xlsx;
    private final BooleanSupplier timeLeft;
    /** How a chunk's transaction is made: sent ({@link DynamoTable#transact}), or stopped when priming. */
    private final java.util.function.Consumer<List<Write>> transact;
    /** Priming: the committed rows' outcomes, kept for the report (a run reads them back from the table). */
    private List<String> primingOutcomes;
    private final LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    private List<String> titles;
    private final List<Row> chunk = new ArrayList<>(CHUNK);
    private long index = -1;
    /** A dry run writes nothing: what its earlier rows would have made, for the later ones to match. */
    private final Map<String, CustomerProfile> simulatedByReference = new HashMap<>();
    private final Map<String, CustomerProfile> simulatedByMobile = new HashMap<>();

    Pass(String accountId, ImportRun run, List<String> titles, ImportMapping mapping, String region, boolean xlsx,
        BooleanSupplier timeLeft, java.util.function.Consumer<List<Write>> transact) {
      this.accountId = accountId;
      this.run = run;
      this.titles = titles;
      this.mapping = mapping;
      this.region = region;
      this.xlsx = xlsx;
      this.timeLeft = timeLeft;
      this.transact = transact;
    }

    @Override
    public void header(List<String> names) {
      titles = names;
    }

    @Override
    public boolean row(long line, List<String> cells) {
      index++;
      if (index < run.done()) {
        return true;
      }
      chunk.add(new Row(index, cells));
      if (chunk.size() == CHUNK) {
        flush();
        if (!timeLeft.getAsBoolean()) {
          throw new Stopped();
        }
      }
      return true;
    }

    void flush() {
      List<Row> remaining = new ArrayList<>(chunk);
      chunk.clear();
      for (int attempt = 1; !remaining.isEmpty(); attempt++) {
        try {
          remaining = write(remaining);
        } catch (TransactionCancelled cancelled) {
          if (attempt == ATTEMPTS) {
            throw cancelled;
          }
        }
      }
    }

    /**
     * Decides the rows (their profiles read now) and writes them transaction by transaction; the
     * rows left when a transaction failed on a row's condition (a profile or number changed
     * meanwhile: decide them again), none when all went through.
     */
    private List<Row> write(List<Row> rows) {
      List<RowValues> values = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      Set<String> references = new HashSet<>();
      Set<String> mobiles = new HashSet<>();
      for (Row row : rows) {
        try {
          RowValues v = RowValues.read(row.cells(), titles, mapping, region, today, xlsx);
          values.add(v);
          reasons.add(null);
          if (v.fields().reference() != null) {
            references.add(v.fields().reference());
          }
          if (v.fields().mobile() != null) {
            mobiles.add(v.fields().mobile());
          }
        } catch (RowValues.Rejected rejected) {
          values.add(null);
          reasons.add(rejected.getMessage());
        }
      }
      CustomerStore.Holders holders = customers.holders(accountId, references, mobiles);
      // what this chunk's earlier rows make, seen by its later rows (and, in a dry run, by the rest of the run)
      Map<String, CustomerProfile> byReference = run.dryRun() ? simulatedByReference : new HashMap<>();
      Map<String, CustomerProfile> byMobile = run.dryRun() ? simulatedByMobile : new HashMap<>();
      String now = now();
      Group group = new Group(rows.get(0).index());
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        RowValues v = values.get(i);
        RowOutcome outcome;
        if (v == null) {
          outcome = RowOutcome.reject(reasons.get(i));
        } else {
          String ref = v.fields().reference();
          String mobile = v.fields().mobile();
          CustomerProfile ofReference = ref == null ? null
              : byReference.containsKey(ref) ? byReference.get(ref) : holders.ofReference(ref);
          CustomerProfile ofMobile = mobile == null ? null
              : byMobile.containsKey(mobile) ? byMobile.get(mobile) : holders.ofMobile(mobile);
          outcome = ImportDecision.decide(v, ofReference, ofMobile, newCustomerId(run.importId(), run.run(), row.index()),
              now, "import:" + run.importId());
        }
        if (primingOutcomes != null && outcome.after() != null) {
          customers.primeRead(accountId, outcome.after()); // as a found profile is read (priming finds none)
        }
        List<Write> writes = run.dryRun() ? List.of() : writesOf(outcome);
        Set<String> touched = touched(outcome);
        if (!group.fits(writes.size(), touched)) {
          if (!commit(group)) {
            return rows.subList(i - group.size(), rows.size());
          }
          group = new Group(row.index());
        }
        group.add(outcome, writes, touched);
        remember(outcome, byReference, byMobile);
      }
      if (!commit(group)) {
        return rows.subList(rows.size() - group.size(), rows.size());
      }
      return List.of();
    }

    private List<Write> writesOf(RowOutcome outcome) {
      return switch (outcome.kind()) {
        case CREATE -> customers.createWrites(accountId, outcome.after());
        case UPDATE -> customers.editWrites(accountId, outcome.before(), outcome.after());
        default -> List.of();
      };
    }

    /** One transaction: its rows' writes, then the outcomes and the progress. False when a row's condition failed. */
    private boolean commit(Group group) {
      if (group.size() == 0) {
        return true;
      }
      List<Write> writes = new ArrayList<>(group.writes);
      writes.addAll(imports.progressWrites(accountId, run, group.progress()));
      try {
        transact.accept(writes);
        if (primingOutcomes != null) {
          primingOutcomes.addAll(group.outcomes);
        }
        return true;
      } catch (TransactionCancelled cancelled) {
        if (cancelled.conditionFailedAt(writes.size() - 1)) {
          throw new Raced();
        }
        if (!cancelled.retryable() && cancelled.reasons().stream().noneMatch(TransactionCancelled.CONDITION_FAILED::equals)) {
          throw cancelled;
        }
        LOG.info("import {} run {}: rows from {} changed meanwhile ({}); deciding them again", run.importId(), run.run(),
            group.from, cancelled.reasons());
        return false;
      }
    }
  }

  /** The rows of one transaction. */
  private static final class Group {
    final long from;
    final List<Write> writes = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    final Set<String> touched = new HashSet<>();
    int created, updated, unchanged, rejected, duplicates;

    Group(long from) {
      this.from = from;
    }

    int size() {
      return outcomes.size();
    }

    /** Whether a row with these writes fits: 100 items at most, and no item twice in one transaction. */
    boolean fits(int moreWrites, Set<String> keys) {
      if (writes.size() + moreWrites > MAX_ROW_WRITES || outcomes.size() >= CHUNK) {
        return false;
      }
      for (String key : keys) {
        if (touched.contains(key)) {
          return false;
        }
      }
      return true;
    }

    void add(RowOutcome outcome, List<Write> rowWrites, Set<String> keys) {
      writes.addAll(rowWrites);
      touched.addAll(keys);
      outcomes.add(ImportReport.entry(outcome));
      switch (outcome.kind()) {
        case CREATE -> created++;
        case UPDATE -> updated++;
        case UNCHANGED -> unchanged++;
        case REJECT -> rejected++;
      }
      if (outcome.possibleDuplicate()) {
        duplicates++;
      }
    }

    ImportStore.Progress progress() {
      return new ImportStore.Progress(from, from + outcomes.size(), created, updated, unchanged, rejected, duplicates,
          outcomes);
    }
  }

  /** The items a row's writes touch, as names (a profile, a mobile's guard, a reference's guard). */
  private static Set<String> touched(RowOutcome outcome) {
    Set<String> keys = new HashSet<>();
    for (CustomerProfile p : new CustomerProfile[] {outcome.before(), outcome.after()}) {
      if (p != null) {
        keys.add("C#" + p.customerId());
        if (p.mobile() != null) {
          keys.add("M#" + p.mobile());
        }
        if (p.reference() != null) {
          keys.add("R#" + p.reference());
        }
      }
    }
    return keys;
  }

  /** What a row made, for the rows after it: its profile under its reference and mobile (a mobile it left: nobody's). */
  private static void remember(RowOutcome outcome, Map<String, CustomerProfile> byReference,
      Map<String, CustomerProfile> byMobile) {
    CustomerProfile after = outcome.after();
    if (after == null) {
      return;
    }
    CustomerProfile before = outcome.before();
    if (before != null && before.mobile() != null && !before.mobile().equals(after.mobile())) {
      byMobile.put(before.mobile(), null);
    }
    if (before != null && before.reference() != null && !before.reference().equals(after.reference())) {
      byReference.put(before.reference(), null);
    }
    if (after.mobile() != null) {
      byMobile.put(after.mobile(), after);
    }
    if (after.reference() != null) {
      byReference.put(after.reference(), after);
    }
  }
}
