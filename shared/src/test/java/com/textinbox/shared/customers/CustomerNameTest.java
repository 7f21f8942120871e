package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CustomerNameTest {
  @Test
  void firstAndLastNameEitherAlone() {
    assertEquals("John Smith", CustomerName.of("John", "Smith", "Johnny"));
    assertEquals("John", CustomerName.of(" John ", null, null));
    assertEquals("Smith", CustomerName.of("", "Smith", null));
  }

  @Test
  void theSingleNameOfOlderItemsWhenThereIsNoFirstOrLastName() {
    assertEquals("Maple Motors", CustomerName.of(null, "  ", "Maple Motors"));
    assertNull(CustomerName.of(null, null, " "));
  }

  @Test
  void aLabelFallsBackToTheMobileNumber() {
    assertEquals("John Smith", CustomerName.label("John", "Smith", null, "+15145550112"));
    assertEquals("+15145550112", CustomerName.label(null, null, null, "+15145550112"));
    assertNull(CustomerName.label(null, null, null, null));
  }
}
