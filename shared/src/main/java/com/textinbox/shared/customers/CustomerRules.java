package com.textinbox.shared.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.messaging.PhoneNumbers;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a profile's fields may hold (P1, P2): each check answers the clean value or a 400 naming
 * the field. Numbers are read with libphonenumber in the company's region (the region of its own
 * number: a local "514 555 0123" is a Canadian number for a Montréal dealership).
 */
public final class CustomerRules {
  public static final int MAX_NAME = 100, MAX_EMAIL = 254, MAX_ADDRESS = 500, MAX_REFERENCE = 64;
  public static final int MAX_OTHER_PHONES = 5;
  /** P6: why staff cannot resubscribe a customer (the 403 of every route that would). */
  public static final String ONLY_THE_CUSTOMER =
      "Only the customer can resubscribe, by texting START to the company's number; staff cannot resubscribe a customer.";
  public static final Set<String> LANGUAGES = Set.of("en", "fr");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
  private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

  private CustomerRules() {}

  /** A first or last name: 1-100 characters, no control characters; blank means none. */
  public static String name(String field, String value) {
    String clean = text(field, value, MAX_NAME);
    if (clean != null && (clean.indexOf('\n') >= 0 || clean.indexOf('\r') >= 0)) {
      throw ApiError.invalid(field, "'" + field + "' is one line.");
    }
    return clean;
  }

  public static String email(String value) {
    String clean = text("email", value, MAX_EMAIL);
    if (clean != null && !EMAIL.matcher(clean).matches()) {
      throw ApiError.invalid("email", "'email' is not an email address.");
    }
    return clean;
  }

  public static String language(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!LANGUAGES.contains(value)) {
      throw ApiError.invalid("language", "'language' is en or fr.");
    }
    return value;
  }

  public static String address(String value) {
    return text("address", value, MAX_ADDRESS);
  }

  /** An ISO date ({@code 1984-03-21}) from 1900 to today. */
  public static String birthDate(String value, LocalDate today) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(value);
      if (date.isBefore(OLDEST_BIRTH) || date.isAfter(today)) {
        throw ApiError.invalid("birthDate", "'birthDate' is between 1900-01-01 and today.");
      }
      return date.toString();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("birthDate", "'birthDate' is a date such as 1984-03-21.");
    }
  }

  /** The 404 of a DMS push naming a customer it never pushed ({@code customerReference}: AP1, AP3). */
  public static ApiError unknownReference(String reference) {
    return new ApiError(404, "not_found", "No customer has the reference '" + reference
        + "': push the customer first (PUT /integration/customers/{reference}).", "customerReference");
  }

  /** The DMS's reference: 1-64 letters, digits, '.', '_', '/', '-' (it is part of a key). */
  public static String reference(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_REFERENCE || !REFERENCE.matcher(value).matches()) {
      throw ApiError.invalid("reference", "'reference' is 1-64 letters, digits, '.', '_', '/' or '-', starting with a letter or digit.");
    }
    return value;
  }

  /** A number in E.164 (read in {@code region} when it has no country code); blank means none. */
  public static String phone(String field, String value, String region) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return PhoneNumbers.toE164(value, region).orElseThrow(() ->
        ApiError.invalid(field, "'" + field + "' is not a valid phone number."));
  }

  public static String phoneType(String field, String value) {
    if (value == null || !OtherPhone.TYPES.contains(value)) {
      throw ApiError.invalid(field, "'" + field + "' is one of home, work, fax, other.");
    }
    return value;
  }

  /** The region numbers without a country code are read in: the company number's, else {@code fallback}. */
  public static String region(String companyNumber, String fallback) {
    if (companyNumber == null) {
      return fallback;
    }
    try {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      String region = util.getRegionCodeForNumber(util.parse(companyNumber, fallback));
      return region == null || "ZZ".equals(region) ? fallback : region;
    } catch (NumberParseException e) {
      return fallback;
    }
  }

  /** A profile needs something to call it by: a name or a mobile number. */
  public static void identifiable(CustomerFields fields) {
    if (fields.firstName() == null && fields.lastName() == null && fields.mobile() == null) {
      throw ApiError.invalid("firstName", "A customer needs a first name, a last name or a mobile number.");
    }
  }

  private static String text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String clean = value.strip();
    if (clean.length() > max) {
      throw ApiError.invalid(field, "'" + field + "' is at most " + max + " characters.");
    }
    if (CONTROL.matcher(clean).find()) {
      throw ApiError.invalid(field, "'" + field + "' has control characters.");
    }
    return clean;
  }
}
