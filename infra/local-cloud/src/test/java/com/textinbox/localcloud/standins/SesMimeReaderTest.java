package com.textinbox.localcloud.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw-message reader behind SendRawEmail and SES v2's Raw content, on the shapes mail libraries write. */
class SesMimeReaderTest {

  @Test
  void aSinglePartHtmlMessageInLatin1() {
    byte[] raw = String.join("\r\n",
        "From: =?ISO-8859-1?Q?Jos=E9?= <jose@example.com>",
        "To: a@example.com, \"Li, Bo\" <bo@example.com>",
        "Subject: =?ISO-8859-1?Q?Caf=E9?=",
        "Content-Type: text/html; charset=ISO-8859-1",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "<p>Caf=E9 =3D open</p>").getBytes(StandardCharsets.ISO_8859_1);

    MimeReader.ParsedEmail email = MimeReader.read(raw);
    assertEquals("José <jose@example.com>", email.from());
    assertEquals(List.of("a@example.com", "\"Li, Bo\" <bo@example.com>"), email.to());
    assertEquals("Café", email.subject());
    assertEquals("<p>Café = open</p>", email.html());
    assertNull(email.text());
    assertTrue(email.attachments().isEmpty());
  }

  @Test
  void attachmentsAreFoundByContentTypeNameAndEncodedWordNames() {
    byte[] raw = String.join("\r\n",
        "From: bot@example.com",
        "To: a@example.com",
        "Subject: files",
        "Content-Type: multipart/mixed; boundary=b1",
        "",
        "--b1",
        "Content-Type: text/plain",
        "",
        "see attached",
        "--b1",
        "Content-Type: image/png; name=\"logo.png\"",
        "Content-Transfer-Encoding: base64",
        "",
        "iVBORw0KGgo=",
        "--b1",
        "Content-Type: application/octet-stream",
        "Content-Disposition: attachment; filename=\"=?UTF-8?B?w6l0w6kucGRm?=\"",
        "",
        "12345",
        "--b1--",
        "").getBytes(StandardCharsets.US_ASCII);

    MimeReader.ParsedEmail email = MimeReader.read(raw);
    assertEquals("see attached", email.text());
    assertEquals(List.of(
            new SentEmail.Attachment("logo.png", "image/png", 8),
            new SentEmail.Attachment("été.pdf", "application/octet-stream", 5)),
        email.attachments());
  }

  @Test
  void aMalformedAddressHeaderIsAnInvalidParameterValue() {
    byte[] raw = "From: bot@example.com\r\nTo: Ana <ana@>\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
    ServiceError error = assertThrows(ServiceError.class, () -> MimeReader.read(raw));
    assertEquals("InvalidParameterValue", error.code());
  }
}
