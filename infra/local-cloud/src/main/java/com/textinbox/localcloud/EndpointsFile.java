package com.textinbox.localcloud;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.textinbox.localcloud.demo.DemoData;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code .local-cloud/endpoints.json}, for scripts and tests (its keys are documented in the
 * README), and the banner the local cloud prints once it is ready.
 */
final class EndpointsFile {
  private final Map<String, Object> document = new LinkedHashMap<>();
  private final String apiUrl;
  private final String control;

  private final String liveUrl;
  private final String docs;

  EndpointsFile(String apiUrl, String liveUrl, String control, String docs, Map<String, String> userTokens, Map<String, String> aws) {
    this.apiUrl = apiUrl;
    this.liveUrl = liveUrl;
    this.control = control;
    this.docs = docs;
    document.put("apiUrl", apiUrl);
    document.put("docs", docs);
    if (liveUrl != null) {
      document.put("liveUrl", liveUrl);
    }
    document.put("tokens", userTokens);
    document.put("companyNumber", DemoData.DEALERSHIP.number());
    document.put("otherCompanyNumber", DemoData.CLINIC.number());
    document.put("carrier", Map.of(
        "send", control + "/carrier/send",
        "raw", control + "/carrier/raw",
        "outbox", control + "/carrier/outbox",
        "inbox", control + "/carrier/inbox"));
    document.put("mailbox", control + "/mailbox");
    document.put("pushOutbox", control + "/push/outbox");
    document.put("telegram", Map.of(
        "botUsername", LocalCloud.TELEGRAM_BOT_USERNAME,
        "sent", control + "/telegram/sent",
        "send", control + "/telegram/send",
        "block", control + "/telegram/block",
        "webhookSecret", LocalCloud.TELEGRAM_WEBHOOK_SECRET));
    document.put("schedules", control + "/_local/schedules");
    document.put("invoke", control + "/_local/invoke");
    document.put("tokenIssuer", control + "/_local/tokens");
    document.put("queues", control + "/_local/queues");
    document.put("functions", control + "/_local/functions");
    document.put("awsCalls", control + "/_local/aws-calls");
    document.put("sentMessages", control + "/_local/sent-messages");
    document.put("faults", control + "/_local/faults");
    document.put("sampleImport", control + "/_local/sample-import");
    document.put("sampleDeletion", control + "/_local/sample-deletion");
    document.put("sampleSend", control + "/_local/sample-send");
    document.put("sampleReceipt", control + "/_local/sample-receipt");
    document.put("tlsEndpoints", control + "/_local/tls-endpoints");
    document.put("demo", Map.of(
        "accounts", Map.of("dealership", DemoData.DEALERSHIP.accountId(), "clinic", DemoData.CLINIC.accountId()),
        "users", DemoData.USERS.stream().collect(Collectors.toMap(DemoData.DemoUser::key, DemoData.DemoUser::userId)),
        "customers", DemoData.CUSTOMERS.stream().collect(Collectors.toMap(DemoData.DemoCustomer::customerId,
            c -> c.mobile() == null ? "" : c.mobile()))));
    document.put("aws", aws);
  }

  /** Written whole, then moved into place: a script polling for the file never reads half of it. */
  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(document));
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @SuppressWarnings("unchecked")
  String banner(long startMillis, Path file, boolean verbose) {
    Map<String, String> tokens = (Map<String, String>) document.get("tokens");
    StringBuilder out = new StringBuilder();
    out.append("\n==== local cloud ready in ").append(startMillis).append(" ms ====\n");
    out.append("API:            ").append(apiUrl).append('\n');
    if (liveUrl != null) {
      out.append("Live (WebSocket): ").append(liveUrl).append("?token=<bearer token>\n");
    }
    out.append("API docs:       ").append(docs).append("   (Swagger UI: try every call as a demo user)\n");
    out.append("Endpoints file: ").append(file.toAbsolutePath()).append('\n');
    out.append("Company number: ").append(DemoData.DEALERSHIP.number())
        .append(" (Maple Motors); other company: ").append(DemoData.CLINIC.number()).append(" (Harbor Clinic)\n");
    out.append("\nBearer tokens (valid 7 days):\n");
    tokens.forEach((user, token) -> out.append("  ").append(String.format("%-11s", user)).append(token).append('\n'));
    out.append("\nTry it:\n");
    out.append("  curl -H \"Authorization: Bearer $(jq -r .tokens.admin .local-cloud/endpoints.json)\" ").append(apiUrl).append("/me\n");
    out.append("  curl -X POST ").append(control).append("/carrier/send -d '{\"from\":\"+15145550112\",\"to\":\"")
        .append(DemoData.DEALERSHIP.number()).append("\",\"body\":\"Hi, is my car ready?\"}'\n");
    out.append("  curl ").append(control).append("/carrier/outbox      # every SMS the system sent, with its delivery status\n");
    out.append("  curl ").append(control).append("/mailbox             # every email sent\n");
    out.append("  curl ").append(control).append("/push/outbox         # every mobile push sent\n");
    out.append("  curl ").append(control).append("/telegram/sent       # every Telegram message the bot sent\n");
    out.append("  curl -X POST ").append(control).append("/_local/schedules/<FunctionLogicalId>   # run a scheduled function now (?time=2026-12-01T05:10:00Z: as if fired then)\n");
    out.append("  curl ").append(control).append("/_local/aws-calls   # the AWS actions each function has called\n");
    out.append("\nBelow: each function's log lines, labelled [FunctionName], between Lambda's START and END/REPORT lines")
        .append(verbose ? "; the engines' lines are labelled with their names.\n" : " (the engines' logs: --verbose).\n");
    out.append("Ctrl-C stops everything.\n");
    return out.toString();
  }
}
