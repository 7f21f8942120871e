package com.textinbox.localcloud.standins;

import java.time.Instant;
import java.util.List;

/**
 * An email the SES stand-in was asked to send, read back as a mail client would show it. Addresses
 * are as the sender wrote them (with a display name if it gave one); {@code bcc} also holds the
 * envelope recipients of a raw message that none of its headers names. {@code text} and {@code html}
 * are null when the message has no such part.
 */
public record SentEmail(
    String messageId,
    String from,
    List<String> to,
    List<String> cc,
    List<String> bcc,
    List<String> replyTo,
    String subject,
    String text,
    String html,
    List<Attachment> attachments,
    Instant sentAt) {

  /** An attached file: its name (null if it has none), its MIME type and its decoded size in bytes. */
  public record Attachment(String filename, String contentType, int size) {}

  public SentEmail {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    replyTo = List.copyOf(replyTo);
    attachments = List.copyOf(attachments);
  }
}
