package com.textinbox.searchapi;

import com.textinbox.shared.api.ApiError;
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
 * <p>A cursor is the {@code nextCursor} of one group of an earlier answer, made by the shared
 * {@code Cursors} (decision 55: HMAC under the stage's key, bound to the caller, the route and
 * {@code q} and {@code types}): it names that type and where its next page starts, and then only
 * that group is searched. Sent with another {@code q} or {@code types}, by another company or
 * user, or altered, it is a 400 naming {@code cursor}.
 */
record SearchInput(String text, Set<SearchType> types, Map<SearchType, Integer> from) {
  static final int MAX_LENGTH = 200;
  static final int PAGE_SIZE = 10;
  /** Past this, a person refines the query: deep pages cost the index more and help nobody. */
  static final int MAX_FROM = 500;

  /** {@code position}: what the request's cursor holds ({@code Cursors.decode}: checked, null without one). */
  static SearchInput of(String q, String types, String position) {
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
    if (position != null) {
      Map.Entry<SearchType, Integer> page = page(position);
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

  /** The position a group's {@code nextCursor} holds ({@code <type>:<from>}), signed by {@code Cursors}. */
  static String position(SearchType type, int from) {
    return type.kind() + ":" + from;
  }

  /**
   * The group and start of a position. It comes from a cursor whose MAC checked (bound to the
   * company, the user, the route, {@code q} and {@code types}), so it is one this API wrote; it is
   * read defensively all the same.
   */
  private static Map.Entry<SearchType, Integer> page(String position) {
    int colon = position.indexOf(':');
    try {
      SearchType type = SearchType.of(colon < 0 ? "" : position.substring(0, colon)).orElseThrow();
      int from = Integer.parseInt(position.substring(colon + 1));
      if (from < 0 || from > MAX_FROM) {
        throw new IllegalArgumentException("out of range");
      }
      return Map.entry(type, from);
    } catch (RuntimeException e) {
      throw ApiError.invalid("cursor", "This cursor is not one this API gave: start the search again without it.");
    }
  }
}
