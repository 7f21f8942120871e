package com.textinbox.shared.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user's notification settings (N1, N5): for each category, the channels it goes to; email
 * immediately or as one daily digest at {@code digestHour}:00 in {@code timeZone} (an IANA zone).
 * The notification center keeps every notification whatever these say.
 */
public record NotificationSettings(Map<Category, Set<Channel>> channels, EmailMode emailMode, int digestHour, String timeZone) {

  public enum EmailMode {
    IMMEDIATE,
    DIGEST;

    public String key() {
      return EnumKeys.key(this);
    }
  }

  public static final int DEFAULT_DIGEST_HOUR = 8;
  public static final String DEFAULT_TIME_ZONE = "UTC";

  /**
   * What a new user gets. Service staff live in the conversations: a customer's message, a
   * conversation given to them and a mention reach them in the browser, by email and on their phone.
   * Appointment automation events are frequent and informative only: the browser. A paid invoice:
   * the browser and email (a record the accounting side keeps). Telegram is off until the user
   * connects an account and turns it on. Email immediately; the digest hour 8:00 once chosen.
   */
  public static NotificationSettings defaults() {
    Map<Category, Set<Channel>> channels = new EnumMap<>(Category.class);
    channels.put(Category.CONVERSATION, EnumSet.of(Channel.BROWSER, Channel.EMAIL, Channel.PUSH));
    channels.put(Category.MENTION, EnumSet.of(Channel.BROWSER, Channel.EMAIL, Channel.PUSH));
    channels.put(Category.APPOINTMENT, EnumSet.of(Channel.BROWSER));
    channels.put(Category.INVOICE, EnumSet.of(Channel.BROWSER, Channel.EMAIL));
    return new NotificationSettings(channels, EmailMode.IMMEDIATE, DEFAULT_DIGEST_HOUR, DEFAULT_TIME_ZONE);
  }

  /**
   * These settings as they apply to a user of that role: the monthly report (N4), until the user
   * chooses, is on (browser and email) for admins and off for others. The defaults leave it out
   * for that reason, so a saved item without it (saved before N4 existed) follows the role too.
   */
  public NotificationSettings forRole(boolean admin) {
    if (channels.containsKey(Category.MONTHLY_REPORT)) {
      return this;
    }
    Map<Category, Set<Channel>> withReport = new EnumMap<>(Category.class);
    withReport.putAll(channels);
    withReport.put(Category.MONTHLY_REPORT, admin ? EnumSet.of(Channel.BROWSER, Channel.EMAIL) : EnumSet.noneOf(Channel.class));
    return new NotificationSettings(withReport, emailMode, digestHour, timeZone);
  }

  public boolean enabled(Category category, Channel channel) {
    return channels.getOrDefault(category, Set.of()).contains(channel);
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  // ------------------------------------------------------------------ JSON (the API)

  /** The API's shape: {@code {"categories": {"conversation": {"browser": true, ...}}, "email": {...}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> categories = new LinkedHashMap<>();
    for (Category category : Category.values()) {
      Map<String, Object> flags = new LinkedHashMap<>();
      for (Channel channel : Channel.values()) {
        flags.put(channel.key(), enabled(category, channel));
      }
      categories.put(category.key(), flags);
    }
    Map<String, Object> email = new LinkedHashMap<>();
    email.put("mode", emailMode.key());
    email.put("digestHour", digestHour);
    email.put("timeZone", timeZone);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("categories", categories);
    out.put("email", email);
    return out;
  }

  /**
   * These settings with what {@code body} changes: any subset of the API's shape. Its route's schema
   * (docs/openapi.yaml, decision 55) refuses unknown fields and wrong types first, naming the field;
   * what it cannot say (an IANA zone; {@code email.nextDigestAt}, which is read-only) is a 400 here.
   */
  public NotificationSettings merge(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object with 'categories' and/or 'email'.");
    }
    Map<Category, Set<Channel>> merged = new EnumMap<>(Category.class);
    channels.forEach((category, set) -> merged.put(category, set.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(set)));
    EmailMode mode = emailMode;
    int hour = digestHour;
    String zone = timeZone;
    for (Map.Entry<String, JsonNode> entry : fieldsOf(body.get("categories"), "categories")) {
      String field = "categories." + entry.getKey();
      Category category = Category.of(entry.getKey()).orElseThrow(() -> ApiError.invalid(field,
          "Unknown category '" + entry.getKey() + "': expected conversation, mention, appointment, invoice or monthlyReport."));
      Set<Channel> set = merged.computeIfAbsent(category, c -> EnumSet.noneOf(Channel.class));
      for (Map.Entry<String, JsonNode> flag : fieldsOf(entry.getValue(), field)) {
        String flagField = field + "." + flag.getKey();
        Channel channel = Channel.of(flag.getKey()).orElseThrow(() -> ApiError.invalid(flagField,
            "Unknown channel '" + flag.getKey() + "': expected browser, email, push or telegram."));
        if (!flag.getValue().isBoolean()) {
          throw ApiError.invalid(flagField, "'" + flagField + "' must be true or false.");
        }
        if (flag.getValue().booleanValue()) {
          set.add(channel);
        } else {
          set.remove(channel);
        }
      }
    }
    for (Map.Entry<String, JsonNode> entry : fieldsOf(body.get("email"), "email")) {
      String field = "email." + entry.getKey();
      JsonNode value = entry.getValue();
      switch (entry.getKey()) {
        case "mode" -> {
          String text = value.isTextual() ? value.asText() : "";
          mode = switch (text) {
            case "immediate" -> EmailMode.IMMEDIATE;
            case "digest" -> EmailMode.DIGEST;
            default -> throw ApiError.invalid(field, "'email.mode' must be 'immediate' or 'digest'.");
          };
        }
        case "digestHour" -> hour = value.asInt(); // 0 to 23: the schema's
        case "timeZone" -> {
          if (!value.isTextual() || !validZone(value.asText())) {
            throw ApiError.invalid(field, "'email.timeZone' must be an IANA time zone such as 'America/Toronto'.");
          }
          zone = value.asText();
        }
        default -> throw ApiError.invalid(field, "Unknown email setting '" + entry.getKey()
            + "': expected mode, digestHour or timeZone.");
      }
    }
    return new NotificationSettings(merged, mode, hour, zone);
  }

  /** A region id of the IANA database ({@code Europe/Paris}, {@code UTC}); not a bare offset, which ignores DST. */
  public static boolean validZone(String id) {
    if (!ZoneId.getAvailableZoneIds().contains(id)) {
      return false;
    }
    try {
      ZoneId.of(id);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** The members of a JSON object given for {@code field} (none when it is absent); anything else is a 400. */
  private static Iterable<Map.Entry<String, JsonNode>> fieldsOf(JsonNode node, String field) {
    if (node == null) {
      return List.of();
    }
    if (!node.isObject()) {
      throw ApiError.invalid(field, "'" + field + "' must be a JSON object.");
    }
    return node::fields;
  }
}
