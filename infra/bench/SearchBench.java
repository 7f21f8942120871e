import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Search benchmark (C15): see search-bench.sh. Items are written to the table as the product
 * writes them (customer profiles, timeline messages) for a company of its own, so the whole path
 * is measured: the stream, the indexer's bulk requests, the TLS front, the SearchApi.
 */
public final class SearchBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String[] FIRST = {"Chloé", "Élodie", "Marc", "Sophie", "Karim", "Nina", "Olivier", "Amélie", "Jean", "Fatima",
      "Luc", "Zoé", "Hugo", "Léa", "Noah", "Emma", "Liam", "Maëlle", "Félix", "Inès"};
  private static final String[] LAST = {"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
      "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher"};
  private static final String[] FRENCH = {"Bonjour, ma voiture est-elle prête ?", "Je passerai chercher les pneus d'hiver demain",
      "Merci pour le rendez-vous, à jeudi", "Pouvez-vous changer l'huile aussi ?", "Les freins font un bruit étrange"};
  private static final String[] ENGLISH = {"Is my car ready yet?", "I will pick up the winter tires tomorrow",
      "Thanks for the appointment, see you Thursday", "Can you change the oil too?", "The brakes are making a strange noise"};

  public static void main(String[] args) throws Exception {
    int customers = option(args, "--customers", 20_000);
    int messages = option(args, "--messages", 100_000);
    int invoices = option(args, "--invoices", 20_000);
    int appointments = option(args, "--appointments", 20_000);
    int queries = option(args, "--queries", 40);
    JsonNode endpoints = JSON.readTree(Files.readString(Path.of(".local-cloud/endpoints.json")));
    JsonNode aws = endpoints.path("aws");
    DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.of(aws.path("region").asText()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.path("accessKeyId").asText(),
            aws.path("secretAccessKey").asText())))
        .endpointOverride(URI.create(aws.path("dynamodb").asText())).build();
    String table = aws.path("table").asText();
    String account = "acct-bench-" + Instant.now().getEpochSecond();
    String token = post(endpoints.path("tokenIssuer").asText(), Map.of("accountId", account, "userId", "user-bench",
        "role", "admin")).path("token").asText();
    String api = endpoints.path("apiUrl").asText();
    String opensearch = aws.path("opensearch").asText();
    boolean throughTable = List.of(args).contains("--through-table");
    int total = customers + messages + invoices + appointments;
    long start = System.nanoTime();
    if (throughTable) {
      System.out.printf("company %s: writing %,d customers and %,d messages to the table...%n", account, customers, messages);
      write(dynamo, table, customers, i -> customer(account, i));
      write(dynamo, table, messages, i -> message(account, i, customers));
      write(dynamo, table, invoices, i -> invoice(account, i, customers));
      write(dynamo, table, appointments, i -> appointment(account, i, customers));
    } else {
      // the same items, made into documents by the indexer's own code (shared SearchDocuments), sent
      // straight to the index: DynamoDB Local's write rate on a busy 2-core machine is not what is measured
      System.out.printf("company %s: indexing %,d customers, %,d messages, %,d invoices and %,d appointments"
          + " (their documents by SearchDocuments, _bulk)...%n", account, customers, messages, invoices, appointments);
      bulk(opensearch, customers, i -> customer(account, i));
      bulk(opensearch, messages, i -> message(account, i, customers));
      bulk(opensearch, invoices, i -> invoice(account, i, customers));
      bulk(opensearch, appointments, i -> appointment(account, i, customers));
    }
    double writeSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("written in %.1f s (%,.0f items/s); waiting for the index...%n", writeSeconds, total / writeSeconds);
    long indexed;
    do {
      Thread.sleep(2000);
      indexed = count(opensearch, account);
      System.out.printf("  %,d / %,d documents searchable after %.0f s%n", indexed, total, (System.nanoTime() - start) / 1e9);
    } while (indexed < total);
    double allSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("all %,d searchable %.1f s after the first write (%,.0f documents/s end to end)%n%n", total, allSeconds,
        total / allSeconds);

    Random random = new Random(42);
    Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
    kinds.put("name (2 words, folded)", i -> "q=" + enc(plain(FIRST[i % 20]) + " " + LAST[(i / 20) % 20]) + "&types=customer");
    kinds.put("name prefix (3 letters)", i -> "q=" + enc(LAST[i % 20].substring(0, 3)) + "&types=customer");
    kinds.put("name, one typo", i -> "q=" + enc(typo(LAST[i % 20])) + "&types=customer");
    kinds.put("phone, E.164", i -> "q=" + enc(phone(random.nextInt(customers))) + "&types=customer");
    kinds.put("phone, national punctuated", i -> "q=" + enc(national(random.nextInt(customers))) + "&types=customer");
    kinds.put("phone, last 4", i -> "q=" + enc(phone(random.nextInt(customers)).substring(8)) + "&types=customer");
    kinds.put("message word (fr)", i -> "q=" + enc(new String[] {"voiture", "pneus", "rendez-vous", "huile", "freins"}[i % 5]) + "&types=message");
    kinds.put("message word (en)", i -> "q=" + enc(new String[] {"car", "tires", "appointment", "oil", "brakes"}[i % 5]) + "&types=message");
    kinds.put("RO number, exact", i -> "q=" + enc(roNumber(random.nextInt(invoices))) + "&types=invoice");
    kinds.put("amount, as 149,99 $", i -> "q=" + enc(amount(random.nextInt(invoices)).replace('.', ',') + " $") + "&types=invoice");
    kinds.put("appointment type, folded", i -> "q=" + enc(plain(TYPES[i % TYPES.length]).toLowerCase()) + "&types=appointment");
    kinds.put("appointment day (the company's zone: + GetItem)", i -> "q="
        + startsAt(random.nextInt(appointments)).atZone(java.time.ZoneId.of("America/Toronto")).toLocalDate() + "&types=appointment");
    kinds.put("everything (4 groups)", i -> "q=" + enc(LAST[i % 20]));
    System.out.println("| query | p50 ms | p95 ms | max ms | hits (first) |");
    System.out.println("|---|---|---|---|---|");
    for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
      List<Double> times = new ArrayList<>();
      long hits = -1;
      for (int i = 0; i < queries + 3; i++) {
        long t = System.nanoTime();
        HttpResponse<String> response = get(api + "/search?" + kind.getValue().apply(i), token);
        double ms = (System.nanoTime() - t) / 1e6;
        if (response.statusCode() != 200) {
          throw new IllegalStateException(kind.getKey() + " answered " + response.statusCode() + ": " + response.body());
        }
        if (i >= 3) { // the first three warm the path
          times.add(ms);
        }
        if (i == 3) {
          hits = JSON.readTree(response.body()).path("groups").get(0).path("total").asLong();
        }
      }
      Collections.sort(times);
      System.out.printf("| %s | %.0f | %.0f | %.0f | %,d |%n", kind.getKey(), pct(times, 50), pct(times, 95), times.getLast(), hits);
    }

    List<Double> lags = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String unique = "Lag" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "x");
      Map<String, AttributeValue> item = item(Map.of("PK", "A#" + account + "#C#cust-lag-" + i, "SK", "PROFILE", "type", "Customer",
          "customerId", "cust-lag-" + i, "firstName", "Ludo", "lastName", unique));
      long t = System.nanoTime();
      dynamo.putItem(b -> b.tableName(table).item(item));
      while (!get(api + "/search?types=customer&q=" + enc(unique), token).body().contains("cust-lag-" + i)) {
        Thread.sleep(20);
        if ((System.nanoTime() - t) / 1e9 > 60) {
          throw new IllegalStateException("not searchable after 60 s");
        }
      }
      lags.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(lags);
    System.out.printf("%nwrite to searchable (PutItem -> stream -> indexer -> refresh -> found by GET /search), 10 writes:"
        + " p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", pct(lags, 50), pct(lags, 95), lags.getLast());
  }

  private static Map<String, AttributeValue> customer(String account, int i) {
    Map<String, String> item = new HashMap<>(Map.of("PK", "A#" + account + "#C#cust-" + i, "SK", "PROFILE", "type", "Customer",
        "customerId", "cust-" + i, "firstName", FIRST[i % 20], "lastName", LAST[(i / 20) % 20] + (i >= 400 ? "-" + (i / 400) : ""),
        "mobile", phone(i)));
    return item(item);
  }

  private static Map<String, AttributeValue> message(String account, int i, int customers) {
    int customer = i % customers;
    String at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L).toString();
    boolean french = i % 2 == 0;
    return item(Map.of("PK", "A#" + account + "#CONV#conv-" + customer, "SK", "T#" + at + "#msg-" + i, "type", "Message",
        "messageId", "msg-" + i, "conversationId", "conv-" + customer, "customerId", "cust-" + customer,
        "direction", i % 3 == 0 ? "OUTBOUND" : "INBOUND", "body", (french ? FRENCH : ENGLISH)[(i / 2) % 5] + " (" + i + ")",
        "receivedAt", at));
  }

  private static final String[] TYPES = {"Vidange d'huile", "Oil change", "Pneus d'hiver", "Winter tires", "Inspection"};

  private static String roNumber(int i) {
    return "RO-" + (100_000 + i);
  }

  /** 50.00 to 2,049.99: a few invoices per amount. */
  private static String amount(int i) {
    return String.format(java.util.Locale.ROOT, "%d.%02d", 50 + (i * 7) % 2000, (i * 13) % 100);
  }

  private static Instant startsAt(int i) {
    return Instant.parse("2026-01-05T13:00:00Z").plusSeconds(i * 37L * 60);
  }

  private static Map<String, AttributeValue> invoice(String account, int i, int customers) {
    return item(Map.of("PK", "A#" + account + "#INVOICE#INV-" + i, "SK", "INVOICE", "type", "Invoice", "number", "INV-" + i,
        "customerId", "cust-" + (i % customers), "roNumber", roNumber(i), "amount", amount(i), "currency", "CAD",
        "status", i % 4 == 0 ? "paid" : "open", "createdAt", startsAt(i).toString()));
  }

  private static Map<String, AttributeValue> appointment(String account, int i, int customers) {
    return item(Map.of("PK", "A#" + account + "#APPT#appt-" + i, "SK", "APPOINTMENT", "type", "Appointment",
        "appointmentId", "appt-" + i, "customerId", "cust-" + (i % customers), "startsAt", startsAt(i).toString(),
        "appointmentType", TYPES[i % TYPES.length], "status", "scheduled"));
  }

  /** +1 514 2xx xxxx, distinct per customer. */
  private static String phone(int i) {
    return "+1514" + (200 + i / 10_000) + String.format("%04d", i % 10_000);
  }

  private static String national(int i) {
    String e164 = phone(i);
    return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
  }

  private static String typo(String name) {
    char[] c = plain(name + "e").toCharArray();
    char t = c[2];
    c[2] = c[3];
    c[3] = t;
    return new String(c);
  }

  private static String plain(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  private static Map<String, AttributeValue> item(Map<String, String> values) {
    Map<String, AttributeValue> item = new HashMap<>();
    values.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
    return item;
  }

  /** BatchWriteItem, 25 items a request, 4 writers. */
  private static void write(DynamoDbClient dynamo, String table, int n, IntFunction<Map<String, AttributeValue>> item)
      throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int from = 0; from < n; from += 25) {
      int start = from;
      done.add(writers.submit(() -> {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = start; i < Math.min(n, start + 25); i++) {
          batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.apply(i)).build()).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
          Map<String, List<WriteRequest>> request = pending;
          pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    writers.shutdown();
  }

  /** The items' documents as the indexer makes them, 2,000 per _bulk, to the engine's own port. */
  private static void bulk(String opensearch, int n, IntFunction<Map<String, AttributeValue>> item) throws Exception {
    for (int from = 0; from < n; from += 2000) {
      StringBuilder body = new StringBuilder();
      for (int i = from; i < Math.min(n, from + 2000); i++) {
        Map<String, Object> plain = new HashMap<>();
        item.apply(i).forEach((k, v) -> plain.put(k, v.s()));
        com.textinbox.shared.search.SearchDocument document = com.textinbox.shared.search.SearchDocuments.of(plain).orElseThrow();
        body.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", "inbox", "_id", document.id())))).append('\n')
            .append(JSON.writeValueAsString(document.fields())).append('\n');
      }
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(opensearch + "/_bulk"))
          .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || JSON.readTree(response.body()).path("errors").asBoolean()) {
        throw new IllegalStateException("_bulk answered " + response.statusCode() + ": "
            + response.body().substring(0, Math.min(500, response.body().length())));
      }
    }
  }

  private static long count(String opensearch, String account) throws Exception {
    HttpResponse<String> refreshed = HTTP.send(HttpRequest.newBuilder(URI.create(opensearch + "/inbox/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(opensearch + "/inbox/_count"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"term\":{\"accountId\":\"" + account + "\"}}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    return refreshed.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong() : 0;
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode post(String url, Object body) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static int option(String[] args, String name, int otherwise) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return otherwise;
  }
}
