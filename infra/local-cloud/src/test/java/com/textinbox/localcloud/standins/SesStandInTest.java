package com.textinbox.localcloud.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.VerificationStatus;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;

class SesStandInTest {
  /** A PDF's worth of bytes: what matters is that the size read back is the decoded one. */
  private static final byte[] PDF = "%PDF-1.4 pretend invoice\n%%EOF\n".repeat(40).getBytes(StandardCharsets.US_ASCII);

  private SesStandIn standIn;
  private SesClient ses;
  private SesV2Client sesV2;

  @BeforeEach
  void start() {
    standIn = SesStandIn.start(0);
    ses = AwsClients.ses(standIn.endpoint());
    sesV2 = AwsClients.sesV2(standIn.endpoint());
  }

  @AfterEach
  void stop() {
    ses.close();
    sesV2.close();
    standIn.close();
  }

  @Test
  void sendEmailIsKeptWithEveryField() {
    String messageId = ses.sendEmail(b -> b.source("Support <support@textinbox.example>")
        .destination(d -> d.toAddresses("ana@example.com", "bo@example.com").ccAddresses("cy@example.com")
            .bccAddresses("audit@example.com"))
        .replyToAddresses("help@textinbox.example")
        .message(m -> m.subject(s -> s.data("Your weekly digest <3>").charset("UTF-8"))
            .body(body -> body.text(t -> t.data("3 new conversations"))
                .html(h -> h.data("<p>3 new <b>conversations</b></p>"))))).messageId();

    SentEmail email = only(standIn.sentEmails());
    assertEquals(messageId, email.messageId());
    assertEquals("Support <support@textinbox.example>", email.from());
    assertEquals(List.of("ana@example.com", "bo@example.com"), email.to());
    assertEquals(List.of("cy@example.com"), email.cc());
    assertEquals(List.of("audit@example.com"), email.bcc());
    assertEquals(List.of("help@textinbox.example"), email.replyTo());
    assertEquals("Your weekly digest <3>", email.subject());
    assertEquals("3 new conversations", email.text());
    assertEquals("<p>3 new <b>conversations</b></p>", email.html());
    assertTrue(email.attachments().isEmpty());
  }

