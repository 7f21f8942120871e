package com.textinbox.localcloud.standins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnsFilterPolicyTest {

  @Test
  void exactValuesPrefixesAndSuffixes() {
    SnsFilterPolicy policy = SnsFilterPolicy.parse(
        "{\"channel\":[\"sms\",{\"prefix\":\"mms-\"}],\"file\":[{\"suffix\":\".jpg\"}]}");
    assertTrue(policy.matches(message(Map.of("channel", "sms", "file", "a.jpg")), false));
    assertTrue(policy.matches(message(Map.of("channel", "mms-us", "file", "b.jpg")), false));
    assertFalse(policy.matches(message(Map.of("channel", "email", "file", "a.jpg")), false));
    assertFalse(policy.matches(message(Map.of("channel", "sms", "file", "a.png")), false));
    assertFalse(policy.matches(message(Map.of("channel", "sms")), false), "a missing attribute does not match");
  }

  @Test
  void anythingButExistsAndIgnoringCase() {
    SnsFilterPolicy policy = SnsFilterPolicy.parse(
        "{\"status\":[{\"anything-but\":[\"QUEUED\",\"SENT\"]}],\"tenant\":[{\"exists\":true}],"
            + "\"debug\":[{\"exists\":false}],\"region\":[{\"equals-ignore-case\":\"EU\"}]}");
    assertTrue(policy.matches(message(Map.of("status", "FAILED", "tenant", "t1", "region", "eu")), false));
    assertFalse(policy.matches(message(Map.of("status", "SENT", "tenant", "t1", "region", "eu")), false));
    assertFalse(policy.matches(message(Map.of("status", "FAILED", "region", "eu")), false));
    assertFalse(policy.matches(message(Map.of("status", "FAILED", "tenant", "t1", "region", "eu", "debug", "1")),
        false));
  }

  @Test
  void numericRangesApplyToNumberAttributesOnly() {
    SnsFilterPolicy policy = SnsFilterPolicy.parse("{\"price\":[{\"numeric\":[\">=\",10,\"<\",20]}]}");
    assertTrue(policy.matches(numberMessage("price", "10"), false));
    assertTrue(policy.matches(numberMessage("price", "19.5"), false));
    assertFalse(policy.matches(numberMessage("price", "20"), false));
    assertFalse(policy.matches(message(Map.of("price", "15")), false), "a String attribute is not a number");
  }

  @Test
  void orAndTheMessageBodyScope() {
    SnsFilterPolicy policy = SnsFilterPolicy.parse(
        "{\"$or\":[{\"event\":{\"type\":[\"delivered\"]}},{\"retries\":[{\"numeric\":[\">\",2]}]}]}");
    assertTrue(policy.matches(body("{\"event\":{\"type\":\"delivered\"}}"), true));
    assertTrue(policy.matches(body("{\"event\":{\"type\":\"failed\"},\"retries\":3}"), true));
    assertFalse(policy.matches(body("{\"event\":{\"type\":\"failed\"},\"retries\":1}"), true));
    assertFalse(policy.matches(body("not json"), true));
  }

  @Test
  void stringArrayAttributesMatchOnAnyElement() {
    Map<String, SnsMessage.Attribute> attributes = Map.of(
        "tags", new SnsMessage.Attribute("String.Array", "[\"urgent\",\"vip\"]", null));
    SnsMessage message = SnsMessage.create("x", null, null, attributes);
    assertTrue(SnsFilterPolicy.parse("{\"tags\":[\"vip\"]}").matches(message, false));
    assertFalse(SnsFilterPolicy.parse("{\"tags\":[\"spam\"]}").matches(message, false));
  }

  @Test
  void aMalformedPolicyIsRefused() {
    assertThrows(ServiceError.class, () -> SnsFilterPolicy.parse("{\"status\":\"DELIVERED\"}"));
    assertThrows(ServiceError.class, () -> SnsFilterPolicy.parse("[\"DELIVERED\"]"));
    assertThrows(ServiceError.class, () -> SnsFilterPolicy.parse("{not json"));
  }

  private static SnsMessage message(Map<String, String> strings) {
    Map<String, SnsMessage.Attribute> attributes = new LinkedHashMap<>();
    strings.forEach((name, value) -> attributes.put(name, new SnsMessage.Attribute("String", value, null)));
    return SnsMessage.create("body", null, null, attributes);
  }

  private static SnsMessage numberMessage(String name, String value) {
    return SnsMessage.create("body", null, null, Map.of(name, new SnsMessage.Attribute("Number", value, null)));
  }

  private static SnsMessage body(String json) {
    return SnsMessage.create(json, null, null, Map.of());
  }
}
