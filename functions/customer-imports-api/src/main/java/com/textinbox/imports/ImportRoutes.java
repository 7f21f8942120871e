package com.textinbox.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.CustomerImportView;
import com.textinbox.shared.imports.FileRefused;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.imports.ImportMapping;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportPreview;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.MappingFingerprint;
import com.textinbox.shared.imports.MappingProposal;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three routes of an import (P4). The file is read once, at the first GET after its upload,
 * and its preview kept on the import; a run checks its mapping against that preview's titles
 * before it is queued, so a bad mapping is a 400 now, not a failed job later.
 */
final class ImportRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);
  static final Duration UPLOAD_LINK = Duration.ofMinutes(15);
  static final Duration REPORT_LINK = Duration.ofHours(1);
  private static final int MAX_FILE_NAME = 200;

  private final ImportStore imports;
  private final AttributeDefinitionStore definitions;
  private final FileStore files;
  private final EventQueue runs;
  private final Clock clock;
  private final Path scratch;

  /**
   * Priming (decision 46): the upload link of an import of an account that does not exist. Presigning
   * signs a URL in the process (the S3 presigner, its endpoint rules and signer) and makes no request.
   */
  String primeUploadLink() {
    return files.uploadLink(ImportFiles.uploadKey(com.textinbox.shared.observability.Priming.KEY,
        com.textinbox.shared.observability.Priming.KEY), UPLOAD_LINK);
  }

  ImportRoutes(DynamoTable table, FileStore files, EventQueue runs, Clock clock, Path scratch) {
    this.imports = new ImportStore(table);
    this.definitions = new AttributeDefinitionStore(table);
    this.files = files;
    this.runs = runs;
    this.clock = clock;
    this.scratch = scratch;
  }

  /** POST /customer-imports {@code {"fileName"}} (optional): 201 {@code {importId, uploadUrl, uploadExpiresAt, maxBytes}}. */
  ApiResponse create(ApiRequest request) {
    // an object of the route's fields only: its schema was checked first (decision 55)
    JsonNode body = request.body() == null || request.body().isBlank() ? Json.object() : request.json();
    String fileName = null;
    if (body.hasNonNull("fileName")) {
      if (!body.get("fileName").isTextual() || body.get("fileName").asText().isBlank()
          || body.get("fileName").asText().length() > MAX_FILE_NAME) {
        throw ApiError.invalid("fileName", "'fileName' is 1-" + MAX_FILE_NAME + " characters.");
      }
      fileName = body.get("fileName").asText().strip();
    }
    String accountId = request.caller().accountId();
    String importId = "imp-" + UUID.randomUUID();
    String key = ImportFiles.uploadKey(accountId, importId);
    imports.create(accountId, new CustomerImport(importId, key, fileName, request.caller().userId(),
        Keys.time(clock.instant()), null, 0, 0, 0, 0), clock.instant());
    var answer = Json.object().put("importId", importId).put("uploadUrl", files.uploadLink(key, UPLOAD_LINK))
        .put("uploadExpiresAt", Keys.time(clock.instant().plus(UPLOAD_LINK))).put("maxBytes", ImportFiles.MAX_BYTES);
    LOG.info("import {} created by {}", importId, request.caller().userId());
    return ApiResponse.created(answer);
  }

  /** GET /customer-imports/{importId}: the import, its preview and proposed mapping, its runs. */
  ApiResponse get(ApiRequest request) {
    String accountId = request.caller().accountId();
    ImportStore.WithRuns found = imports.findWithRuns(accountId, request.pathParameter("importId"))
        .orElseThrow(() -> ApiError.notFound("import"));
    CustomerImport i = found.customerImport();
    ImportPreview preview = i.preview() != null ? i.preview() : readPreview(accountId, i);
    ImportMapping mapping = null;
    String source = null;
    if (preview != null && !preview.refused()) {
      List<AttributeDefinition> defined = definitions.get(accountId);
      mapping = saved(accountId, preview, defined).orElse(null);
      source = mapping == null ? "proposed" : "saved";
      if (mapping == null) {
        mapping = MappingProposal.propose(preview.titles(), preview.rows(), defined);
      }
    }
    return ApiResponse.ok(CustomerImportView.of(i, preview, mapping, source, found.dryRun(), found.importRun(),
        reportLink()));
  }

  /**
   * POST /customer-imports/{importId}/run {@code {"mapping", "dryRun", "saveMapping"}}: 202 with
   * the run, queued. 409 before the upload, for a file that cannot be imported, while another run
   * is under way.
   */
  ApiResponse run(ApiRequest request) {
    String accountId = request.caller().accountId();
    CustomerImport i = imports.find(accountId, request.pathParameter("importId"))
        .orElseThrow(() -> ApiError.notFound("import"));
    JsonNode body = request.json();   // an object of the route's fields only: its schema was checked first (decision 55)
    boolean dryRun = flag(body, "dryRun");
    boolean save = flag(body, "saveMapping");
    ImportPreview preview = i.preview() != null ? i.preview() : readPreview(accountId, i);
    if (preview == null) {
      throw new ApiError(409, "not_uploaded", "Upload the file first (PUT it to the uploadUrl), then run the import.", null);
    }
    if (preview.refused()) {
      throw new ApiError(409, preview.errorCode(), preview.errorMessage(), null);
    }
    ImportMapping mapping = ImportMapping.parse(body.get("mapping"), preview.titles().size(), definitions.get(accountId));
    if (i.activeRun() != 0) {
      throw ApiError.conflict("Run " + i.activeRun() + " of this import is under way; wait for it to end.");
    }
    String now = Keys.time(clock.instant());
    ImportRun run = ImportRun.queued(i.importId(), i.runs() + 1, dryRun, Json.write(mapping.toJson()),
        request.caller().userId(), now);
    if (!imports.startRun(accountId, run, clock.instant())) {
      throw ApiError.conflict("Another run of this import was started meanwhile; read it again.");
    }
    if (save) {
      imports.saveMapping(accountId, MappingFingerprint.of(preview.titles()), preview.titles(), run.mapping(),
          request.caller().userId(), now);
    }
    ImportMessage message = new ImportMessage(accountId, i.importId(), run.run(), request.caller().userId(),
        request.caller().email());
    try {
      runs.send(i.importId() + "-" + run.run(), "customer.import.run", message.toJson());
    } catch (RuntimeException notQueued) {
      LOG.error("import {} run {} could not be queued: {}", i.importId(), run.run(), notQueued.toString());
      imports.failToQueue(accountId, run, now);
      throw new ApiError(503, "unavailable", "The import could not be started; try again in a moment.", null);
    }
    LOG.info("import {} run {} queued ({})", i.importId(), run.run(), dryRun ? "dry run" : "import");
    return ApiResponse.accepted(CustomerImportView.run(run, null));
  }

  /** The file's preview, read and kept once it is uploaded; null before the upload. */
  private ImportPreview readPreview(String accountId, CustomerImport i) {
    OptionalLong size = files.size(i.fileKey());
    if (size.isEmpty()) {
      return null;
    }
    ImportPreview preview;
    try {
      ImportFiles.checkSize(size.getAsLong());
      Path file = Files.createTempFile(scratch, "import-", ".upload");
      try {
        files.download(i.fileKey(), file);
        preview = ImportPreview.of(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (FileRefused refused) {
      preview = ImportPreview.refused(refused);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    imports.savePreview(accountId, i.importId(), preview);
    return preview;
  }

  /** The company's mapping saved for these titles, if it still fits its attributes. */
  private Optional<ImportMapping> saved(String accountId, ImportPreview preview, List<AttributeDefinition> defined) {
    return imports.savedMapping(accountId, MappingFingerprint.of(preview.titles())).flatMap(json -> {
      try {
        return Optional.of(ImportMapping.parse(Json.read(json), preview.titles().size(), defined));
      } catch (ApiError outdated) {
        return Optional.empty();   // an attribute it names changed type meanwhile: propose afresh
      }
    });
  }

  /** A fresh short link of a run's report (the email has the 7-day one). */
  private Function<ImportRun, String> reportLink() {
    return run -> files.link(run.reportKey(), REPORT_LINK);
  }

  private static boolean flag(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw ApiError.invalid(field, "'" + field + "' is true or false.");
    }
    return value.asBoolean();
  }
}
