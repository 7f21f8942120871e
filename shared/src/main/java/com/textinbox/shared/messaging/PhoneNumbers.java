package com.textinbox.shared.messaging;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers in E.164, the one form the table keys use (libphonenumber does the parsing). */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * The number in E.164, or empty when it is not a valid number. A number without a country code
   * is read as one of {@code defaultRegion} (an ISO country code such as "US" or "CA").
   */
  public static Optional<String> toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank() || raw.length() > 40) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(raw, defaultRegion);
      return UTIL.isValidNumber(number)
          ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** For logs: never a number in clear (principle 8), only enough to tell two apart. */
  public static String masked(String e164) {
    if (e164 == null || e164.length() < 4) {
      return "***";
    }
    return "***" + e164.substring(e164.length() - 2);
  }
}
