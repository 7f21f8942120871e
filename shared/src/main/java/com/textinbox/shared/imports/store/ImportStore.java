package com.textinbox.shared.imports.store;

import static com.textinbox.shared.imports.store.ImportMapper.*;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportPreview;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.QueryResult;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about customer imports (P4; docs/data-model.md, "Customer import"): the
 * import, its runs, the outcomes of their rows (written in the transaction that writes the rows'
 * customers and moves the run's progress: a row counts once, a redelivered run writes nothing
 * twice) and the company's saved mappings. Kept 30 days (TTL).
 */
public record ImportStore(DynamoTable table) {
  static final Duration KEPT = Duration.ofDays(30);

  public void create(String accountId, CustomerImport customerImport, Instant now) {
    if (!table.putIfAbsent(toItem(accountId, customerImport, now.plus(KEPT)))) {
      throw new IllegalStateException("import " + customerImport.importId() + " exists already");
    }
  }

  public Optional<CustomerImport> find(String accountId, String importId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customerImport(accountId, importId), Keys.IMPORT_SK);
    return isImport(item) ? Optional.of(fromItem(item)) : Optional.empty();
  }

  /** The import with its latest dry run and import, in one BatchGetItem (the runs absent when none). */
  public record WithRuns(CustomerImport customerImport, ImportRun dryRun, ImportRun importRun) {}

  public Optional<WithRuns> findWithRuns(String accountId, String importId) {
    Optional<CustomerImport> found = find(accountId, importId);
    if (found.isEmpty() || (found.get().lastDryRun() == 0 && found.get().lastImport() == 0)) {
      return found.map(i -> new WithRuns(i, null, null));
    }
    CustomerImport i = found.get();
    String pk = Keys.customerImport(accountId, importId);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int n : new int[] {i.lastDryRun(), i.lastImport()}) {
      if (n > 0) {
        keys.add(DynamoTable.key(pk, Keys.importRunSk(n)));
      }
    }
    ImportRun dry = null;
    ImportRun real = null;
    for (Map<String, AttributeValue> item : table.batchGet(keys, true)) {
      ImportRun run = runOf(item);
      if (run.run() == i.lastDryRun()) {
        dry = run;
      } else {
        real = run;
      }
    }
    return Optional.of(new WithRuns(i, dry, real));
  }

  /** The preview read from the uploaded file, kept once (two readers at once: the first wins, both alike). */
  public void savePreview(String accountId, String importId, ImportPreview preview) {
    try {
      ItemUpdate.of().set(PREVIEW, preview.toJson()).condition("attribute_exists(PK) AND attribute_not_exists(#" + PREVIEW + ")")
          .apply(table, Keys.customerImport(accountId, importId), Keys.IMPORT_SK);
    } catch (ConditionFailed keptAlready) {
      // the same file gives the same preview
    }
  }

  /**
   * A new run, queued, in one transaction with the import's run count, on condition that no run is
   * queued or running and that the count is still {@code run - 1}. False when that changed.
   */
  public boolean startRun(String accountId, ImportRun run, Instant now) {
    String pk = Keys.customerImport(accountId, run.importId());
    ItemUpdate update = ItemUpdate.of().set(RUNS, run.run()).set(ACTIVE_RUN, run.run())
        .set(run.dryRun() ? LAST_DRY_RUN : LAST_IMPORT, run.run())
        .condition("attribute_exists(PK) AND #" + RUNS + " = :previousRuns AND #" + ACTIVE_RUN + " = :none",
            ":previousRuns", run.run() - 1, ":none", 0);
    try {
      table.transact(table.putIfAbsentWrite(runItem(accountId, run, now.plus(KEPT))), update.write(table, pk, Keys.IMPORT_SK));
      return true;
    } catch (TransactionCancelled changed) {
      return false;
    }
  }

  /** A run could not be queued (the queue refused it): FAILED, and the import free for another. */
  public void failToQueue(String accountId, ImportRun run, String now) {
    finish(accountId, run, ImportRun.FAILED, "queue", "The run could not be started; try again.", null, now);
  }

  public Optional<ImportRun> findRun(String accountId, String importId, int run) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customerImport(accountId, importId), Keys.importRunSk(run));
    return isRun(item) ? Optional.of(runOf(item)) : Optional.empty();
  }

  /** The file was read through: RUNNING with its row count (again on a resumed run: the same). */
  public void markRunning(String accountId, ImportRun run, long total) {
    ItemUpdate.of().set(STATUS, ImportRun.RUNNING).set(TOTAL, total)
        .condition("#" + STATUS + " IN (:queued, :running)", ":queued", ImportRun.QUEUED, ":running", ImportRun.RUNNING)
        .apply(table, Keys.customerImport(accountId, run.importId()), Keys.importRunSk(run.run()));
  }

  /** What rows {@code from} to {@code to} (0-based, end excluded) did, counted in the run's progress. */
  public record Progress(long from, long to, int created, int updated, int unchanged, int rejected, int duplicates,
      List<String> outcomes) {}

  /**
   * The writes that record {@code progress} with the rows' own writes: the run's counters and
   * {@code done}, on condition that {@code done} is still {@code from} (a second worker on the same
   * rows fails here and writes nothing), and the rows' outcomes. Progress is the last write.
   */
  public List<Write> progressWrites(String accountId, ImportRun run, Progress progress) {
    String pk = Keys.customerImport(accountId, run.importId());
    Write outcomes = table.putWrite(ItemBuilder.item(pk, Keys.importRowsSk(run.run(), progress.from()), ROWS_TYPE)
        .num(FROM, progress.from()).strList(OUTCOMES, progress.outcomes())
        .expiresAt(Instant.now().plus(KEPT)).build());
    Write counters = ItemUpdate.of().set(DONE, progress.to()).add(CREATED, progress.created())
        .add(UPDATED, progress.updated()).add(UNCHANGED, progress.unchanged()).add(REJECTED, progress.rejected())
        .add(DUPLICATES, progress.duplicates())
        .condition("#" + DONE + " = :from AND #" + STATUS + " = :running", ":from", progress.from(), ":running",
            ImportRun.RUNNING)
        .write(table, pk, Keys.importRunSk(run.run()));
    return List.of(outcomes, counters);
  }

  /**
   * The run ends ({@code COMPLETED} or {@code FAILED}), once, in one transaction with the import
   * made free for another run. False when it had ended already (a redelivered message).
   */
  public boolean finish(String accountId, ImportRun run, String status, String errorCode, String errorMessage,
      String reportKey, String now) {
    String pk = Keys.customerImport(accountId, run.importId());
    ItemUpdate runUpdate = ItemUpdate.of().set(STATUS, status).set(COMPLETED_AT, now)
        .condition("#" + STATUS + " IN (:queued, :running)", ":queued", ImportRun.QUEUED, ":running", ImportRun.RUNNING);
    if (errorCode != null) {
      runUpdate.set(ERROR_CODE, errorCode).set(ERROR_MESSAGE, errorMessage);
    }
    if (reportKey != null) {
      runUpdate.set(REPORT_KEY, reportKey);
    }
    try {
      table.transact(runUpdate.write(table, pk, Keys.importRunSk(run.run())),
          ItemUpdate.of().set(ACTIVE_RUN, 0).condition("#" + ACTIVE_RUN + " = :run", ":run", run.run())
              .write(table, pk, Keys.IMPORT_SK));
      return true;
    } catch (TransactionCancelled endedBefore) {
      return false;
    }
  }

  /** The requester is told of the run's end once: false when another delivery claimed it first. */
  public boolean claimNotice(String accountId, ImportRun run, String now) {
    try {
      ItemUpdate.of().set(NOTIFIED_AT, now).condition("attribute_exists(PK) AND attribute_not_exists(#" + NOTIFIED_AT + ")")
          .apply(table, Keys.customerImport(accountId, run.importId()), Keys.importRunSk(run.run()));
      return true;
    } catch (ConditionFailed claimedBefore) {
      return false;
    }
  }

  /** The email could not be sent: the claim is released, for the retry of the message. */
  public void releaseNotice(String accountId, ImportRun run) {
    ItemUpdate.of().remove(NOTIFIED_AT).apply(table, Keys.customerImport(accountId, run.importId()), Keys.importRunSk(run.run()));
  }

  /** Every row's outcome of a run, in row order ({@code kind \t customerId \t duplicate \t reason}), read page by page. */
  public Iterator<String> outcomes(String accountId, String importId, int run) {
    String pk = Keys.customerImport(accountId, importId);
    return new Iterator<>() {
      private Query query = Query.table(pk).beginsWith(Keys.importRunSk(run) + "#ROWS#").consistent();
      private Iterator<String> page = List.<String>of().iterator();
      private boolean more = true;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && more) {
          QueryResult result = table.query(query);
          List<String> entries = new ArrayList<>();
          result.items().forEach(item -> {
            List<String> outcomes = ItemReader.of(item).strList(OUTCOMES);
            if (outcomes != null) {
              entries.addAll(outcomes);
            }
          });
          page = entries.iterator();
          more = result.hasMore();
          if (more) {
            query = Query.table(pk).beginsWith(Keys.importRunSk(run) + "#ROWS#").consistent().startAfter(result.lastKey());
          }
        }
        return page.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
  }

  /** A mapping saved for files with these titles (P4: "a saved mapping can be reused"). */
  public void saveMapping(String accountId, String fingerprint, List<String> titles, String mapping, String by, String at) {
    table.put(ItemBuilder.item(Keys.account(accountId), Keys.importMappingSk(fingerprint), MAPPING_TYPE)
        .strList(TITLES, titles).str(MAPPING, mapping).str(SAVED_BY, by).str(SAVED_AT, at).build());
  }

  /** The mapping saved for files with these titles, if any (one GetItem). */
  public Optional<String> savedMapping(String accountId, String fingerprint) {
    Map<String, AttributeValue> item = table.get(Keys.account(accountId), Keys.importMappingSk(fingerprint));
    return item == null ? Optional.empty() : Optional.ofNullable(ItemReader.of(item).str(MAPPING));
  }
}
