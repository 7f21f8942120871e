package com.textinbox.localcloud.standins;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads a raw MIME message as a mail client shows it: headers decoded, the first text/plain and
 * text/html parts (transfer encoding and charset undone) and the attachments, found at any depth.
 */
final class MimeReader {
  private static final Session SESSION = Session.getInstance(new Properties());

  /** What a raw message says; the address lists are empty when the header is absent. */
  record ParsedEmail(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
      String subject, String text, String html, List<SentEmail.Attachment> attachments) {}

  private String text;
  private String html;
  private final List<SentEmail.Attachment> attachments = new ArrayList<>();

  private MimeReader() {}

  /** Reads a message; one that cannot be read, or has a malformed address header, is an InvalidParameterValue. */
  static ParsedEmail read(byte[] raw) {
    try {
      MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      MimeReader reader = new MimeReader();
      reader.walk(message);
      List<String> from = addresses(message, "From");
      return new ParsedEmail(from.isEmpty() ? null : from.get(0), addresses(message, "To"),
          addresses(message, "Cc"), addresses(message, "Bcc"), addresses(message, "Reply-To"),
          message.getSubject(), reader.text, reader.html, List.copyOf(reader.attachments));
    } catch (AddressException e) {
      throw EmailAddresses.invalid(e.getMessage());
    } catch (MessagingException | IOException e) {
      throw EmailAddresses.invalid("the raw message cannot be read as MIME: " + e.getMessage());
    }
  }

  private static List<String> addresses(MimeMessage message, String header) throws MessagingException {
    // read the header itself: getReplyTo() would give From when there is no Reply-To
    String value = message.getHeader(header, ",");
    List<String> addresses = new ArrayList<>();
    if (value != null && !value.isBlank()) {
      for (Address address : InternetAddress.parseHeader(value, true)) {
        addresses.add(display((InternetAddress) address));
      }
    }
    return addresses;
  }

  /** As a mail client shows it: {@code Name <address>}, the name quoted only when RFC 5322 needs it. */
  private static String display(InternetAddress address) {
    String name = address.getPersonal();
    if (name == null || name.isBlank()) {
      return address.getAddress();
    }
    boolean needsQuotes = name.chars().anyMatch(c -> "()<>@,;:\\\".[]".indexOf(c) >= 0);
    String phrase = needsQuotes ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name;
    return phrase + " <" + address.getAddress() + ">";
  }

  private void walk(Part part) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i));
      }
    } else if (isAttachment(part)) {
      attachments.add(new SentEmail.Attachment(fileName(part), baseType(part), decoded(part).length));
    } else if (part.isMimeType("text/plain") && text == null) {
      text = textOf(part);
    } else if (part.isMimeType("text/html") && html == null) {
      html = textOf(part);
    } else {
      // a second body of the same kind: a client shows it as an attachment too
      attachments.add(new SentEmail.Attachment(fileName(part), baseType(part), decoded(part).length));
    }
  }

  private static boolean isAttachment(Part part) throws MessagingException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName(part) != null) {
      return true;
    }
    return !part.isMimeType("text/plain") && !part.isMimeType("text/html");
  }

  /** The Content-Disposition filename, else the Content-Type name; RFC 2231 and encoded words undone. */
  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name != null && name.contains("=?")) {
      try {
        name = MimeUtility.decodeText(name);
      } catch (IOException e) {
        // keep it as written
      }
    }
    return name;
  }

  private static String baseType(Part part) throws MessagingException {
    String type = part.getContentType();
    try {
      return new ContentType(type).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return type == null ? "application/octet-stream" : type;
    }
  }

  private static byte[] decoded(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String textOf(Part part) throws MessagingException, IOException {
    return new String(decoded(part), charset(part));
  }

  /** The part's charset; US-ASCII (the MIME default) is read as UTF-8, a superset senders often mislabel. */
  private static Charset charset(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      if (name == null || name.equalsIgnoreCase("us-ascii")) {
        return StandardCharsets.UTF_8;
      }
      return Charset.forName(MimeUtility.javaCharset(name));
    } catch (MessagingException | RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
