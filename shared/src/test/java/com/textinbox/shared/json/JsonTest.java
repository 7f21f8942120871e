package com.textinbox.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Json} reads and writes without an ObjectMapper (decision 67); what it reads and writes is
 * checked here against the ObjectMapper the functions used before, configured as it was.
 */
class JsonTest {
  private static final ObjectMapper BEFORE = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  enum Channel { SMS, EMAIL }

  record Sent(String id, int count, Long total, String nothing, List<String> tags, Channel channel, Map<String, Object> extra) {}

  private static final List<String> TEXTS = List.of(
      "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u00e9\\n\\\"q\\\"\"}}",
      "[1, -2, 2147483648, -9223372036854775809, 123456789012345678901234567890]",
      "[1.5, -0.0, 1e10, 2.5E-3, 3.141592653589793238462643383279]",
      "\"just text\"", "42", "true", "null", "{}", "[]",
      "{\"k\":1,\"k\":2}",
      "{\"emoji\":\"\\ud83d\\ude00 caf\u00e9\"}",
      "{\"deep\":[[[{\"x\":[{}]}]]]}");

  @Test
  void readsTheTreesTheMapperRead() throws Exception {
    for (String text : TEXTS) {
      JsonNode expected = BEFORE.readTree(text);
      assertSameTree(expected, Json.read(text), text);
      assertSameTree(expected, Json.read(text.getBytes(StandardCharsets.UTF_8)), text);
      assertSameTree(expected, Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), text);
      assertSameTree(expected, Json.readStrict(text), text);
    }
  }

  @Test
  void noContentIsTheMissingNodeAsBefore() throws Exception {
    assertSameTree(BEFORE.readTree(""), Json.read(""), "empty");
    assertSameTree(BEFORE.readTree("  \n"), Json.read("  \n"), "blank");
    assertTrue(Json.read(new ByteArrayInputStream(new byte[0])).isMissingNode());
  }

  @Test
  void leniencyAfterTheValueIsAsBeforeAndStrictRefusesIt() throws Exception {
    assertSameTree(BEFORE.readTree("{\"a\":1} trailing"), Json.read("{\"a\":1} trailing"), "lenient");
    JsonProcessingException strict = assertThrows(JsonProcessingException.class, () -> Json.readStrict("{\"a\":1} {\"b\":2}"));
    assertEquals(1, strict.getLocation().getLineNr());
  }

  @Test
  void malformedTextIsAnIllegalArgumentWithTheParsersReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{not json"));
    assertTrue(e.getMessage().startsWith("not valid JSON: "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.read("[1,2"));
    assertThrows(JsonProcessingException.class, () -> Json.readStrict("{\"a\":"));
  }

  @Test
  void writesWhatTheMapperWrote() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("text", "caf\u00e9 \"quoted\" \n \u2028 </script>");
    map.put("int", 7);
    map.put("long", 9_000_000_000L);
    map.put("double", 0.1 + 0.2);
    map.put("float", 1.5f);
    map.put("decimal", new BigDecimal("149.990"));
    map.put("big", new BigInteger("123456789012345678901234567890"));
    map.put("yes", true);
    map.put("nullValue", null);
    map.put("list", Arrays.asList("a", null, 3));
    map.put("array", new String[] {"x", "y"});
    map.put("tree", BEFORE.readTree(TEXTS.get(0) ));
    map.put("numbers", BEFORE.readTree(TEXTS.get(1)));
    map.put("floats", BEFORE.readTree(TEXTS.get(2)));
    map.put("enum", Channel.EMAIL);
    map.put("builder", new StringBuilder("built"));
    map.put("record", new Sent("m-1", 2, null, null, List.of("t"), Channel.SMS, Map.of("k", "v")));
    map.put("nested", new ArrayList<>(List.of(Map.of("inner", List.of()))));
    Map<Channel, Integer> byEnum = new LinkedHashMap<>();
    byEnum.put(Channel.SMS, 1);
    map.put("byEnum", byEnum);
    assertEquals(BEFORE.writeValueAsString(map), Json.write(map));
    assertEquals(BEFORE.writeValueAsString(map), new String(Json.bytes(map), StandardCharsets.UTF_8));
    for (Object value : List.of("text", 1, 2.5, List.of(), Map.of(), new Sent(null, 0, 5L, null, null, null, null))) {
      assertEquals(BEFORE.writeValueAsString(value), Json.write(value), value.toString());
    }
    assertEquals(BEFORE.writeValueAsString(null), Json.write(null));
  }

  @Test
  void aTreeBuiltInCodeIsWrittenAsTheMapperWroteIt() throws Exception {
    var tree = Json.object().put("a", "b").put("n", 1.25).putNull("z");
    tree.putArray("items").add(1).add("two").addNull().addObject().put("x", false);
    tree.put("long", 5L).put("decimal", new BigDecimal("1.10"));
    assertEquals(BEFORE.writeValueAsString(tree), Json.write(tree));
  }

  private static void assertSameTree(JsonNode expected, JsonNode actual, String text) {
    assertEquals(expected, actual, text);
    assertEquals(expected.getClass(), actual.getClass(), text);
    if (expected.isContainerNode()) {
      for (int i = 0; i < expected.size(); i++) {
        if (expected.isArray()) {
          assertSameTree(expected.get(i), actual.get(i), text + " [" + i + "]");
        }
      }
      expected.properties().forEach(e -> assertSameTree(e.getValue(), actual.get(e.getKey()), text + " ." + e.getKey()));
    }
  }
}
