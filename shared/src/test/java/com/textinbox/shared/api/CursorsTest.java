package com.textinbox.shared.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opaque cursors bound to the caller, the list and its filters (decision 55). */
class CursorsTest {
  private static final Cursors CURSORS = new Cursors("a-test-cursor-key-of-at-least-32-characters");
  private static final String POSITION = "2026-11-21T15:00:00.000Z#conv-1";

  private static ApiRequest request(String account, String user, String path, Map<String, String> query) {
    return new ApiRequest("GET", "/conversations", path, Map.of(), query, Map.of(), null, new Caller(account, user, Role.USER, null));
  }

  private static ApiRequest next(ApiRequest first, String cursor, Map<String, String> otherQuery) {
    Map<String, String> query = new HashMap<>(otherQuery);
    query.put("cursor", cursor);
    return new ApiRequest(first.method(), first.resource(), first.path(), Map.of(), query, Map.of(), null, first.caller());
  }

  private static void refused(ApiRequest request) {
    ApiError error = assertThrows(ApiError.class, () -> CURSORS.decode(request));
    assertEquals(400, error.status());
    assertEquals("cursor", error.field());
  }

  @Test
  void aCursorComesBackAsItsPositionForTheSameListFiltersAndCaller() {
    ApiRequest first = request("acct-1", "user-1", "/conversations", Map.of("status", "all", "limit", "10"));
    String cursor = CURSORS.encode(first, POSITION);
    assertFalse(cursor.contains("conv-1"), "opaque");
    // the page size may change between pages
    assertEquals(POSITION, CURSORS.decode(next(first, cursor, Map.of("status", "all", "limit", "50"))));
    assertNull(CURSORS.decode(first));
    assertNull(CURSORS.encode(first, null));
  }

  @Test
  void anotherCompanysUsersListsOrFiltersCursorIsRefused() {
    ApiRequest first = request("acct-1", "user-1", "/conversations", Map.of("status", "all"));
    String cursor = CURSORS.encode(first, POSITION);
    refused(next(request("acct-2", "user-1", "/conversations", Map.of()), cursor, Map.of("status", "all")));
    refused(next(request("acct-1", "user-2", "/conversations", Map.of()), cursor, Map.of("status", "all")));
    refused(next(request("acct-1", "user-1", "/customers", Map.of()), cursor, Map.of("status", "all")));
    refused(next(first, cursor, Map.of("status", "open")));
    refused(next(first, cursor, Map.of()));
    refused(next(first, cursor, Map.of("status", "all", "filter", "unread")));
    refused(next(first, CURSORS.encode(first, POSITION), Map.of("status", "all", "assignee", "me")));
  }

  @Test
  void aTamperedOrForeignCursorIsRefused() {
    ApiRequest first = request("acct-1", "user-1", "/conversations", Map.of());
    String cursor = CURSORS.encode(first, POSITION);
    char last = cursor.charAt(cursor.length() - 1);
    refused(next(first, cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A'), Map.of()));
    refused(next(first, "not a cursor!", Map.of()));
    refused(next(first, "djF8MjAyNi0xMS0yMVQxNTowMDowMC4wMDBaI2NvbnYtMQ", Map.of())); // the old readable form
    refused(next(first, new Cursors("another-stage-key-of-at-least-32-characters").encode(first, POSITION), Map.of()));
  }

  @Test
  void aShortKeyIsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> new Cursors("short"));
  }
}
