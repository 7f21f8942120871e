package com.textinbox.shared.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A JSON body of customer fields (P1, P2), read the same way by staff (POST and PATCH /customers,
 * {@link #staff}, with custom attribute values: {@link #attributes}) and by the DMS
 * (PUT /integration/customers/{reference}, AP4): a field given replaces the current value (null or
 * "" clears it), a field left out stays; each value is checked by {@link CustomerRules} (400
 * naming it). An unknown field never gets here: the request's schema refused it, naming it
 * (docs/decisions.md 55). {@code otherPhones} is the whole list of other numbers.
 */
public final class CustomerBody {
  /** The custom attribute values (P3) staff set with the fields, checked by {@link #attributes}. */
  public static final String ATTRIBUTES = "attributes";

  private CustomerBody() {}

  /**
   * Staff's body (POST and PATCH /customers) over {@code current} (POST: {@link CustomerFields#none()}):
   * {@code subscribed} is refused with the reason staff cannot change it (P6: true is a 403, only the
   * customer resubscribes; false points to the unsubscribe route).
   */
  public static CustomerFields staff(JsonNode body, CustomerFields current, String region, LocalDate today) {
    if (body.isObject() && body.has("subscribed")) {
      JsonNode value = body.get("subscribed");
      if (value.isBoolean() && value.booleanValue()) {
        throw new ApiError(403, "only_the_customer_resubscribes", CustomerRules.ONLY_THE_CUSTOMER, "subscribed");
      }
      throw ApiError.invalid("subscribed", "To unsubscribe a customer, POST /customers/{customerId}/unsubscribe.");
    }
    return apply(body, current, region, today);
  }

  /**
   * The attribute values the body sets and removes ({@code "attributes": {"vehicle": "Civic", "km":
   * null}}), each against the company's definitions (400 naming {@code attributes.<key>}); null
   * when the body has none, so the definitions are read only when needed.
   */
  public static CustomerAttributeRules.Change attributes(JsonNode body, Supplier<List<AttributeDefinition>> definitions) {
    JsonNode values = body.isObject() ? body.get(ATTRIBUTES) : null;
    return values == null ? null : CustomerAttributeRules.values(values, definitions.get());
  }

  /** {@code current} with what the body sets (a new profile: from {@link CustomerFields#none()}). */
  public static CustomerFields apply(JsonNode body, CustomerFields current, String region, LocalDate today) {
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
}
