package com.textinbox.importworker;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.ImportRunner;
import com.textinbox.shared.imports.store.UploadStore;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs customer imports (P4, docs/decisions.md 54) from the CustomerImportQueue: fetches the file
 * to /tmp, runs or resumes the run ({@link ImportRunner}), puts its report next to the file. A run
 * that outlives its time budget stops after a committed chunk and fails the message on purpose:
 * SQS delivers it again after the queue's visibility timeout and the next invocation resumes after
 * the rows done (as after a crash). A redelivered message of a finished run does nothing.
 * Wiring: template.yaml, function CustomerImportWorker.
 */
public final class CustomerImportWorker extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerImportWorker.class);
  /** Stop taking chunks when less than this is left of the invocation (a chunk takes about a second). */
  static final Duration RESERVE = Duration.ofSeconds(60);

  private final ImportRunner runner;
  private final AccountStore accounts;
  private final UploadStore uploads;
  private final Clock clock;
  private final String fallbackRegion;
  private final Path scratch;
  private final Duration budget;

  public CustomerImportWorker() {
    this(DynamoTable.fromEnvironment(), UploadStore.fromEnvironment(), Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"), Path.of(System.getProperty("java.io.tmpdir")),
        Duration.ofMinutes(14));
  }

  /** @param budget how long one invocation works before it hands the rest to the next (tests: short) */
  public CustomerImportWorker(DynamoTable table, UploadStore uploads, Clock clock, String fallbackRegion,
      Path scratch, Duration budget) {
    this.runner = new ImportRunner(table, clock);
    this.accounts = new AccountStore(table);
    this.uploads = uploads;
    this.clock = clock;
    this.fallbackRegion = fallbackRegion;
    this.scratch = scratch;
    this.budget = budget;
  }

  /** The run is not over: the message is left on the queue for the next invocation. */
  static final class StillRunning extends RuntimeException {
    StillRunning(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  protected void process(SqsMessage message) throws Exception {
    ImportMessage run = ImportMessage.parse(message.payload());
    Account account = accounts.get(run.accountId());
    String region = CustomerRules.region(account == null ? null : account.number(), fallbackRegion);
    Path file = Files.createTempFile(scratch, "import-", ".upload");
    try {
      uploads.download(UploadStore.uploadKey(run.accountId(), run.importId()), file);
      Instant stopAt = clock.instant().plus(budget).minus(RESERVE.compareTo(budget) < 0 ? RESERVE : Duration.ZERO);
      BooleanSupplier timeLeft = () -> clock.instant().isBefore(stopAt);
      ImportRun after = runner.run(run.accountId(), run.importId(), run.run(), file, region, timeLeft, scratch, (report, dryRun) -> {
        String key = UploadStore.reportKey(run.accountId(), run.importId(), run.run(), dryRun);
        uploads.put(key, report);
        return key;
      });
      if (!after.finished()) {
        // out of time: the message comes back after the visibility timeout, and the run resumes
        throw new StillRunning("import " + run.importId() + " run " + run.run() + ": " + after.done() + " of "
            + after.total() + " rows done; resumed at the next delivery");
      } else {
        LOG.info("import {} run {} {}: {} created, {} updated, {} unchanged, {} rejected ({} possible duplicates)",
            run.importId(), run.run(), after.status(), after.created(), after.updated(), after.unchanged(),
            after.rejected(), after.possibleDuplicates());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
