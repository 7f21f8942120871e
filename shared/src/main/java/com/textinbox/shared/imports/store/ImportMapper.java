package com.textinbox.shared.imports.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportPreview;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The one place the attribute names of an import, its runs and their rows' outcomes are spelled (docs/data-model.md). */
final class ImportMapper {
  static final String TYPE = "CustomerImport", RUN_TYPE = "CustomerImportRun", ROWS_TYPE = "CustomerImportRows";
  static final String MAPPING_TYPE = "CustomerImportMapping";
  static final String IMPORT_ID = "importId", FILE_KEY = "fileKey", FILE_NAME = "fileName", CREATED_BY = "createdBy";
  static final String CREATED_AT = "createdAt", PREVIEW = "preview", RUNS = "runs", ACTIVE_RUN = "activeRun";
  static final String LAST_DRY_RUN = "lastDryRun", LAST_IMPORT = "lastImport";
  static final String RUN = "run", DRY_RUN = "dryRun", STATUS = "status", MAPPING = "mapping", REQUESTED_BY = "requestedBy";
  static final String TOTAL = "total", DONE = "done", CREATED = "created", UPDATED = "updated", UNCHANGED = "unchanged";
  static final String REJECTED = "rejected", DUPLICATES = "possibleDuplicates", ERROR_CODE = "errorCode";
  static final String ERROR_MESSAGE = "errorMessage", REPORT_KEY = "reportKey", COMPLETED_AT = "completedAt";
  static final String NOTIFIED_AT = "notifiedAt";
  static final String FROM = "from", OUTCOMES = "outcomes", TITLES = "titles", SAVED_AT = "savedAt", SAVED_BY = "savedBy";

  private ImportMapper() {}

  static Map<String, AttributeValue> toItem(String accountId, CustomerImport i, Instant expiresAt) {
    return ItemBuilder.item(Keys.customerImport(accountId, i.importId()), Keys.IMPORT_SK, TYPE)
        .str(IMPORT_ID, i.importId()).str(FILE_KEY, i.fileKey()).str(FILE_NAME, i.fileName())
        .str(CREATED_BY, i.createdBy()).str(CREATED_AT, i.createdAt())
        .str(PREVIEW, i.preview() == null ? null : i.preview().toJson())
        .num(RUNS, i.runs()).num(ACTIVE_RUN, i.activeRun()).num(LAST_DRY_RUN, i.lastDryRun()).num(LAST_IMPORT, i.lastImport())
        .expiresAt(expiresAt)
        .build();
  }

  static CustomerImport fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    String preview = r.str(PREVIEW);
    return new CustomerImport(r.str(IMPORT_ID), r.str(FILE_KEY), r.str(FILE_NAME), r.str(CREATED_BY), r.str(CREATED_AT),
        preview == null ? null : ImportPreview.fromJson(preview), (int) r.num(RUNS, 0), (int) r.num(ACTIVE_RUN, 0),
        (int) r.num(LAST_DRY_RUN, 0), (int) r.num(LAST_IMPORT, 0));
  }

  static boolean isImport(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }

  static Map<String, AttributeValue> runItem(String accountId, ImportRun run, Instant expiresAt) {
    return ItemBuilder.item(Keys.customerImport(accountId, run.importId()), Keys.importRunSk(run.run()), RUN_TYPE)
        .str(IMPORT_ID, run.importId()).num(RUN, run.run()).bool(DRY_RUN, run.dryRun()).str(STATUS, run.status())
        .str(MAPPING, run.mapping()).str(REQUESTED_BY, run.requestedBy()).str(CREATED_AT, run.createdAt())
        .num(TOTAL, run.total()).num(DONE, run.done()).num(CREATED, run.created()).num(UPDATED, run.updated())
        .num(UNCHANGED, run.unchanged()).num(REJECTED, run.rejected()).num(DUPLICATES, run.possibleDuplicates())
        .str(ERROR_CODE, run.errorCode()).str(ERROR_MESSAGE, run.errorMessage()).str(REPORT_KEY, run.reportKey())
        .str(COMPLETED_AT, run.completedAt())
        .expiresAt(expiresAt)
        .build();
  }

  static ImportRun runOf(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new ImportRun(r.str(IMPORT_ID), (int) r.num(RUN, 0), r.has(DRY_RUN) && r.bool(DRY_RUN), r.str(STATUS),
        r.str(MAPPING), r.str(REQUESTED_BY), r.str(CREATED_AT), r.num(TOTAL, 0), r.num(DONE, 0), r.num(CREATED, 0),
        r.num(UPDATED, 0), r.num(UNCHANGED, 0), r.num(REJECTED, 0), r.num(DUPLICATES, 0), r.str(ERROR_CODE),
        r.str(ERROR_MESSAGE), r.str(REPORT_KEY), r.str(COMPLETED_AT));
  }

  static boolean isRun(Map<String, AttributeValue> item) {
    return item != null && RUN_TYPE.equals(ItemReader.of(item).type());
  }
}
