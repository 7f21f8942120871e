package com.textinbox.searchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A search as asked ({@code GET /search?q=&types=&cursor=}), checked: the text (1-200 characters,
 * at least one letter or digit: a query of only {@code *}, quotes or operators would find nothing
 * or everything, so it is refused with a 400), the types asked for, and where each group starts.
 * The text is never parsed as query syntax: it only ever reaches match and term queries
 * ({@link QueryBuilder}), so {@code "}, {@code *}, {@code OR}, {@code \} are plain characters.
 *
 * <p>A cursor is the {@code nextCursor} of one group of an earlier answer: it names that type and
 * where its next page starts, and then only that group is searched.
 */
record SearchInput(String text, Set<SearchType> types, Map<SearchType, Integer> from) {
  static final int MAX_LENGTH = 200;
  static final int PAGE_SIZE = 10;
  /** Past this, a person refines the query: deep pages cost the index more and help nobody. */
  static final int MAX_FROM = 500;

  static SearchInput of(String q, String types, String cursor) {
    String text = q == null ? "" : q.strip();
    if (text.isEmpty()) {
      throw ApiError.invalid("q", "Type what to search for (q).");
    }
    if (text.length() > MAX_LENGTH) {
      throw ApiError.invalid("q", "A search is at most " + MAX_LENGTH + " characters.");
    }
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw ApiError.invalid("q", "A search needs at least one letter or digit.");
    }
    Map<SearchType, Integer> from = new EnumMap<>(SearchType.class);
    Set<SearchType> asked = typesOf(types);
    if (cursor != null && !cursor.isBlank()) {
      Map.Entry<SearchType, Integer> page = cursor(cursor);
      if (!asked.contains(page.getKey())) {
        throw ApiError.invalid("cursor", "This cursor is for " + page.getKey().kind() + " results, which types= leaves out.");
      }
      asked = EnumSet.of(page.getKey());
      from.put(page.getKey(), page.getValue());
    }
    for (SearchType type : asked) {
      from.putIfAbsent(type, 0);
    }
    return new SearchInput(text, asked, from);
  }

  private static Set<SearchType> typesOf(String types) {
    if (types == null || types.isBlank()) {
      return EnumSet.allOf(SearchType.class);
    }
    Set<SearchType> asked = new LinkedHashSet<>();
    for (String name : types.split(",", -1)) {
      asked.add(SearchType.of(name.strip()).orElseThrow(() -> ApiError.invalid("types",
          "Unknown type '" + (name.length() > 20 ? name.substring(0, 20) + "..." : name) + "': use customer, message, appointment, invoice.")));
    }
    return EnumSet.copyOf(asked);
  }

  /** The cursor of the page after {@code from} in one group. */
  static String cursor(SearchType type, int from) {
    String json = Json.write(Map.of("t", type.kind(), "f", from));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map.Entry<SearchType, Integer> cursor(String cursor) {
    try {
      if (cursor.length() > 100) {
        throw new IllegalArgumentException("too long");
      }
      JsonNode page = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      SearchType type = SearchType.of(page.path("t").asText()).orElseThrow();
      int from = page.path("f").asInt(-1);
      if (from < 0 || from > MAX_FROM || !page.path("f").isInt()) {
        throw new IllegalArgumentException("out of range");
      }
      return Map.entry(type, from);
    } catch (RuntimeException e) {
      throw ApiError.invalid("cursor", "This cursor is not one this API gave: start the search again without it.");
    }
  }
}
