package com.textinbox.searchapi;

import java.util.List;

/** The answer of {@code GET /search} (docs/openapi.yaml, SearchResults): one group per type asked, in the order customer, message, appointment, invoice. */
record SearchResultsView(String query, List<Group> groups) {
  /** The results of one type: {@code total} matches (counted up to 10,000), this page, and the cursor of the next one (null on the last). */
  record Group(String type, long total, List<SearchHitView> items, String nextCursor) {}
}
