package com.textinbox.importworker;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.ImportRunner;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.notifications.EmailSender;
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
 * to /tmp, runs or resumes the run ({@link ImportRunner}), writes its report as a result file of
 * the jobs pipeline (decision 53) and emails the requester once, with a link valid 7 days
 * ({@link ImportEmails}). A run that outlives its time budget stops after a committed chunk and
 * fails the message on purpose: SQS delivers it again after the queue's visibility timeout and
 * the next invocation resumes after the rows done (as after a crash). A redelivered message of a
 * finished and announced run does nothing. Wiring: template.yaml, function CustomerImportWorker.
 */
public final class CustomerImportWorker extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerImportWorker.class);
  /** Stop taking chunks when less than this is left of the invocation (a chunk takes about a second). */
  static final Duration RESERVE = Duration.ofSeconds(60);

  private final ImportRunner runner;
  private final ImportStore imports;
  private final AccountStore accounts;
  private final FileStore files;
  private final ImportEmails emails;
  private final Clock clock;
  private final String fallbackRegion;
  private final Path scratch;
  private final Duration budget;

  public CustomerImportWorker() {
    this(DynamoTable.fromEnvironment(), FileStore.forEmailedLinks(),
        EmailSender.fromEnvironment(),
        Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"), Path.of(System.getProperty("java.io.tmpdir")),
        Duration.ofMinutes(14));
  }

  /**
   * @param files the uploads and the runs' reports (the report's link is emailed: valid 7 days, {@code LinkSigner})
   * @param budget how long one invocation works before it hands the rest to the next (tests: short)
   */
  public CustomerImportWorker(DynamoTable table, FileStore files, EmailSender email, Clock clock,
      String fallbackRegion, Path scratch, Duration budget) {
    this.runner = new ImportRunner(table, clock);
    this.imports = new ImportStore(table);
    this.accounts = new AccountStore(table);
    this.files = files;
    this.emails = new ImportEmails(files, email, clock);
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
    ImportRun after;
    try {
      files.download(ImportFiles.uploadKey(run.accountId(), run.importId()), file);
      Instant stopAt = clock.instant().plus(budget).minus(RESERVE.compareTo(budget) < 0 ? RESERVE : Duration.ZERO);
      BooleanSupplier timeLeft = () -> clock.instant().isBefore(stopAt);
      after = runner.run(run.accountId(), run.importId(), run.run(), file, region, timeLeft, scratch,
          (report, dryRun) -> ImportEmails.putReport(files, run, dryRun, report));
    } finally {
      Files.deleteIfExists(file);
    }
    if (!after.finished()) {
      // out of time: the message comes back after the visibility timeout, and the run resumes
      throw new StillRunning("import " + run.importId() + " run " + run.run() + ": " + after.done() + " of "
          + after.total() + " rows done; resumed at the next delivery");
    }
    LOG.info("import {} run {} {}: {} created, {} updated, {} unchanged, {} rejected ({} possible duplicates)",
        run.importId(), run.run(), after.status(), after.created(), after.updated(), after.unchanged(), after.rejected(),
        after.possibleDuplicates());
    if (run.email() == null || run.email().isBlank() || !imports.claimNotice(run.accountId(), after, ImportEmails.now(clock))) {
      return;
    }
    try {
      emails.send(run.email(), after, account == null ? java.time.ZoneId.of("America/Toronto") : account.zone());
    } catch (RuntimeException notSent) {
      imports.releaseNotice(run.accountId(), after);
      throw notSent;
    }
  }
}
