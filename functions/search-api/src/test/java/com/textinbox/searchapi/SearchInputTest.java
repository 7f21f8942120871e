package com.textinbox.searchapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.api.ApiError;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchInputTest {
  private static ApiError refused(String q, String types, String cursor) {
    return assertThrows(ApiError.class, () -> SearchInput.of(q, types, cursor));
  }

  @Test
  void badQueriesAreAClear400NamingTheField() {
    assertEquals("q", refused(null, null, null).field());
    assertEquals("q", refused("   ", null, null).field());
    assertEquals("q", refused("a".repeat(1000), null, null).field());
    assertEquals("q", refused("*", null, null).field());
    assertEquals("q", refused("\"*\" \\ ()", null, null).field());
    assertEquals(400, refused("**", null, null).status());
  }

  @Test
  void querySyntaxWithWordsIsKeptAsPlainText() {
    assertEquals("\"Chloé\" OR *", SearchInput.of("  \"Chloé\" OR *  ", null, null).text());
  }

  @Test
  void typesDefaultToAllAndUnknownOnesAreRefused() {
    assertEquals(EnumSet.allOf(SearchType.class), SearchInput.of("x", null, null).types());
    assertEquals(EnumSet.of(SearchType.CUSTOMER, SearchType.INVOICE), SearchInput.of("x", "invoice, customer", null).types());
    assertEquals("types", refused("x", "customer,payments", null).field());
  }

  @Test
  void aCursorsPositionContinuesOneGroup() {
    String position = SearchInput.position(SearchType.MESSAGE, 10);
    SearchInput next = SearchInput.of("x", null, position);
    assertEquals(EnumSet.of(SearchType.MESSAGE), next.types());
    assertEquals(Map.of(SearchType.MESSAGE, 10), next.from());
    assertEquals("cursor", refused("x", "customer", position).field());
    assertEquals("cursor", refused("x", null, "not-a-position").field());
    assertEquals("cursor", refused("x", null, "message:").field());
    assertEquals("cursor", refused("x", null, SearchInput.position(SearchType.MESSAGE, 100_000)).field());
  }
}
