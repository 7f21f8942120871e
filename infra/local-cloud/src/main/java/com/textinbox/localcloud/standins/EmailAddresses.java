package com.textinbox.localcloud.standins;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks addresses as SES does. SES's messages for a bad address ("Missing final '@domain'",
 * "Missing local name", ...) are those of the JavaMail parser, which is what checks them here too.
 */
final class EmailAddresses {
  private EmailAddresses() {}

  /** Checks one address, with or without a display name; a bad one is an InvalidParameterValue. */
  static String check(String address) {
    if (address == null || address.isBlank()) {
      throw invalid("Missing final '@domain'");
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      String domain = parsed.getAddress().substring(parsed.getAddress().lastIndexOf('@') + 1);
      if (domain.startsWith("[") ? !domain.endsWith("]") : !domain.contains(".")) {
        // SES wants UserName@[SubDomain.]Domain.TopLevelDomain
        throw invalid("Domain has no top-level domain");
      }
      return address;
    } catch (AddressException e) {
      throw invalid(e.getMessage());
    }
  }

  static ServiceError invalid(String message) {
    return ServiceError.badRequest("InvalidParameterValue", message);
  }
}