  @Test
  void sendRawEmailIsReadAsAMailClientShowsIt() {
    String messageId = ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromUtf8String(multipartMessage()))))
        .messageId();

    SentEmail email = only(standIn.sentEmails());
    assertEquals(messageId, email.messageId());
    assertEquals("Inbox Bot <bot@textinbox.example>", email.from());
    assertEquals(List.of("ana@example.com"), email.to());
    assertEquals(List.of("Bo Lí <bo@example.com>"), email.cc());
    assertEquals(List.of("replies@textinbox.example"), email.replyTo());
    assertEquals("Café export ✓", email.subject());
    // the line break before a boundary belongs to the boundary
    assertEquals("Here is your café export – 2 files.\r\nSee you soon.", email.text());
    assertEquals("<p>Here is your <b>café</b> export</p>", email.html());
    assertEquals(List.of(
            new SentEmail.Attachment("invoice.pdf", "application/pdf", PDF.length),
            new SentEmail.Attachment("résumé.txt", "text/plain", 6)),
        email.attachments());
  }

  @Test
  void rawEnvelopeRecipientsNotInTheHeadersAreBlindCopies() {
    String mime = "From: bot@textinbox.example\r\nTo: ana@example.com\r\nSubject: hi\r\n\r\nplain body\r\n";
    ses.sendRawEmail(b -> b.destinations("ana@example.com", "hidden@example.com")
        .rawMessage(r -> r.data(SdkBytes.fromUtf8String(mime))));

    SentEmail email = only(standIn.sentEmails());
    assertEquals(List.of("ana@example.com"), email.to());
    assertEquals(List.of("hidden@example.com"), email.bcc());
    assertEquals("plain body\r\n", email.text());
    assertNull(email.html());
    assertTrue(email.replyTo().isEmpty(), "no Reply-To header is no reply-to, not the sender");
  }

  @Test
  void sesRefusesWhatSesRefuses() {
    SesException badAddress = assertThrows(SesException.class, () -> ses.sendEmail(b -> b.source("bot@textinbox.example")
        .destination(d -> d.toAddresses("not-an-address")).message(simpleMessage())));
    assertEquals("InvalidParameterValue", badAddress.awsErrorDetails().errorCode());
    assertEquals(400, badAddress.statusCode());
    assertTrue(badAddress.getMessage().contains("Missing final '@domain'"), badAddress.getMessage());

    SesException noRecipient = assertThrows(SesException.class,
        () -> ses.sendEmail(b -> b.source("bot@textinbox.example").message(simpleMessage())));
    assertEquals("InvalidParameterValue", noRecipient.awsErrorDetails().errorCode());

    SesException noSource = assertThrows(SesException.class,
        () -> ses.sendEmail(b -> b.destination(d -> d.toAddresses("ana@example.com")).message(simpleMessage())));
    assertEquals("InvalidParameterValue", noSource.awsErrorDetails().errorCode());

    SesException noFrom = assertThrows(SesException.class, () -> ses.sendRawEmail(b -> b.rawMessage(
        r -> r.data(SdkBytes.fromUtf8String("To: ana@example.com\r\nSubject: x\r\n\r\nbody\r\n")))));
    assertEquals("InvalidParameterValue", noFrom.awsErrorDetails().errorCode());
    assertTrue(noFrom.getMessage().contains("Missing required header 'From'"), noFrom.getMessage());

    byte[] huge = new byte[SesQueryApi.MAX_RAW_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'a');
    assertThrows(MessageRejectedException.class,
        () -> ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromByteArray(huge)))));

    assertTrue(standIn.sentEmails().isEmpty());
  }

  @Test
  void identitiesAreVerifiedAtOnce() {
    ses.verifyEmailIdentity(b -> b.emailAddress("support@textinbox.example"));
    String token = ses.verifyDomainIdentity(b -> b.domain("textinbox.example")).verificationToken();
    assertTrue(!token.isEmpty());

    assertEquals(List.of("support@textinbox.example", "textinbox.example"), ses.listIdentities().identities());
    assertEquals(List.of("textinbox.example"),
        ses.listIdentities(b -> b.identityType(IdentityType.DOMAIN)).identities());
    assertEquals(VerificationStatus.SUCCESS, ses.getIdentityVerificationAttributes(
        b -> b.identities("support@textinbox.example")).verificationAttributes()
        .get("support@textinbox.example").verificationStatus());
    assertEquals(200.0, ses.getSendQuota().max24HourSend());
  }

  @Test
  void sesV2SimpleEmailIsKeptWithItsAttachments() {
    String messageId = sesV2.sendEmail(b -> b.fromEmailAddress("bot@textinbox.example")
        .destination(d -> d.toAddresses("ana@example.com").bccAddresses("audit@example.com"))
        .replyToAddresses("replies@textinbox.example")
        .content(c -> c.simple(m -> m.subject(s -> s.data("Export ready"))
            .body(body -> body.text(t -> t.data("Attached.")).html(h -> h.data("<p>Attached.</p>")))
            .attachments(Attachment.builder().fileName("export.csv").contentType("text/csv")
                .rawContent(SdkBytes.fromUtf8String("a,b\n1,2\n")).build())))).messageId();

    SentEmail email = only(standIn.sentEmails());
    assertEquals(messageId, email.messageId());
    assertEquals("bot@textinbox.example", email.from());
    assertEquals(List.of("ana@example.com"), email.to());
    assertEquals(List.of("audit@example.com"), email.bcc());
    assertEquals(List.of("replies@textinbox.example"), email.replyTo());
    assertEquals("Export ready", email.subject());
    assertEquals("Attached.", email.text());
    assertEquals("<p>Attached.</p>", email.html());
    assertEquals(List.of(new SentEmail.Attachment("export.csv", "text/csv", 8)), email.attachments());
  }

  @Test
  void sesV2RawEmailIsRead() {
    sesV2.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromUtf8String(multipartMessage())))));

    SentEmail email = only(standIn.sentEmails());
    assertEquals("Café export ✓", email.subject());
    assertEquals("Inbox Bot <bot@textinbox.example>", email.from());
    assertEquals(2, email.attachments().size());
    assertEquals("invoice.pdf", email.attachments().get(0).filename());
  }

  @Test
  void sesV2RefusesWithItsOwnExceptions() {
    BadRequestException badAddress = assertThrows(BadRequestException.class, () -> sesV2.sendEmail(b -> b
        .fromEmailAddress("bot@textinbox.example").destination(d -> d.toAddresses("ana@"))
        .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(body -> body.text(t -> t.data("y")))))));
    assertEquals(400, badAddress.statusCode());
    assertTrue(badAddress.getMessage().contains("Missing domain"), badAddress.getMessage());

    assertThrows(BadRequestException.class, () -> sesV2.sendEmail(b -> b
        .destination(d -> d.toAddresses("ana@example.com"))
        .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(body -> body.text(t -> t.data("y")))))));
    assertTrue(standIn.sentEmails().isEmpty());
  }

  @Test
  void listenersHearOfEachEmail() {
    List<SentEmail> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    standIn.onEmail(heard::add);
    ses.sendEmail(b -> b.source("bot@textinbox.example").destination(d -> d.toAddresses("ana@example.com"))
        .message(simpleMessage()));
    assertEquals(standIn.sentEmails(), heard);
  }

  private static java.util.function.Consumer<software.amazon.awssdk.services.ses.model.Message.Builder> simpleMessage() {
    return m -> m.subject(s -> s.data("hello")).body(body -> body.text(t -> t.data("hi")));
  }

  private static SentEmail only(List<SentEmail> emails) {
    assertEquals(1, emails.size(), "emails kept: " + emails);
    return emails.get(0);
  }

  /**
   * A message as a mail library writes it: an encoded-word subject, quoted-printable UTF-8 text,
   * base64 HTML, a base64 attachment and one whose name is RFC 2231 encoded.
   */
  private static String multipartMessage() {
    String html = Base64.getMimeEncoder().encodeToString(
        "<p>Here is your <b>café</b> export</p>".getBytes(StandardCharsets.UTF_8));
    String pdf = Base64.getMimeEncoder().encodeToString(PDF);
    return String.join("\r\n",
        "From: Inbox Bot <bot@textinbox.example>",
        "To: ana@example.com",
        "Cc: =?UTF-8?Q?Bo_L=C3=AD?= <bo@example.com>",
        "Reply-To: replies@textinbox.example",
        "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("Café export ✓".getBytes(StandardCharsets.UTF_8)) + "?=",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "This is a multi-part message in MIME format.",
        "--outer",
        "Content-Type: multipart/alternative; boundary=\"inner\"",
        "",
        "--inner",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Here is your caf=C3=A9 export =E2=80=93 2 files.",
        "See you soon.",
        "--inner",
        "Content-Type: text/html; charset=\"utf-8\"",
        "Content-Transfer-Encoding: base64",
        "",
        html,
        "--inner--",
        "--outer",
        "Content-Type: application/pdf; name=\"invoice.pdf\"",
        "Content-Disposition: attachment; filename=\"invoice.pdf\"",
        "Content-Transfer-Encoding: base64",
        "",
        pdf,
        "--outer",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
        "",
        "resume",
        "--outer--",
        "");
  }

}
