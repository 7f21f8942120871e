package com.textinbox.shared.jobs;

import java.text.Normalizer;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a file job's result lives and what it is called (docs/decisions.md 53). Keys are
 * {@code exports/<accountId>/<jobId>/<file name>}: the files bucket's lifecycle rule deletes
 * everything under {@code exports/} after 7 days, the life of the emailed link.
 */
public final class ResultFiles {
  /** How long the emailed link works, and the file lives. */
  public static final Duration LINK_VALIDITY = Duration.ofDays(7);
  public static final String PREFIX = "exports/";
  public static final String CSV = "text/csv; charset=UTF-8";
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String PDF = "application/pdf";

  private ResultFiles() {}

  public static String key(String accountId, String jobId, String fileName) {
    return PREFIX + accountId + "/" + jobId + "/" + fileName;
  }

  /**
   * A file name safe in a key, a Content-Disposition header and every file system: accents dropped,
   * anything but letters, digits, {@code . _ -} becomes {@code -}, at most 100 characters.
   */
  public static String safeName(String wanted) {
    String plain = Normalizer.normalize(wanted, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String safe = plain.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    if (safe.isEmpty()) {
      safe = "file";
    }
    return safe.length() > 100 ? safe.substring(safe.length() - 100) : safe;
  }

  /** The content type of a result file by its extension. */
  public static String contentType(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".xlsx") ? XLSX : lower.endsWith(".pdf") ? PDF : CSV;
  }
}
