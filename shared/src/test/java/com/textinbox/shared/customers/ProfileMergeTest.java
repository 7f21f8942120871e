package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** C14's field resolution: the survivor keeps its fields, the other fills what it lacks, consent follows the number. */
class ProfileMergeTest {
  private static final String AT = "2026-12-05T13:00:00.000Z";

  /** Seed 001: B from the DMS (the survivor, now with A's number), A made by hand with that number. */
  private static CustomerProfile survivor(CustomerFields fields, CustomerAttributes attributes) {
    return new CustomerProfile("cust-b", null, null, null, null, null, null, true, null, null, null, null, "conv-b",
        "2026-11-01T10:00:00.000Z", "key-dms", null, null, null, List.of(), null, null, attributes)
        .edited(fields, "2026-12-05T12:59:59.000Z");
  }

  private static CustomerProfile other(String first, String last, String email, String address, boolean subscribed,
      CustomerAttributes attributes) {
    return new CustomerProfile("cust-a", first, last, null, "+15555555555", "fr", "A-REF", subscribed,
        subscribed ? null : "2026-10-01T09:00:00.000Z", null, subscribed ? null : "2026-10-01T09:00:00.000Z",
        "2026-09-01T09:00:00.000Z", "conv-a", "2026-09-01T08:00:00.000Z", "user-alice", email, address, "1980-02-03",
        List.of(new OtherPhone("home", "+15145550199")), subscribed ? null : "user-alice", "2026-09-02T00:00:00.000Z",
        attributes);
  }

  private static CustomerFields dms(String first, String last, String email) {
    return new CustomerFields(first, last, "+15555555555", email, null, null, null, "DMS-1", List.of());
  }

  private static CustomerAttributes attributes(Map<String, CustomerAttributes.Value> values) {
    return new CustomerAttributes(values);
  }

  @Test
  void theSurvivorKeepsItsFieldsAndTheOtherFillsOnlyWhatItLacks() {
    CustomerProfile b = survivor(dms("Robert", "Tremblay", "rob@dms.example"), CustomerAttributes.NONE);
    CustomerProfile a = other("Bob", "Tremblay", "bob@home.example", "12 rue Principale", true, CustomerAttributes.NONE);

    ProfileMerge.Result result = ProfileMerge.resolve(b, a, AT);
    CustomerProfile merged = result.merged();
    assertEquals("cust-b", merged.customerId());
    assertEquals("Robert", merged.firstName(), "the DMS's name stays");
    assertEquals("rob@dms.example", merged.email(), "the DMS's email stays");
    assertEquals("12 rue Principale", merged.address(), "the survivor had none: the other's");
    assertEquals("fr", merged.language());
    assertEquals("1980-02-03", merged.birthDate());
    assertEquals(List.of(new OtherPhone("home", "+15145550199")), merged.otherPhones());
    assertEquals("+15555555555", merged.mobile());
    assertEquals("DMS-1", merged.reference(), "the reference is the survivor's; the other's is dropped");
    assertEquals("conv-b", merged.activeConversationId(), "the survivor keeps its active conversation");
    assertEquals("key-dms", merged.createdBy());
    assertEquals(AT, merged.updatedAt());
    assertEquals(List.of("language", "address", "birthDate", "otherPhones", "stopNoticeSentAt"), result.fieldsChanged());
  }

  @Test
  void eachNameFillsOnItsOwnAndTheOlderSingleNameOnlyWhenTheSurvivorHasNone() {
    CustomerProfile b = survivor(dms(null, "Tremblay", null), CustomerAttributes.NONE);
    CustomerProfile a = other("Bob", "Smith", null, null, true, CustomerAttributes.NONE);
    CustomerProfile merged = ProfileMerge.resolve(b, a, AT).merged();
    assertEquals("Bob", merged.firstName());
    assertEquals("Tremblay", merged.lastName());

    CustomerProfile unnamed = survivor(dms(null, null, null), CustomerAttributes.NONE);
    CustomerProfile single = new CustomerProfile("cust-a", null, null, "Mme Roy", "+15555555555", null, null, true, null,
        null, null, null, null, "2026-09-01T08:00:00.000Z", "import");
    ProfileMerge.Result result = ProfileMerge.resolve(unnamed, single, AT);
    assertEquals("Mme Roy", result.merged().name());
    assertEquals("Mme Roy", result.merged().fullName());
    assertEquals(List.of("name"), result.fieldsChanged());
  }

