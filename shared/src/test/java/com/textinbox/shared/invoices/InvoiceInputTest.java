package com.textinbox.shared.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import org.junit.jupiter.api.Test;

/** The DMS's invoice body read and checked on its own (AP3): no table, a 400 naming the field. */
class InvoiceInputTest {

  private static InvoiceInput read(String number, String json) {
    return InvoiceInput.dms(number, Json.read(json));
  }

  @Test
  void readsAndNormalizesTheBody() {
    InvoiceInput input = read("INV/2026@7", "{\"amount\": \"0149.90\", \"currency\": \"CAD\", \"roNumber\": \"RO-7\","
        + " \"customerReference\": \"DMS-42\", \"status\": \"paid\"}");
    assertEquals(new InvoiceInput("INV/2026@7", "149.90", "CAD", Invoice.Status.PAID, "RO-7", "DMS-42"), input);
  }

  @Test
  void statusIsOpenAndRoNumberNoneWhenNotGiven() {
    InvoiceInput input = read("INV-1", "{\"amount\": \"12\", \"currency\": \"USD\", \"customerReference\": \"DMS-42\","
        + " \"roNumber\": null}");
    assertEquals(Invoice.Status.OPEN, input.status());
    assertNull(input.roNumber());
  }

  @Test
  void badInputNamesTheField() {
    assertEquals("amount", field("INV-2", "{\"amount\": 12.5, \"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("amount", field("INV-2", "{\"amount\": \"twelve\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("amount", field("INV-2", "{\"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("currency", field("INV-2", "{\"amount\": \"12.50\", \"currency\": \"XYZ\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("currency", field("INV-2", "{\"amount\": \"12.50\", \"currency\": \"cad\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("status", field("INV-2",
        "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\", \"status\": \"done\"}"));
    assertEquals("customerReference", field("INV-2", "{\"amount\": \"12.50\", \"currency\": \"CAD\"}"));
    assertEquals("customerReference", field("INV-2",
        "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS#42\"}"));
    assertEquals("roNumber", field("INV-2",
        "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\", \"roNumber\": 7}"));
    assertEquals("number", field("x".repeat(65), "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("number", field("INV#2", "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
    assertEquals("number", field(null, "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"DMS-42\"}"));
  }

  private static String field(String number, String json) {
    ApiError error = assertThrows(ApiError.class, () -> read(number, json));
    assertEquals(400, error.status());
    return error.field();
  }
}
