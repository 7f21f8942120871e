package com.textinbox.importworker;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.jobs.ReadyEmail;
import com.textinbox.shared.jobs.ResultFiles;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.EmailSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A run's report as a result file of the jobs pipeline (decision 53: {@code exports/<acct>/<importId>-<run>/<name>},
 * deleted with its link after 7 days) and the email that ends a run (P4): the "file is ready"
 * email with the counts and the link; a failed run's email says why and that nothing was written.
 */
final class ImportEmails {
  private final FileStore files;
  private final EmailSender email;
  private final Clock clock;

  ImportEmails(FileStore files, EmailSender email, Clock clock) {
    this.files = files;
    this.email = email;
    this.clock = clock;
  }

  static String reportName(int run, boolean dryRun) {
    return (dryRun ? "import-dry-run-" : "import-rejected-rows-") + run + ".csv";
  }

  /** Streams the report to the bucket; its key. */
  static String putReport(FileStore files, ImportMessage run, boolean dryRun, Path report) {
    String name = reportName(run.run(), dryRun);
    String key = ResultFiles.key(run.accountId(), run.importId() + "-" + run.run(), name);
    try (FileStore.Upload out = files.create(key, name)) {
      Files.copy(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return key;
  }

  static String now(Clock clock) {
    return Keys.time(clock.instant());
  }

  void send(String to, ImportRun run, ZoneId zone) {
    String kind = run.dryRun() ? "dry run" : "import";
    if (ImportRun.FAILED.equals(run.status()) || run.reportKey() == null) {
      String subject = "Your customer " + kind + " failed";
      String text = subject + ": " + run.errorMessage() + "\n\nNo customer was changed"
          + (run.done() > 0 ? " after row " + run.done() : "") + ". Fix the file and upload it again.\n";
      email.send(Email.ofText(to, subject, text));
      return;
    }
    Instant expires = clock.instant().plus(ResultFiles.LINK_VALIDITY);
    String what = "Your customer " + kind + " report (" + (run.dryRun() ? "would create " : "created ") + run.created()
        + ", updated " + run.updated() + ", rejected " + run.rejected() + ")";
    email.send(ReadyEmail.of(to, what, reportName(run.run(), run.dryRun()),
        files.link(run.reportKey(), ResultFiles.LINK_VALIDITY), expires, zone));
  }
}