  @Test
  void attributesAreKeptUnlessTheSurvivorHasTheSameOne() {
    CustomerProfile b = survivor(dms("Robert", null, null), attributes(Map.of(
        "vehicle", new CustomerAttributes.Text("Civic 2024"))));
    CustomerProfile a = other("Bob", null, null, null, true, attributes(Map.of(
        "vehicle", new CustomerAttributes.Text("Corolla 2011"),
        "km", new CustomerAttributes.NumberValue(new BigDecimal("182000")))));
    ProfileMerge.Result result = ProfileMerge.resolve(b, a, AT);
    assertEquals(new CustomerAttributes.Text("Civic 2024"), result.merged().attributes().get("vehicle"));
    assertEquals(new CustomerAttributes.NumberValue(new BigDecimal("182000")), result.merged().attributes().get("km"));
    assertEquals(List.of("km"), result.attributesAdded());
  }

  @Test
  void aStopTextedFromTheNumberHoldsForTheSurvivor() {
    CustomerProfile b = survivor(dms("Robert", null, null), CustomerAttributes.NONE);
    CustomerProfile a = other("Bob", null, null, null, false, CustomerAttributes.NONE);
    ProfileMerge.Result result = ProfileMerge.resolve(b, a, AT);
    assertFalse(result.merged().subscribed());
    assertEquals("2026-10-01T09:00:00.000Z", result.merged().unsubscribedAt());
    assertEquals("user-alice", result.merged().unsubscribedBy());
    assertTrue(result.fieldsChanged().contains("subscribed"));
  }

  @Test
  void anUnsubscribedSurvivorStaysUnsubscribed() {
    CustomerProfile b = survivor(dms("Robert", null, null), CustomerAttributes.NONE);
    CustomerProfile unsubscribed = new CustomerProfile(b.customerId(), b.firstName(), b.lastName(), b.name(), b.mobile(),
        b.language(), b.reference(), false, "2026-11-20T00:00:00.000Z", null, "2026-11-20T00:00:00.000Z", null,
        b.activeConversationId(), b.createdAt(), b.createdBy(), null, null, null, List.of(), null, b.updatedAt(),
        CustomerAttributes.NONE);
    CustomerProfile a = other("Bob", null, null, null, true, CustomerAttributes.NONE);
    ProfileMerge.Result result = ProfileMerge.resolve(unsubscribed, a, AT);
    assertFalse(result.merged().subscribed());
    assertEquals("2026-11-20T00:00:00.000Z", result.merged().unsubscribedAt());
    assertFalse(result.fieldsChanged().contains("subscribed"));
  }

  @Test
  void theOthersNumbersBesidesTheMobileComeOnlyWhenTheSurvivorHasNone() {
    CustomerFields withPhones = new CustomerFields("Robert", null, "+15555555555", null, null, null, null, "DMS-1",
        List.of(new OtherPhone("work", "+15145550100")));
    CustomerProfile b = survivor(withPhones, CustomerAttributes.NONE);
    CustomerProfile a = other("Bob", null, null, null, true, CustomerAttributes.NONE);
    ProfileMerge.Result result = ProfileMerge.resolve(b, a, AT);
    assertEquals(List.of(new OtherPhone("work", "+15145550100")), result.merged().otherPhones());
    assertFalse(result.fieldsChanged().contains("otherPhones"));
  }

  @Test
  void nothingToFillChangesNoField() {
    CustomerProfile b = survivor(new CustomerFields("Robert", "Tremblay", "+15555555555", "rob@dms.example", "en",
        "1 Main St", "1975-01-01", "DMS-1", List.of(new OtherPhone("work", "+15145550100"))), CustomerAttributes.NONE);
    CustomerProfile a = new CustomerProfile("cust-a", "Bob", null, null, "+15555555555", null, null, true, null, null,
        null, null, null, "2026-09-01T08:00:00.000Z", "inbound-sms");
    ProfileMerge.Result result = ProfileMerge.resolve(b, a, AT);
    assertEquals(List.of(), result.fieldsChanged());
    assertEquals(List.of(), result.attributesAdded());
    assertNull(result.merged().stopNoticeSentAt());
  }

  @Test
  void neverAProfileIntoItself() {
    CustomerProfile b = survivor(dms("Robert", null, null), CustomerAttributes.NONE);
    assertThrows(IllegalArgumentException.class, () -> ProfileMerge.resolve(b, b, AT));
    assertFalse(ProfileMerge.mergeable("cust-b", "cust-b"));
    assertTrue(ProfileMerge.mergeable("cust-b", "cust-a"));
  }
}
