package com.textinbox.shared.jobs;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.users.store.AccountStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every file job takes (docs/decisions.md 53), whatever file it makes: read the job item
 * (COMPLETED or FAILED: a redelivery, nothing to do), write the file to S3 as a stream unless it
 * was written whole before (a worker that crashed after writing resumes at the announcement),
 * then announce it once: COMPLETED with {@code notifiedAt} claimed conditionally, and the "your
 * file is ready" email with a presigned link valid 7 days. Progress is written to the job item at
 * most every {@link #PROGRESS_EVERY} so {@code GET /jobs/{jobId}} can show it.
 */
public final class FileJobs {
  private static final Logger LOG = LoggerFactory.getLogger(FileJobs.class);
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private final JobStore jobs;
  private final FileStore files;
  private final AccountStore accounts;
  private final EmailSender email;
  private final Clock clock;

  public FileJobs(JobStore jobs, FileStore files, AccountStore accounts, EmailSender email, Clock clock) {
    this.jobs = jobs;
    this.files = files;
    this.accounts = accounts;
    this.email = email;
    this.clock = clock;
  }

  /** Where a file maker reports how far it is. */
  @FunctionalInterface
  public interface Progress {
    void done(long processed, long total, boolean totalKnown);
  }

  /** One kind of file: its name and description are known before a byte is written. */
  public interface FileMaker {
    /** The file's name, as the download gives it ({@code customers-unsubscribed.xlsx}). */
    String fileName();

    /** The file in words, for the email's subject ("Your customer list (all customers)"). */
    String description();

    /** Writes the whole file; returns how many rows or messages it holds. */
    long write(OutputStream out, Progress progress) throws IOException;
  }

  /** The job's input can never give a file (its conversation is gone): the job FAILS with this reason. */
  public static final class Refused extends RuntimeException {
    public Refused(String reason) {
      super(reason);
    }
  }

  /** What makes the file of a job, once its item is read (may read the data it needs, may refuse). */
  @FunctionalInterface
  public interface Maker {
    FileMaker prepare(Job job, JobMessage message);
  }

  /** Runs the job of this message once, however many times it is delivered. */
  public void run(JobMessage message, Maker maker) throws IOException {
    String accountId = message.accountId();
    String jobId = message.jobId();
    Job job = jobs.find(accountId, jobId).orElse(null);
    if (job == null || Job.COMPLETED.equals(job.status()) || Job.FAILED.equals(job.status())) {
      LOG.info("job {}: {}, nothing to do", jobId, job == null ? "no such job" : job.status());
      return;
    }
    if (!job.resultWritten()) {
      jobs.start(accountId, jobId, now());
      FileMaker file;
      try {
        file = maker.prepare(job, message);
      } catch (Refused refused) {
        LOG.info("job {} refused: {}", jobId, refused.getMessage());
        jobs.fail(accountId, jobId, refused.getMessage(), now());
        return;
      }
      String name = ResultFiles.safeName(file.fileName());
      String key = ResultFiles.key(accountId, jobId, name);
      long count;
      long size;
      FileStore.Upload out = files.create(key, name);
      try {
        count = file.write(out, throttled(accountId, jobId));
        out.close();
        size = out.size();
      } catch (IOException | RuntimeException failed) {
        out.abandon(); // never a truncated file at the key: the retry writes it whole
        throw failed;
      }
      jobs.resultWritten(accountId, jobId, key, name, size, count, now());
      job = jobs.find(accountId, jobId).orElseThrow();
      LOG.info("job {}: {} ({} bytes, {} rows) written to {}", jobId, name, size, count, key);
      announce(message, job, file.description());
    } else {
      announce(message, job, job.resultName());
    }
  }

  /** COMPLETED and emailed once; an email that fails makes the job RUNNING again, for the retry. */
  private void announce(JobMessage message, Job job, String description) {
    if (!jobs.complete(message.accountId(), job.jobId(), now())) {
      return;
    }
    if (message.email() == null || message.email().isBlank()) {
      LOG.warn("job {}: the requester has no email address; the file is only in GET /jobs", job.jobId());
      return;
    }
    try {
      Instant expires = clock.instant().plus(ResultFiles.LINK_VALIDITY);
      String link = files.link(job.resultKey(), ResultFiles.LINK_VALIDITY);
      email.send(ReadyEmail.of(message.email(), description, job.resultName(), link, expires,
          accounts.get(message.accountId()).zone()));
    } catch (RuntimeException notSent) {
      jobs.releaseNotice(message.accountId(), job.jobId(), now());
      throw notSent;
    }
  }

  private Progress throttled(String accountId, String jobId) {
    Instant[] last = {clock.instant()};
    return (processed, total, totalKnown) -> {
      Instant at = clock.instant();
      if (Duration.between(last[0], at).compareTo(PROGRESS_EVERY) >= 0) {
        last[0] = at;
        jobs.progress(accountId, jobId, processed, total, totalKnown, Keys.time(at));
      }
    };
  }

  private String now() {
    return Keys.time(clock.instant());
  }
}
