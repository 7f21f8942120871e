package com.textinbox.shared.search;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phone number in every form a person may type it (C15), as digits only, so one exact keyword
 * match finds it: E.164 without its {@code +} ({@code 15145550111}), the national number as
 * dialled at home ({@code 5145550111}; in France {@code 0612345678}) and without its trunk
 * prefix ({@code 612345678}), the last 7 digits ({@code 5550111}) and the last 4 ({@code 0111}).
 * A query that looks like a number is reduced to its digits the same way ({@link #ofQuery}).
 */
public final class PhoneForms {
  /** Digits and what people write between them: {@code +1 (514) 555-0111}, {@code 514.555.0111}. */
  private static final Pattern LOOKS_LIKE_A_NUMBER = Pattern.compile("\\+?[0-9()\\s.\\-/]+");
  private static final int SHORTEST_SEARCHABLE = 4;

  private PhoneForms() {}

  /** The forms of a stored number (E.164); an unreadable one still gives its digits and tails. */
  public static List<String> of(String e164) {
    Set<String> forms = new LinkedHashSet<>();
    String digits = digits(e164);
    if (digits.length() < SHORTEST_SEARCHABLE) {
      return List.of();
    }
    forms.add(digits);
    try {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      PhoneNumber number = util.parse(e164.startsWith("+") ? e164 : "+" + e164, "ZZ");
      forms.add(digits(util.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)));
      forms.add(util.getNationalSignificantNumber(number));
    } catch (NumberParseException e) {
      // not a number libphonenumber knows: the digits and their tails still find it
    }
    if (digits.length() > 7) {
      forms.add(digits.substring(digits.length() - 7));
    }
    forms.add(digits.substring(digits.length() - 4));
    forms.removeIf(String::isEmpty);
    return List.copyOf(forms);
  }

  /**
   * The digits to look for when a query is a number in any form (at least 4 digits, nothing but
   * digits, spaces, {@code + ( ) . - /}); empty for any other query.
   */
  public static Optional<String> ofQuery(String query) {
    if (query == null || !LOOKS_LIKE_A_NUMBER.matcher(query.strip()).matches()) {
      return Optional.empty();
    }
    String digits = digits(query);
    return digits.length() >= SHORTEST_SEARCHABLE && digits.length() <= 15 ? Optional.of(digits) : Optional.empty();
  }

  private static String digits(String text) {
    return text == null ? "" : text.replaceAll("\\D", "");
  }
}
