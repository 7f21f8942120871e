package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SES v2's REST-JSON sending call, {@code POST /v2/email/outbound-emails}, with simple content
 * (attachments included) or a raw MIME message. Errors carry their code in {@code x-amzn-ErrorType},
 * where the SDK looks for it.
 */
final class SesV2Api {
  static final String SEND_PATH = "/v2/email/outbound-emails";
  /** SES v2 takes messages of up to 40 MB. */
  static final int MAX_RAW_BYTES = 40 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SesOutbox outbox;

  SesV2Api(SesOutbox outbox) {
    this.outbox = outbox;
  }

  StandInServer.Reply serve(StandInServer.Request request) {
    try {
      if (!request.path().equals(SEND_PATH) || !request.method().equals("POST")) {
        throw new ServiceError(404, "NotFoundException",
            "the local SES stand-in has no " + request.method() + " " + request.path());
      }
      JsonNode body = readBody(request.body());
      ObjectNode reply = JSON.createObjectNode().put("MessageId", send(body));
      return StandInServer.Reply.json(200, reply.toString(), Map.of());
    } catch (ServiceError e) {
      String code = switch (e.code()) {
        case "InvalidParameterValue", "ValidationError" -> "BadRequestException";
        default -> e.code();
      };
      String json = JSON.createObjectNode().put("message", e.getMessage()).toString();
      return StandInServer.Reply.json(e.status(), json, Map.of("x-amzn-ErrorType", code));
    }
  }

  private static JsonNode readBody(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // answered below
    }
    throw ServiceError.badRequest("BadRequestException", "the request body is not a JSON object");
  }

  private String send(JsonNode body) {
    JsonNode destination = body.path("Destination");
    List<String> to = strings(destination.path("ToAddresses"));
    List<String> cc = strings(destination.path("CcAddresses"));
    List<String> bcc = strings(destination.path("BccAddresses"));
    List<String> replyTo = strings(body.path("ReplyToAddresses"));
    String from = text(body, "FromEmailAddress");
    JsonNode content = body.path("Content");
    if (content.has("Raw")) {
      byte[] raw = SesQueryApi.decodeRaw(text(content.path("Raw"), "Data"), MAX_RAW_BYTES);
      MimeReader.ParsedEmail parsed = MimeReader.read(raw);
      if (from != null) {
        EmailAddresses.check(from);
      }
      List<String> envelope = new ArrayList<>(to);
      envelope.addAll(cc);
      envelope.addAll(bcc);
      return outbox.send(SesQueryApi.draft(parsed, parsed.from() != null ? parsed.from() : from, envelope))
          .messageId();
    }
    if (content.has("Simple")) {
      JsonNode simple = content.path("Simple");
      if (from == null) {
        throw EmailAddresses.invalid("Missing final '@domain'");
      }
      return outbox.send(new SesOutbox.Draft(from, to, cc, bcc, replyTo,
          text(simple.path("Subject"), "Data"), text(simple.path("Body").path("Text"), "Data"),
          text(simple.path("Body").path("Html"), "Data"), attachments(simple.path("Attachments")), List.of()))
          .messageId();
    }
    if (content.has("Template")) {
      throw ServiceError.badRequest("BadRequestException", "the local SES stand-in does not send templates");
    }
    throw ServiceError.badRequest("BadRequestException", "Content must have Simple, Raw or Template");
  }

  private static List<SentEmail.Attachment> attachments(JsonNode list) {
    List<SentEmail.Attachment> attachments = new ArrayList<>();
    for (JsonNode attachment : list) {
      String rawContent = text(attachment, "RawContent");
      int size;
      try {
        size = rawContent == null ? 0 : Base64.getMimeDecoder().decode(rawContent).length;
      } catch (IllegalArgumentException e) {
        throw ServiceError.badRequest("BadRequestException", "an attachment's RawContent is not base64");
      }
      String type = text(attachment, "ContentType");
      attachments.add(new SentEmail.Attachment(text(attachment, "FileName"),
          type == null ? "application/octet-stream" : type, size));
    }
    return attachments;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.asText()));
    return values;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
