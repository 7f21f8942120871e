package com.textinbox.shared.customers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.OtherPhone;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.data.Keys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CustomerMapperTest {
  private static final String T1 = "2026-11-21T14:03:00.120Z";

  @Test
  void everyAttributeComesBack() {
    CustomerProfile p = new CustomerProfile("cust-1", "John", "Smith", null, null, "fr", "REF-9", false, T1, null, T1, T1,
        "conv-1", T1, "user-a", null, null, null, List.of(), null, null, new CustomerAttributes(Map.of("vehicle", new CustomerAttributes.Text("Civic"),
        "services", new CustomerAttributes.TextList(List.of("oil", "tires")),
        "dueOn", new CustomerAttributes.DateValue(LocalDate.of(2026, 12, 1)),
        "km", new CustomerAttributes.NumberValue(new BigDecimal("12000.50")))));
    Map<String, AttributeValue> item = CustomerMapper.toItem("acct", p);
    assertEquals(p, CustomerMapper.fromItem(item));
    assertEquals("smith john#cust-1", item.get("GSI1SK").s(), "normalized: a name prefix is a key range");
    assertEquals("12000.5", item.get("attributes").m().get("km").m().get("number").n(), "each value names its type");
    assertEquals("2026-12-01", item.get("attributes").m().get("dueOn").m().get("date").s());
    assertEquals(Keys.customerReference("acct", "REF-9"), item.get("GSI2PK").s());
    assertEquals(Keys.unsubscribedCustomers("acct"), item.get("GSI3PK").s());
    assertEquals(Keys.customersWithoutMobile("acct"), item.get("GSI4PK").s());
  }

  @Test
  void aCustomerFromAFirstTextSortsFirstByIdAndIsSubscribed() {
    CustomerProfile p = CustomerProfile.fromFirstText("cust-1", "+15145550111", T1, "inbound-sms", "conv-1");
    Map<String, AttributeValue> item = CustomerMapper.toItem("acct", p);
    assertEquals("#cust-1", item.get("GSI1SK").s());
    assertNull(item.get("GSI4PK"));
    assertNull(item.get("attributes"), "no values, no map");
    assertEquals(p, CustomerMapper.fromItem(item));
  }

  @Test
  void aProfileWithoutSubscribedIsSubscribed() {
    Map<String, AttributeValue> item = new HashMap<>(CustomerMapper.toItem("acct",
        CustomerProfile.fromFirstText("cust-1", "+1", T1, "import", null)));
    item.remove("subscribed");
    assertTrue(CustomerMapper.fromItem(item).subscribed());
  }

  @Test
  void theStaffFieldsComeBack() {
    CustomerProfile p = new CustomerProfile("cust-2", "Élodie", "Tremblay", null, "+15145550111", "fr", "DMS-7", false, T1,
        null, T1, null, null, T1, "user-a", "elodie@example.com", "12 rue Principale\nMontréal", "1984-03-21",
        List.of(new OtherPhone("work", "+15145550199"), new OtherPhone("home", "+15145550198")), "user-b", T1, null);
    Map<String, AttributeValue> item = CustomerMapper.toItem("acct", p);
    assertEquals(p, CustomerMapper.fromItem(item));
    assertEquals("tremblay elodie#cust-2", item.get("GSI1SK").s());
  }

  @Test
  void theReferenceGuardIsKeyedByTheReference() {
    Map<String, AttributeValue> item = CustomerMapper.referenceGuardItem("acct", "DMS-7", "cust-2");
    assertEquals(Keys.customerReferenceGuard("acct", "DMS-7"), item.get("PK").s());
    assertEquals("cust-2", item.get("customerId").s());
  }

  @Test
  void theGuardComesBack() {
    PhoneGuard guard = new PhoneGuard("+15145550111", "cust-1");
    assertEquals(guard, CustomerMapper.phoneGuard("acct", CustomerMapper.phoneGuardItem("acct", guard)));
  }
}
