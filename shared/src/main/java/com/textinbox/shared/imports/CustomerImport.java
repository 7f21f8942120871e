package com.textinbox.shared.imports;

/**
 * A customer file being imported (P4; docs/data-model.md, "Customer import"): created with its
 * upload link, previewed once uploaded, then run (dry runs, then the import).
 *
 * @param fileKey where the upload goes in the files bucket
 * @param preview read from the file at the first GET after the upload; null before
 * @param runs how many runs were started (the last is number {@code runs})
 * @param activeRun the run queued or running, 0 when none (one at a time)
 * @param lastDryRun the latest dry run's number, 0 when none
 * @param lastImport the latest import's number, 0 when none
 */
public record CustomerImport(String importId, String fileKey, String fileName, String createdBy, String createdAt,
    ImportPreview preview, int runs, int activeRun, int lastDryRun, int lastImport) {}
