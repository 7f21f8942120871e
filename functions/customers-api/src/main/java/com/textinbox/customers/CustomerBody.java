package com.textinbox.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.OtherPhone;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of POST and PATCH /customers: the fields staff edit, each checked by
 * {@link CustomerRules}. A field given replaces the current value (null or "" clears it; a PATCH
 * leaves fields it does not name); an unknown field or a value of the wrong type is a 400 naming
 * it. {@code otherPhones} is the whole list of other numbers (add, change, remove = send the list);
 * {@code attributes} sets and removes custom attribute values (P3), the others staying.
 */
final class CustomerBody {
  static final Set<String> FIELDS = Set.of("firstName", "lastName", "mobile", "email", "language", "address",
      "birthDate", "reference", "otherPhones", CustomerBody.ATTRIBUTES);
  /** The custom attribute values (P3), checked against the company's definitions by {@link #attributes}. */
  static final String ATTRIBUTES = "attributes";
  private static final Set<String> PHONE_FIELDS = Set.of("type", "number");

  private CustomerBody() {}

  /** {@code current} with what the body sets (POST: from {@link CustomerFields#none()}). */
  static CustomerFields apply(JsonNode body, CustomerFields current, String region, LocalDate today) {
    if (!body.isObject()) {
      throw ApiError.badRequest("The body is a JSON object of customer fields.");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if ("subscribed".equals(name)) {
        SubscriptionRoutes.refuseStaffSubscriptionChange(body.get(name));
      }
      if (!FIELDS.contains(name)) {
        throw ApiError.invalid(name, "Unknown field '" + name + "'; a customer has " + String.join(", ", sorted(FIELDS)) + ".");
      }
    }
    return new CustomerFields(
        body.has("firstName") ? CustomerRules.name("firstName", text(body, "firstName")) : current.firstName(),
        body.has("lastName") ? CustomerRules.name("lastName", text(body, "lastName")) : current.lastName(),
        body.has("mobile") ? CustomerRules.phone("mobile", text(body, "mobile"), region) : current.mobile(),
        body.has("email") ? CustomerRules.email(text(body, "email")) : current.email(),
        body.has("language") ? CustomerRules.language(text(body, "language")) : current.language(),
        body.has("address") ? CustomerRules.address(text(body, "address")) : current.address(),
        body.has("birthDate") ? CustomerRules.birthDate(text(body, "birthDate"), today) : current.birthDate(),
        body.has("reference") ? CustomerRules.reference(text(body, "reference")) : current.reference(),
        body.has("otherPhones") ? otherPhones(body.get("otherPhones"), region) : current.otherPhones());
  }

  /**
   * The attribute values the body sets and removes ({@code "attributes": {"vehicle": "Civic", "km":
   * null}}), each against the company's definitions (400 naming {@code attributes.<key>}); null
   * when the body has none, so the definitions are read only when needed.
   */
  static CustomerAttributeRules.Change attributes(JsonNode body, Supplier<List<AttributeDefinition>> definitions) {
    JsonNode values = body.isObject() ? body.get(ATTRIBUTES) : null;
    return values == null ? null : CustomerAttributeRules.values(values, definitions.get());
  }

  private static List<OtherPhone> otherPhones(JsonNode node, String region) {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiError.invalid("otherPhones", "'otherPhones' is a list of {\"type\", \"number\"}.");
    }
    if (node.size() > CustomerRules.MAX_OTHER_PHONES) {
      throw ApiError.invalid("otherPhones", "A customer has at most " + CustomerRules.MAX_OTHER_PHONES + " other numbers.");
    }
    List<OtherPhone> phones = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "otherPhones[" + i + "]";
      JsonNode phone = node.get(i);
      if (!phone.isObject()) {
        throw ApiError.invalid(at, "'" + at + "' is an object {\"type\", \"number\"}.");
      }
      for (Iterator<String> names = phone.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!PHONE_FIELDS.contains(name)) {
          throw ApiError.invalid(at + "." + name, "Unknown field '" + at + "." + name + "'; a number has type and number.");
        }
      }
      String type = CustomerRules.phoneType(at + ".type", text(phone, "type", at + ".type"));
      String number = CustomerRules.phone(at + ".number", text(phone, "number", at + ".number"), region);
      if (number == null) {
        throw ApiError.invalid(at + ".number", "'" + at + ".number' is required.");
      }
      phones.add(new OtherPhone(type, number));
    }
    return phones;
  }

  private static String text(JsonNode body, String field) {
    return text(body, field, field);
  }

  /** A string or null; any other type is a 400 naming the field. */
  private static String text(JsonNode body, String field, String named) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(named, "'" + named + "' must be text.");
    }
    return value.asText();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
