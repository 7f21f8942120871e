package com.textinbox.shared.imports;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.OtherPhone;
import com.textinbox.shared.messaging.PhoneNumbers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row's values, read through the mapping with the rules staff edits follow
 * ({@link CustomerRules}, {@link CustomerAttributeRules}): numbers in E.164 read in the company's
 * region, dates in the mapped format. A blank cell sets nothing (an update keeps what the profile
 * has). A value that breaks a rule rejects the row, the reason naming the column and the value.
 *
 * @param fields the profile fields the row sets (null: not set by this row)
 * @param attributes the attribute values the row sets
 */
public record RowValues(CustomerFields fields, Map<String, CustomerAttributes.Value> attributes) {
  /** Why a row cannot be imported: the reason column of the rejected-rows file. */
  public static final class Rejected extends RuntimeException {
    public Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The values of {@code cells}.
   *
   * @param titles the file's column titles (for reasons)
   * @param region where numbers without a country code are read
   * @param xlsx whether the file is an XLSX (its date cells arrive as ISO dates)
   */
  public static RowValues read(List<String> cells, List<String> titles, ImportMapping mapping, String region,
      LocalDate today, boolean xlsx) {
    String firstName = null, lastName = null, mobile = null, email = null, language = null, address = null;
    String birthDate = null, reference = null;
    List<OtherPhone> others = new ArrayList<>();
    Map<String, CustomerAttributes.Value> attributes = new LinkedHashMap<>();
    for (int c = 0; c < mapping.columns().size(); c++) {
      String cell = c < cells.size() ? cells.get(c).strip() : "";
      ColumnMapping column = mapping.columns().get(c);
      if (cell.isEmpty() || column.to() == ImportField.IGNORE) {
        continue;
      }
      String where = "Column '" + titles.get(c) + "': ";
      try {
        switch (column.to()) {
          case FIRST_NAME -> firstName = CustomerRules.name("firstName", cell);
          case LAST_NAME -> lastName = CustomerRules.name("lastName", cell);
          case MOBILE -> mobile = phone(cell, region, where);
          case HOME_PHONE, WORK_PHONE, OTHER_PHONE -> others.add(new OtherPhone(column.to().phoneType(), phone(cell, region, where)));
          case EMAIL -> email = CustomerRules.email(cell);
          case LANGUAGE -> language = language(cell, where);
          case ADDRESS -> address = CustomerRules.address(cell);
          case BIRTH_DATE -> birthDate = birthDate(date(cell, column.format(), xlsx, where), today, cell, where);
          case REFERENCE -> reference = CustomerRules.reference(cell);
          case ATTRIBUTE -> attributes.put(column.key(), attribute(column, cell, xlsx, where));
          default -> { }
        }
      } catch (ApiError invalid) {
        // the rule's message names an API field ("'email' is not an email address."): name the cell instead
        String what = invalid.getMessage().replaceFirst("^'[^']*' ", "");
        throw new Rejected(where + "'" + shortened(cell) + "' " + (what.startsWith("is ") || what.startsWith("has ")
            ? what : "is refused: " + what));
      }
    }
    if (firstName == null && lastName == null && mobile == null) {
      throw new Rejected("The row has no first name, last name or mobile number: a customer needs one of them.");
    }
    return new RowValues(new CustomerFields(firstName, lastName, mobile, email, language, address, birthDate, reference,
        others), attributes);
  }

  private static String phone(String cell, String region, String where) {
    return PhoneNumbers.toE164(cell, region).orElseThrow(() ->
        new Rejected(where + "'" + shortened(cell) + "' is not a valid phone number."));
  }

  private static String birthDate(LocalDate date, LocalDate today, String cell, String where) {
    try {
      return CustomerRules.birthDate(date.toString(), today);
    } catch (ApiError outOfRange) {
      throw new Rejected(where + "'" + shortened(cell) + "' is not a birth date between 1900 and today.");
    }
  }

  /** en / fr, or the language's name in English or French. */
  private static String language(String cell, String where) {
    String plain = MappingProposal.normalized(cell);
    return switch (plain) {
      case "en", "eng", "english", "anglais" -> "en";
      case "fr", "fra", "fre", "french", "francais" -> "fr";
      default -> throw new Rejected(where + "'" + shortened(cell) + "' is not a language (en or fr, English or Français).");
    };
  }

  private static LocalDate date(String cell, String format, boolean xlsx, String where) {
    LocalDate date = DateFormats.parse(cell, format, xlsx);
    if (date == null) {
      throw new Rejected(where + "'" + shortened(cell) + "' is not a date in the format " + format + ".");
    }
    return date;
  }

  private static CustomerAttributes.Value attribute(ColumnMapping column, String cell, boolean xlsx, String where) {
    AttributeDefinition definition = new AttributeDefinition(column.key(), column.name(), column.type());
    if (column.type() == AttributeType.DATE) {
      return new CustomerAttributes.DateValue(date(cell, column.format(), xlsx, where));
    }
    if (column.type() == AttributeType.NUMBER) {
      BigDecimal number;
      try {
        number = new BigDecimal(cell.replace(" ", "").replace("\u00a0", "").replace(',', '.'));
      } catch (NumberFormatException e) {
        throw new Rejected(where + "'" + shortened(cell) + "' is not a number.");
      }
      return CustomerAttributeRules.value(definition, DecimalNode.valueOf(number));
    }
    return CustomerAttributeRules.value(definition, TextNode.valueOf(cell));
  }

  private static String shortened(String cell) {
    String oneLine = cell.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}
