package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.regex.Matcher;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local cloud's fresh samples for the cold-start bench (decision 72): with the sample event of
 * events/ pointed at one, as infra/bench/ColdStart.java points it, the function does its usual
 * work (a queued reply texted, a sent reply's receipt recorded) rather than finding it done. And
 * the functions' AWS endpoints behind TLS, which the bench gives them (decision 73).
 */
class BenchSamplesTest {
  private static final String JOHNS_CONVERSATION = "A#acct-maple-motors#CONV#conv-demo-john";

  @Test
  void smsSendersSampleTextsAFreshQueuedReply() throws IOException {
    JsonNode queued = Http.post(control("sampleSend"), null, "").json();
    String timelineSk = queued.path("timelineSk").asText();
    String event = sample("sms-sender/sqs-send-command.json")
        .replaceAll("T#[^\\\\\"]*#msg-demo-reply", Matcher.quoteReplacement(timelineSk))
        .replace("msg-demo-reply", queued.path("messageId").asText());

    assertEquals("{\"batchItemFailures\":[]}", invoke("SmsSender", event));
    Map<String, AttributeValue> message = LocalAws.item(JOHNS_CONVERSATION, timelineSk);
    assertEquals("SENT", message.get("status").s(), message.toString());
    assertNotNull(message.get("carrierMessageId"), "texted through the local carrier: " + message);
  }

  @Test
  void deliveryReceiptsSampleRecordsAFreshSentRepliesReceipt() throws IOException {
    String carrierId = Http.post(control("sampleReceipt"), null, "").json().path("carrierMessageId").asText();
    String event = sample("delivery-receipts/sqs-receipt.json").replace("carrier-demo-reply", carrierId);

    assertEquals("{\"batchItemFailures\":[]}", invoke("DeliveryReceipts", event));
    Map<String, AttributeValue> lookUp = LocalAws.item("CARRIERMSG#" + carrierId, "CARRIERMSG");
    assertNotNull(lookUp, "the sample's look-up from the carrier id");
    Map<String, AttributeValue> message = LocalAws.item(JOHNS_CONVERSATION, lookUp.get("timelineSk").s());
    assertEquals("DELIVERED", message.get("status").s(), message.toString());
  }

  @Test
  void tlsEndpointsServeEachFunctionsAwsCallsOverHttps() throws Exception {
    JsonNode tls = Http.get(control("tlsEndpoints"), null).json();
    JsonNode functions = Http.get(control("functions"), null).json();
    assertEquals(functions.size(), tls.size(), tls.toString());
    for (JsonNode function : functions) {
      assertTrue(tls.path(function.path("logicalId").asText()).asText().startsWith("https://127.0.0.1:"), tls.toString());
    }
    String caBundle = functions.get(0).path("environment").path("AWS_CA_BUNDLE").asText();
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream pem = Files.newInputStream(Path.of(caBundle))) {
      trusted.setCertificateEntry("local-cloud", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    String timelineSk = Http.post(control("sampleSend"), null, "").json().path("timelineSk").asText();
    JsonNode aws = LocalCloudProcess.endpoints().path("aws");

    try (DynamoDbClient overTls = DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build())
        .region(Region.of(aws.path("region").asText()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            aws.path("accessKeyId").asText(), aws.path("secretAccessKey").asText())))
        .endpointOverride(URI.create(tls.path("SmsSender").asText()))
        .build()) {
      Map<String, AttributeValue> item = overTls.getItem(b -> b.tableName(LocalAws.table()).consistentRead(true)
          .key(Map.of("PK", AttributeValue.fromS(JOHNS_CONVERSATION), "SK", AttributeValue.fromS(timelineSk)))).item();
      assertEquals(LocalAws.item(JOHNS_CONVERSATION, timelineSk), item, "read over https through SmsSender's endpoint");
    }
  }

  private static String control(String endpoint) {
    return LocalCloudProcess.endpoints().path(endpoint).asText();
  }

  /** The function's own output (the control port wraps it with the function's name). */
  private static String invoke(String function, String event) {
    Http.Response answer = Http.post(control("invoke") + "/" + function, null, event);
    assertEquals(200, answer.status(), answer.body());
    return answer.json().path("output").asText();
  }

  private static String sample(String file) throws IOException {
    return Files.readString(LocalCloudProcess.repositoryRoot().resolve("events").resolve(file));
  }
}
