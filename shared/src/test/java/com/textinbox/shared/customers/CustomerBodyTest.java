package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Staff's customer body (P1, P2, P6), the one reader of it (the DMS's reads the same fields). */
class CustomerBodyTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  @Test
  void staffSetTheFieldsGivenAndKeepTheOthers() {
    CustomerFields fields = CustomerBody.staff(Json.read("{\"firstName\": \"Zoé\", \"mobile\": \"514 555 0112\"}"),
        CustomerFields.none(), "CA", TODAY);
    assertEquals("Zoé", fields.firstName());
    assertEquals("+15145550112", fields.mobile());
    assertNull(fields.lastName());
  }

  @Test
  void staffCannotResubscribeNorUnsubscribeThroughTheFields() {
    ApiError resubscribe = assertThrows(ApiError.class,
        () -> CustomerBody.staff(Json.read("{\"subscribed\": true}"), CustomerFields.none(), "CA", TODAY));
    assertEquals(403, resubscribe.status());
    assertEquals(CustomerRules.ONLY_THE_CUSTOMER, resubscribe.getMessage());
    ApiError unsubscribe = assertThrows(ApiError.class,
        () -> CustomerBody.staff(Json.read("{\"subscribed\": false}"), CustomerFields.none(), "CA", TODAY));
    assertEquals(400, unsubscribe.status());
    assertEquals("subscribed", unsubscribe.field());
  }

  @Test
  void attributesAreReadOnlyWhenTheBodyHasThem() {
    assertNull(CustomerBody.attributes(Json.read("{\"firstName\": \"Zoé\"}"), () -> {
      throw new AssertionError("the definitions are not read");
    }));
    assertEquals(Set.of(), CustomerBody.attributes(Json.read("{\"attributes\": {}}"), List::of).removed());
  }
}
