package com.textinbox.imports;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.store.DynamoTable;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * API of customer imports (P4, docs/decisions.md 54): {@code POST /customer-imports} gives an
 * upload link; {@code GET /customer-imports/{importId}} the uploaded file's preview and proposed
 * mapping (or why it cannot be imported) and its runs; {@code POST .../run} queues a dry run or the
 * import for the CustomerImportWorker. Admins and users; free users get 403.
 * Wiring: template.yaml, function CustomerImportsApi.
 */
public final class CustomerImportsApi extends com.textinbox.shared.api.ApiHandler {
  private final ImportRoutes imports;

  public CustomerImportsApi() {
    this(DynamoTable.fromEnvironment(), FileStore.fromEnvironment(),
        EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("CUSTOMER_IMPORT_QUEUE_URL")),
        Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * @param files the uploads and the runs' reports (their links are short: signed with the role's credentials)
   * @param scratch where an uploaded file is fetched to be previewed (Lambda's /tmp)
   */
  public CustomerImportsApi(DynamoTable table, FileStore files, EventQueue runs, Clock clock, Path scratch) {
    imports = new ImportRoutes(table, files, runs, clock, scratch);
    route("POST", "/customer-imports", imports::create);
    route("GET", "/customer-imports/{importId}", imports::get);
    route("POST", "/customer-imports/{importId}/run", imports::run);
  }

  /**
   * Priming (decision 46): GET of an import of an account that does not exist (404), a read only;
   * and the upload link of such an import, presigned (no request: the S3 presigner's classes).
   */
  @Override
  protected void prime() {
    super.prime();
    primeGet("/customer-imports/{importId}");
    imports.primeUploadLink();
  }
}
