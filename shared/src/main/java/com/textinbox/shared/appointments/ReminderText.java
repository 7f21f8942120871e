package com.textinbox.shared.appointments;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.messaging.MessageTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reminder's text (AP2): the company's template, or the default one in the customer's
 * language, rendered by {@link MessageTemplate} (mustache.java, plain placeholders only) with
 * {@code {{customer}}}, {@code {{dateTime}}}, {@code {{date}}}, {@code {{time}}} (in the
 * customer's language, in the company's zone), {@code {{type}}} and {@code {{company}}}.
 */
public final class ReminderText {
  private ReminderText() {}

  public static final Set<String> PLACEHOLDERS = Set.of("customer", "dateTime", "date", "time", "type", "company");

  static final String DEFAULT_EN = "Hi {{customer}}, this is {{company}}: a reminder of your {{type}} appointment on "
      + "{{dateTime}}. Reply YES to confirm or NO to cancel.";
  static final String DEFAULT_FR = "Bonjour {{customer}}, ici {{company}} : rappel de votre rendez-vous ({{type}}) le "
      + "{{dateTime}}. Répondez OUI pour confirmer ou NON pour annuler.";

  private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.ENGLISH);
  private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_FR = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.CANADA_FRENCH);
  private static final DateTimeFormatter TIME_FR = DateTimeFormatter.ofPattern("H'h'mm", Locale.CANADA_FRENCH);

  public static boolean french(String language) {
    return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
  }

  /** The text for one customer: {@code customerName} may be null (an unnamed customer). */
  public static String render(String template, String customerName, String language, Instant startsAt, ZoneId zone,
      String type, String company) {
    boolean fr = french(language);
    String body = template != null ? template : fr ? DEFAULT_FR : DEFAULT_EN;
    var local = startsAt.atZone(zone);
    String date = (fr ? DATE_FR : DATE_EN).format(local);
    String time = (fr ? TIME_FR : TIME_EN).format(local);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("customer", customerName != null ? customerName : fr ? "client" : "there");
    values.put("date", date);
    values.put("time", time);
    values.put("dateTime", date + (fr ? " à " : " at ") + time);
    values.put("type", type != null ? type : fr ? "service" : "service");
    values.put("company", company != null ? company : "");
    return MessageTemplate.render(body, values);
  }

  /** A 400 naming {@code template} when it uses anything but the placeholders above, or is malformed. */
  public static void check(String template) {
    List<String> names;
    try {
      names = MessageTemplate.placeholders(template);
    } catch (ApiError malformed) {
      throw ApiError.invalid("template", malformed.getMessage());
    }
    for (String name : names) {
      if (!PLACEHOLDERS.contains(name)) {
        throw ApiError.invalid("template", "Unknown placeholder {{" + name + "}}: use {{customer}}, {{dateTime}}, "
            + "{{date}}, {{time}}, {{type}} or {{company}}.");
      }
    }
  }
}
