package com.textinbox.localcloud.standins;

import java.util.Map;

/** A small builder of the XML the Query services answer with; every text is escaped. */
final class Xml {
  private final StringBuilder out = new StringBuilder();

  Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** An element with text content; nothing at all when the value is null, as AWS omits it. */
  Xml element(String name, Object value) {
    if (value != null) {
      open(name).append(escape(String.valueOf(value))).close(name);
    }
    return this;
  }

  /** A string map as the Query protocol writes it: {@code <name><entry><key/><value/></entry>...</name>}. */
  Xml entries(String name, Map<String, String> map) {
    open(name);
    map.forEach((key, value) -> open("entry").element("key", key).element("value", value).close("entry"));
    return close(name);
  }

  Xml raw(String xml) {
    out.append(xml);
    return this;
  }

  private Xml append(String text) {
    out.append(text);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Escapes text for element content and attribute values; drops characters XML 1.0 cannot carry. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        case '\r' -> escaped.append("&#13;");
        default -> {
          boolean legal = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
          if (legal) {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
