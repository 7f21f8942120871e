package com.textinbox.importworker;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.events.EventQueue;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs customer imports (P4, docs/decisions.md 54) from the CustomerImportQueue: fetches the file
 * to /tmp, runs or resumes the run ({@link ImportRunner}), puts its report next to the file. A run
 * that outlives its time budget stops after a committed chunk and sends its message again: the
 * next invocation resumes after the rows done. A redelivered message of a finished run does
 * nothing. Wiring: template.yaml, function CustomerImportWorker.
 */
public final class CustomerImportWorker extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerImportWorker.class);
  /** Stop taking chunks when less than this is left of the invocation (a chunk takes about a second). */
  static final Duration RESERVE = Duration.ofSeconds(60);

  private final ImportRunner runner;
  private final AccountStore accounts;
  private final UploadStore uploads;
  private final EventQueue queue;
  private final Clock clock;
  private final String fallbackRegion;
  private final Path scratch;
  private final Duration budget;

  public CustomerImportWorker() {
    this(DynamoTable.fromEnvironment(), UploadStore.fromEnvironment(),
        EventQueue.sqs(AwsClients.build(SqsClient.builder(), "SQS"), Env.require("CUSTOMER_IMPORT_QUEUE_URL")),
        Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"), Path.of(System.getProperty("java.io.tmpdir")),
        Duration.ofMinutes(14));
  }

  /** @param budget how long one invocation works before it hands the rest to the next (tests: short) */
  public CustomerImportWorker(DynamoTable table, UploadStore uploads, EventQueue queue, Clock clock, String fallbackRegion,
      Path scratch, Duration budget) {
    this.runner = new ImportRunner(table, clock);
    this.accounts = new AccountStore(table);
    this.uploads = uploads;
    this.queue = queue;
    this.clock = clock;
    this.fallbackRegion = fallbackRegion;
    this.scratch = scratch;
    this.budget = budget;
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
        // out of time: the next invocation resumes after the rows done
        queue.send(run.importId() + "-" + run.run() + "-" + after.done(), "customer.import.run", run.toJson());
        LOG.info("import {} run {}: {} of {} rows done, continued in a new invocation", run.importId(), run.run(),
            after.done(), after.total());
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
