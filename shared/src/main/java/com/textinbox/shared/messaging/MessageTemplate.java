package com.textinbox.shared.messaging;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DynamicPartialCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.CustomerProfile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placeholders in an outbound message (P3), filled from the customer's profile when it is sent:
 * {@code {{firstName}}}, {@code {{lastName}}}, {@code {{attributes.<key>}}}. Mustache syntax,
 * parsed and rendered by mustache.java, restricted to plain placeholders: no sections, no partials
 * (nothing to loop over in an SMS, no template files to read). Every placeholder must have a
 * value: a missing one is a 400 listing them all (field {@code body}), never a text with a blank.
 *
 * <p>Cold start: a body without {@code {{} never touches mustache.java. With one, names are looked
 * up in a flat map by {@link FlatValues}, not by mustache.java's reflection-based object handler,
 * and nothing is HTML-escaped (an SMS is plain text). Measured (C1 only, as on Lambda): the first
 * message with placeholders loads about 215 classes (34 of mustache.java, the rest the JDK's) and
 * renders in about 50 ms; later ones take well under a millisecond.
 */
public final class MessageTemplate {
  private MessageTemplate() {}

  /** Whether {@code body} has anything to fill; a body without is sent as typed. */
  public static boolean hasPlaceholders(String body) {
    return body != null && body.contains("{{");
  }

  /** The values a customer's profile gives placeholders: {@code firstName}, {@code lastName}, {@code attributes.<key>}. */
  public static Map<String, String> values(CustomerProfile profile) {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "firstName", profile.firstName());
    put(values, "lastName", profile.lastName());
    profile.attributes().values().forEach((key, value) -> put(values, "attributes." + key, value.rendered()));
    return values;
  }

  /**
   * {@code body} with its placeholders filled from {@code values}; the body itself when it has none.
   * A 400 {@code missing_placeholders} listing those without a value, or {@code invalid_placeholders}
   * for a malformed template or anything but plain placeholders (both with field {@code body}).
   */
  public static String render(String body, Map<String, String> values) {
    if (!hasPlaceholders(body)) {
      return body;
    }
    Mustache template = compile(body);
    Set<String> missing = new LinkedHashSet<>();
    for (String name : placeholders(template)) {
      if (!values.containsKey(name)) {
        missing.add("{{" + name + "}}");
      }
    }
    if (!missing.isEmpty()) {
      throw new ApiError(400, "missing_placeholders", "No value for " + String.join(", ", missing)
          + " in this customer's profile: fill " + (missing.size() == 1 ? "it" : "them") + " in, or take "
          + (missing.size() == 1 ? "it" : "them") + " out of the message.", "body");
    }
    return template.execute(new StringWriter(), values).toString();
  }

  /** The placeholders of {@code body} in order of appearance (names as written, {@code attributes.vehicle}). */
  public static List<String> placeholders(String body) {
    return hasPlaceholders(body) ? List.copyOf(placeholders(compile(body))) : List.of();
  }

  private static Set<String> placeholders(Mustache template) {
    Set<String> names = new LinkedHashSet<>();
    for (Code code : template.getCodes()) {
      if (code instanceof ValueCode) {
        names.add(code.getName());
      } else if (code instanceof IterableCode || code instanceof PartialCode || code instanceof DynamicPartialCode) {
        // sections ({{#x}}, {{^x}}), partials and extends ({{> x}}, {{< x}}); the rest is text, comments, the end
        throw invalid("Only plain placeholders such as {{firstName}} or {{attributes.vehicle}} can be used, not "
            + "sections or partials.");
      }
    }
    return names;
  }

  private static Mustache compile(String body) {
    try {
      return Factory.INSTANCE.compile(new StringReader(body), "message");
    } catch (MustacheException malformed) {
      throw invalid("A placeholder is not written right (" + malformed.getMessage()
          + "): write it {{firstName}} or {{attributes.<key>}}.");
    }
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_placeholders", message, "body");
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null && !value.isBlank()) {
      values.put(name, value.strip());
    }
  }

  /** mustache.java set up for SMS: no template files, no HTML escaping, names looked up in a flat map. */
  private static final class Factory extends DefaultMustacheFactory {
    static final Factory INSTANCE = new Factory();

    private Factory() {
      super(name -> null);   // no partials: there are no template files
      setObjectHandler(new FlatValues());
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);   // plain text: "R&D" stays "R&D"
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Looks a placeholder's whole name ({@code attributes.vehicle}) up in the map given to execute: no reflection. */
  private static final class FlatValues extends AbstractObjectHandler {
    @Override
    public Wrapper find(String name, List<Object> scopes) {
      return s -> lookUp(name, s);
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
      return scopes -> lookUp(name, scopes);
    }

    private static Object lookUp(String name, List<Object> scopes) {
      for (int i = scopes.size() - 1; i >= 0; i--) {
        if (scopes.get(i) instanceof Map<?, ?> map && map.containsKey(name)) {
          return map.get(name);
        }
      }
      return null;
    }
  }
}
