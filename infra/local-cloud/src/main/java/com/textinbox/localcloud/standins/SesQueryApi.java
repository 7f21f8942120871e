package com.textinbox.localcloud.standins;

import static com.textinbox.localcloud.standins.QueryProtocol.members;
import static com.textinbox.localcloud.standins.QueryProtocol.required;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SES v1's Query actions: sending, and the identity and quota calls a sender makes around it. */
final class SesQueryApi implements QueryProtocol.Actions {
  static final String NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/";
  /** SES v1 takes raw messages of up to 10 MB. */
  static final int MAX_RAW_BYTES = 10 * 1024 * 1024;

  private final SesOutbox outbox;

  SesQueryApi(SesOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public String run(String action, Map<String, String> p) {
    if (action == null) {
      throw QueryProtocol.invalidAction(null);
    }
    return switch (action) {
      case "SendEmail" -> new Xml().element("MessageId", sendEmail(p)).toString();
      case "SendRawEmail" -> new Xml().element("MessageId", sendRawEmail(p)).toString();
      case "VerifyEmailIdentity", "VerifyEmailAddress" -> {
        outbox.verify(EmailAddresses.check(required(p, "EmailAddress")));
        yield action.equals("VerifyEmailIdentity") ? "" : null;
      }
      case "VerifyDomainIdentity" -> {
        outbox.verify(required(p, "Domain"));
        yield new Xml().element("VerificationToken", UUID.randomUUID().toString().replace("-", "")).toString();
      }
      case "DeleteIdentity" -> {
        outbox.delete(required(p, "Identity"));
        yield "";
      }
      case "ListIdentities" -> listIdentities(p.get("IdentityType"));
      case "GetIdentityVerificationAttributes" -> verificationAttributes(members(p, "Identities"));
      case "GetSendQuota" -> new Xml().element("Max24HourSend", "200.0").element("MaxSendRate", "1.0")
          .element("SentLast24Hours", outbox.sentEmails().size() + ".0").toString();
      default -> throw QueryProtocol.invalidAction(action);
    };
  }

  private String sendEmail(Map<String, String> p) {
    String source = p.get("Source");
    if (source == null) {
      throw EmailAddresses.invalid("Missing final '@domain'");
    }
    return outbox.send(new SesOutbox.Draft(source,
        members(p, "Destination.ToAddresses"), members(p, "Destination.CcAddresses"),
        members(p, "Destination.BccAddresses"), members(p, "ReplyToAddresses"),
        p.get("Message.Subject.Data"), p.get("Message.Body.Text.Data"), p.get("Message.Body.Html.Data"),
        List.of(), List.of())).messageId();
  }

  private String sendRawEmail(Map<String, String> p) {
    byte[] raw = decodeRaw(required(p, "RawMessage.Data"), MAX_RAW_BYTES);
    MimeReader.ParsedEmail parsed = MimeReader.read(raw);
    String from = parsed.from() != null ? parsed.from() : p.get("Source");
    if (p.get("Source") != null) {
      EmailAddresses.check(p.get("Source"));
    }
    return outbox.send(draft(parsed, from, members(p, "Destinations"))).messageId();
  }

  static SesOutbox.Draft draft(MimeReader.ParsedEmail parsed, String from, List<String> destinations) {
    return new SesOutbox.Draft(from, parsed.to(), parsed.cc(), parsed.bcc(), parsed.replyTo(), parsed.subject(),
        parsed.text(), parsed.html(), parsed.attachments(), destinations);
  }

  /** A raw message as the SDK sends it: base64 of the MIME bytes. */
  static byte[] decodeRaw(String base64, int maxBytes) {
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw EmailAddresses.invalid("RawMessage.Data is not base64");
    }
    if (raw.length == 0) {
      throw EmailAddresses.invalid("Empty raw message");
    }
    if (raw.length > maxBytes) {
      throw ServiceError.badRequest("MessageRejected", "Message length is more than " + maxBytes + " bytes long: '"
          + raw.length + "'.");
    }
    return raw;
  }

  private String listIdentities(String type) {
    Xml xml = new Xml().open("Identities");
    for (String identity : outbox.identities()) {
      boolean email = identity.contains("@");
      if (type == null || type.equals(email ? "EmailAddress" : "Domain")) {
        xml.element("member", identity);
      }
    }
    return xml.close("Identities").toString();
  }

  private String verificationAttributes(List<String> identities) {
    List<String> known = outbox.identities();
    Xml xml = new Xml().open("VerificationAttributes");
    for (String identity : identities) {
      xml.open("entry").element("key", identity).open("value")
          .element("VerificationStatus", known.contains(identity) ? "Success" : "NotStarted")
          .close("value").close("entry");
    }
    return xml.close("VerificationAttributes").toString();
  }
}
