package com.textinbox.shared.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ExternalIds;
import com.textinbox.shared.json.Json;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An invoice as the DMS pushes it (AP3, {@code PUT /integration/invoices/{number}}), checked when
 * read: bad input is a 400 naming the field (docs/openapi.yaml: {@code IntegrationInvoice}).
 *
 * @param amount the decimal as written, normalized ({@code "149.90"} stays, {@code "0149.9"} is {@code "149.9"})
 * @param status {@code open} when not given
 */
public record InvoiceInput(String number, String amount, String currency, Invoice.Status status, String roNumber,
    String customerReference) {
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,4})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * The DMS's body for the invoice {@code number} (from the path); an object of the schema's fields
   * only, the request being checked against it first (decision 55).
   */
  public static InvoiceInput dms(String number, JsonNode json) {
    ExternalIds.require(number, "number");
    JsonNode amount = json.get("amount");
    if (amount == null || !amount.isTextual() || !AMOUNT.matcher(amount.asText()).matches()) {
      throw ApiError.invalid("amount", "amount must be a decimal written as text, such as \"149.90\".");
    }
    String currency = Json.text(json, "currency");
    if (currency == null || !CURRENCY.matcher(currency).matches() || !known(currency)) {
      throw ApiError.invalid("currency", "currency must be an ISO 4217 code such as CAD or USD.");
    }
    String status = Json.text(json, "status");
    Invoice.Status parsedStatus = status == null ? Invoice.Status.OPEN : Invoice.Status.of(status).orElseThrow(() ->
        ApiError.invalid("status", "status must be open, paid or void."));
    String roNumber = optionalId(json, "roNumber");
    String reference = optionalId(json, "customerReference");
    if (reference == null) {
      throw ApiError.invalid("customerReference", "customerReference (the DMS's reference of the customer) is required.");
    }
    return new InvoiceInput(number, new BigDecimal(amount.asText()).toPlainString(), currency, parsedStatus, roNumber,
        reference);
  }

  private static boolean known(String currency) {
    try {
      Currency.getInstance(currency);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String optionalId(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    return ExternalIds.require(node.isTextual() ? node.asText() : null, field);
  }
}
