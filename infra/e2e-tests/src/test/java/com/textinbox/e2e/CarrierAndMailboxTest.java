package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the system sends out, seen as the outside world sees it: SMS through SNS reach the local
 * carrier, which sends delivery receipts (some test numbers fail with a reason) to the carrier
 * events topic; email through SES lands in the mailbox.
 */
class CarrierAndMailboxTest {
  private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
      & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, String service) {
    JsonNode aws = LocalCloudProcess.endpoints().path("aws");
    builder.httpClient(UrlConnectionHttpClient.create());
    return builder.region(Region.of(aws.path("region").asText()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
        .endpointOverride(URI.create(aws.path(service).asText()))
        .build();
  }

  private static String sms(SnsClient sns, String to, String body) {
    return sns.publish(b -> b.phoneNumber(to).message(body).messageAttributes(Map.of(
        "AWS.MM.SMS.OriginationNumber", MessageAttributeValue.builder().dataType("String").stringValue("+15145550100").build())))
        .messageId();
  }

  private static JsonNode outboxEntry(String messageId, String status) {
    return Eventually.await("SMS " + messageId + " to be " + status, Duration.ofSeconds(10), () -> {
      for (JsonNode entry : Http.get(LocalCloudProcess.endpoints().path("carrier").path("outbox").asText(), null).json()) {
        if (entry.path("messageId").asText().equals(messageId) && entry.path("status").asText().equals(status)) {
          return entry;
        }
      }
      return null;
    });
  }

  @Test
  void smsAreDeliveredOrFailWithAReasonAndTheReceiptReachesTheCarrierEventsTopic() {
    try (SnsClient sns = client(SnsClient.builder(), "sns"); SqsClient sqs = client(SqsClient.builder(), "sqs")) {
      String queueUrl = sqs.createQueue(b -> b.queueName("e2e-carrier-receipts")).queueUrl();
      String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
          .attributesAsStrings().get("QueueArn");
      String topicArn = sns.listTopics().topics().stream().map(t -> t.topicArn())
          .filter(arn -> arn.endsWith("carrier-events")).findFirst().orElseThrow();
      sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));

      String delivered = sms(sns, "+15145550112", "Your car is ready.");
      String landline = sms(sns, "+15145550190", "Your car is ready.");
      String deactivated = sms(sns, "+15145550192", "Your car is ready.");

      JsonNode ok = outboxEntry(delivered, "DELIVERED");
      assertEquals("+15145550100", ok.path("from").asText());
      assertEquals("Your car is ready.", ok.path("body").asText());
      assertTrue(outboxEntry(landline, "UNREACHABLE").path("reason").asText().contains("Landline"));
      assertTrue(outboxEntry(deactivated, "CARRIER_UNREACHABLE").path("reason").asText().contains("deactivated"));

      JsonNode receipt = Eventually.await("a receipt on the carrier events topic", Duration.ofSeconds(10), () ->
          sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
              .map(m -> new Http.Response(200, m.body()).json())
              .filter(r -> r.path("messageId").asText().equals(landline)).findFirst().orElse(null));
      assertEquals("TEXT_UNREACHABLE", receipt.path("eventType").asText());
      assertEquals("+15145550190", receipt.path("destinationPhoneNumber").asText());
    }
  }

  @Test
  void emailSentThroughSesLandsInTheMailbox() {
    try (SesClient ses = client(SesClient.builder(), "ses")) {
      String mime = """
          From: Maple Motors <no-reply@maple-motors.example>
          To: alice@maple-motors.example
          Reply-To: no-reply@maple-motors.example
          Subject: New message from John Smith
          Content-Type: text/plain; charset=UTF-8

          Is my car ready?
          """.replace("\n", "\r\n");
      ses.sendRawEmail(b -> b.rawMessage(m -> m.data(SdkBytes.fromUtf8String(mime))));
    }
    JsonNode mail = Eventually.await("the email in the mailbox", Duration.ofSeconds(5), () -> {
      for (JsonNode email : Http.get(LocalCloudProcess.endpoints().path("mailbox").asText(), null).json()) {
        if (email.path("subject").asText().equals("New message from John Smith")) {
          return email;
        }
      }
      return null;
    });
    assertTrue(mail.path("to").toString().contains("alice@maple-motors.example"), mail.toString());
    assertTrue(mail.path("text").asText().contains("Is my car ready?"), mail.toString());
    assertTrue(mail.path("replyTo").toString().contains("no-reply@"), mail.toString());
  }
}
