package com.textinbox.shared.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.OtherPhone;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerExportTest {
  @Test
  void namesAndDescriptionsSayWhichList() {
    CustomerExport november = new CustomerExport("unsubscribed", "2026-11-01", "2026-11-30", "xlsx");
    assertEquals("customers-unsubscribed-2026-11-01-to-2026-11-30.xlsx", november.fileName());
    assertEquals("Your customer list (unsubscribed, 2026-11-01 to 2026-11-30)", november.description());
    assertEquals("customers-all.csv", new CustomerExport("all", null, null, "csv").fileName());
    assertEquals("Your customer list (without a mobile)", new CustomerExport("no-mobile", null, null, "csv").description());
    assertEquals("Your customer list (unsubscribed, since 2026-11-01)",
        new CustomerExport("unsubscribed", "2026-11-01", null, "csv").description());
    assertEquals(november, CustomerExport.of(november.toJson()));
  }

  @Test
  void aRowHasEveryColumnFormulaSafe() {
    CustomerProfile profile = new CustomerProfile("cust-1", "=cmd()", "Trémblay", null, "+15145550111", "fr", "R-12", false,
        "2026-11-03T15:00:00.000Z", null, null, null, null, "2026-09-01T10:00:00.000Z", "user-a", "e@example.com",
        "12 rue Principale", "1984-03-21", List.of(new OtherPhone("work", "+15145550199")), "user-b", null,
        CustomerAttributes.NONE);
    List<String> row = CustomerExport.row(profile);
    assertEquals(CustomerExport.COLUMNS.size(), row.size());
    assertEquals(List.of("cust-1", "Trémblay", "'=cmd()", "'=cmd() Trémblay", "+15145550111", "work +15145550199",
        "e@example.com", "fr", "R-12", "12 rue Principale", "1984-03-21", "no", "2026-11-03T15:00:00.000Z",
        "2026-09-01T10:00:00.000Z"), row);
  }
}
