package com.textinbox.shared.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JSON body of customer fields (P1, P2), read the same way by staff (POST and PATCH /customers,
 * {@link #staff}, with custom attribute values: {@link #attributes}) and by the DMS (PUT /integration/customers/{reference}, AP4): a field given replaces the current
 * value (null or "" clears it), a field left out stays; each value is checked by
 * {@link CustomerRules} (400 naming it); an unknown field or a value of the wrong type is a 400
 * naming it. {@code otherPhones} is the whole list of other numbers.
 */
public final class CustomerBody {
  /** Every field of a profile a body may set. */
  public static final Set<String> FIELDS = Set.of("firstName", "lastName", "mobile", "email", "language", "address",
      "birthDate", "reference", "otherPhones");
  /** The custom attribute values (P3) staff set with the fields, checked by {@link #attributes}. */
  public static final String ATTRIBUTES = "attributes";
  /** What staff's POST and PATCH /customers may hold (besides {@code subscribed}, refused with its reason). */
  public static final Set<String> STAFF_FIELDS = with(FIELDS, ATTRIBUTES);
  private static final Set<String> PHONE_FIELDS = Set.of("type", "number");

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
    requireKnown(body, STAFF_FIELDS);
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

  private static Set<String> with(Set<String> fields, String more) {
    Set<String> all = new HashSet<>(fields);
    all.add(more);
    return Set.copyOf(all);
  }

  /** A 400 unless {@code body} is an object of fields among {@code allowed} (the first unknown one is named). */
  public static void requireKnown(JsonNode body, Set<String> allowed) {
    if (!body.isObject()) {
      throw ApiError.badRequest("The body is a JSON object of customer fields.");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiError.invalid(name, "Unknown field '" + name + "'; a customer has "
            + String.join(", ", allowed.stream().sorted().toList()) + ".");
      }
    }
  }

  /** {@code current} with what the body sets (a new profile: from {@link CustomerFields#none()}); call {@link #requireKnown} first. */
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
}
