package com.textinbox.shared.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An amount as a person types it (C15, "payments by amount"): {@code 149.99}, {@code 149,99},
 * {@code $149.99}, {@code 149,99 $}, {@code 1 234,56}, {@code 1,234.56}, {@code CAD 20}. Read
 * to cents, as the index stores amounts (a scaled float of factor 100), so a search is one exact
 * term. A comma followed by exactly two digits at the end is a decimal comma (French usage); any
 * other comma or a space or apostrophe groups thousands.
 */
public final class Amounts {
  private static final Pattern CURRENCY = Pattern.compile("(?i)^(?:\\$|€|£|cad|usd|eur|ca\\$|us\\$)?\\s*(.*?)\\s*(?:\\$|€|£|cad|usd|eur)?$");
  private static final Pattern NUMBER = Pattern.compile("[0-9][0-9 \\u00a0\\u202f',.]*");

  private Amounts() {}

  /** The amount to the cent, or empty when the text is not an amount. */
  public static Optional<BigDecimal> parse(String text) {
    if (text == null || text.length() > 30) {
      return Optional.empty();
    }
    var currency = CURRENCY.matcher(text.strip());
    if (!currency.matches()) {
      return Optional.empty();
    }
    String number = currency.group(1);
    if (!NUMBER.matcher(number).matches() || number.endsWith(",") || number.endsWith(".")) {
      return Optional.empty();
    }
    number = number.replaceAll("[ \\u00a0\\u202f']", "");
    int comma = number.lastIndexOf(',');
    int dot = number.lastIndexOf('.');
    String normalized;
    if (comma >= 0 && dot >= 0) {
      // both: the last one is the decimal separator, the other groups thousands
      normalized = comma > dot ? number.replace(".", "").replace(',', '.') : number.replace(",", "");
    } else if (comma >= 0) {
      boolean decimalComma = number.indexOf(',') == comma && number.length() - comma - 1 <= 2;
      normalized = decimalComma ? number.replace(',', '.') : number.replace(",", "");
    } else {
      normalized = number;
    }
    if (normalized.indexOf('.') != normalized.lastIndexOf('.')) {
      return Optional.empty(); // 1.234.567: thousands by dots, not an amount we read
    }
    try {
      BigDecimal amount = new BigDecimal(normalized);
      if (amount.scale() > 2) {
        return Optional.empty();
      }
      return Optional.of(amount.setScale(2, RoundingMode.UNNECESSARY));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
