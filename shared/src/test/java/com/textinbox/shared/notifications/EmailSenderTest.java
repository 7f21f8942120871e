package com.textinbox.shared.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;

/** The one SES SendEmail of every function that emails (N3, P4, P7, C13); offline: a client that only records. */
class EmailSenderTest {

  @Test
  void sendsFromTheConfiguredAddressWithTheNoReplyReplyToBothBodiesInUtf8() {
    List<SendEmailRequest> sent = new ArrayList<>();
    EmailSender sender = EmailSender.ses(recording(sent), "inbox@textinbox.example", "no-reply@textinbox.example");

    String id = sender.send(new Email("bruno@maple-motors.example", "Réponse", "Bonjour", "<p>Bonjour</p>"));

    assertEquals("ses-1", id);
    SendEmailRequest request = sent.get(0);
    assertEquals("inbox@textinbox.example", request.source());
    assertEquals(List.of("no-reply@textinbox.example"), request.replyToAddresses());
    assertEquals(List.of("bruno@maple-motors.example"), request.destination().toAddresses());
    assertEquals(List.of("Réponse", "Bonjour", "<p>Bonjour</p>"), List.of(request.message().subject().data(),
        request.message().body().text().data(), request.message().body().html().data()));
    assertEquals(List.of("UTF-8", "UTF-8", "UTF-8"), List.of(request.message().subject().charset(),
        request.message().body().text().charset(), request.message().body().html().charset()));
  }

  @Test
  void aPlainTextEmailsHtmlIsTheTextEscapedWithItsLineBreaks() {
    Email email = Email.ofText("a@b.example", "Your customer import failed",
        "Your customer import failed: column <Mobile> & \"Name\"\n\nNo customer was changed.\n");

    assertEquals("<html><body><p>Your customer import failed: column &lt;Mobile&gt; &amp; &quot;Name&quot;<br><br>"
        + "No customer was changed.<br></p></body></html>", email.html());
    assertEquals("Your customer import failed", email.subject());
  }

  private static SesClient recording(List<SendEmailRequest> sent) {
    return new SesClient() {
      @Override
      public SendEmailResponse sendEmail(SendEmailRequest request) {
        sent.add(request);
        return SendEmailResponse.builder().messageId("ses-" + sent.size()).build();
      }

      @Override
      public String serviceName() {
        return "ses";
      }

      @Override
      public void close() {}
    };
  }
}
