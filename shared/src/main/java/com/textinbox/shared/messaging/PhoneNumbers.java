package com.textinbox.shared.messaging;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers in E.164, the one form the table keys use (libphonenumber does the parsing). */
public final class PhoneNumbers {
  /** E.164's longest number, in digits. */
  private static final int E164_MAX_DIGITS = 15;
  /** The shortest number any country assigns (a country code and four digits), in digits. */
  private static final int E164_MIN_DIGITS = 7;

  private PhoneNumbers() {}

  /**
   * libphonenumber's one instance, built on first use only: {@link #masked} and a carrier's E.164
   * number need none (building it compiles its patterns and reads the country map; its region
   * metadata loads when a number is parsed: ~80 classes at a text's cold start, decision 70).
   */
  private static final class Util {
    static final PhoneNumberUtil INSTANCE = PhoneNumberUtil.getInstance();
  }

  /**
   * The number in E.164, or empty when it is not a valid number. A number without a country code
   * is read as one of {@code defaultRegion} (an ISO country code such as "US" or "CA").
   */
  public static Optional<String> toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank() || raw.length() > 40) {
      return Optional.empty();
    }
    PhoneNumberUtil util = Util.INSTANCE;
    try {
      PhoneNumber number = util.parse(raw, defaultRegion);
      return util.isValidNumber(number)
          ? Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A number as the carrier gives it: AWS End User Messaging normalises both numbers of a two-way
   * SMS to E.164 before publishing it ("+15145550112"), so one already in that form is taken as it
   * is, without libphonenumber (decision 70: its metadata was a tenth of InboundSms's first invoke);
   * any other form (a test's, another carrier's) is read by {@link #toE164}. The one difference:
   * an E.164 number in a range no country assigns is not refused here (the destination is then
   * refused by the number look-up, as any number no company owns; the origination is the number
   * the carrier routed the text from).
   */
  public static Optional<String> fromCarrier(String raw, String defaultRegion) {
    return isE164(raw) ? Optional.of(raw) : toE164(raw, defaultRegion);
  }

  /** '+', a first digit that is not 0, and 7 to 15 digits in all: E.164's form (not its ranges). */
  static boolean isE164(String raw) {
    if (raw == null || raw.length() < E164_MIN_DIGITS + 1 || raw.length() > E164_MAX_DIGITS + 1
        || raw.charAt(0) != '+' || raw.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** For logs: never a number in clear (principle 8), only enough to tell two apart. */
  public static String masked(String e164) {
    if (e164 == null || e164.length() < 4) {
      return "***";
    }
    return "***" + e164.substring(e164.length() - 2);
  }
}
