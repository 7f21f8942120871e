package com.textinbox.shared.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Laying text on a page, independent of the PDF library (C13): lines wrapped to a width, the
 * emoji fallback (a character the font cannot draw becomes its Unicode name in brackets, so
 * nothing is dropped silently), page labels.
 */
public final class TextLayout {
  private TextLayout() {}

  /**
   * The text in lines no wider than {@code maxWidth} ({@code width} measures a string); breaks at
   * spaces, splits a word longer than a line; keeps the text's own line breaks.
   */
  public static List<String> wrap(String text, double maxWidth, ToDoubleFunction<String> width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\r\n|\r|\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ", -1)) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width.applyAsDouble(candidate) <= maxWidth) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        String rest = word;
        while (width.applyAsDouble(rest) > maxWidth && rest.length() > 1) {
          int fit = 1;
          while (fit < rest.length() && width.applyAsDouble(rest.substring(0, fit + 1)) <= maxWidth) {
            fit++;
          }
          if (Character.isHighSurrogate(rest.charAt(fit - 1)) && fit > 1) {
            fit--;
          }
          lines.add(rest.substring(0, fit));
          rest = rest.substring(fit);
        }
        line.append(rest);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The text with every character the font cannot draw ({@code drawable} false) replaced by its
   * Unicode name in brackets ("👍" -> "[thumbs up sign]"); control characters but tab dropped,
   * a tab becomes a space; emoji variation selectors and joiners dropped.
   */
  public static String printable(String text, IntPredicate drawable) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\t') {
        out.append(' ');
      } else if (cp == '\n' || cp == '\r') {
        out.appendCodePoint(cp);
      } else if (Character.isISOControl(cp) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) {
        // nothing to draw
      } else if (drawable.test(cp)) {
        out.appendCodePoint(cp);
      } else {
        String name = Character.getName(cp);
        out.append('[').append(name == null ? "U+" + Integer.toHexString(cp) : name.toLowerCase(Locale.ROOT)).append(']');
      }
    });
    return out.toString();
  }

  /** "Page 3 of 12". */
  public static String pageLabel(int page, int pages) {
    return "Page " + page + " of " + pages;
  }
}
