package com.textinbox.notifications;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationView;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.store.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification center (N7): a user's notifications, unread first (the sparse GSI1 list
 * {@code A#<acct>#U#<userId>#UNREAD}, then the read ones of the partition) or by time; the unread
 * count; mark one or all read (a read item leaves the unread list).
 */
record CenterRoutes(NotificationStore store, Clock clock, Cursors cursors) {
  /** When {@code limit} is not given (at most 100: the route's schema, checked first). */
  static final int DEFAULT_LIMIT = 25;
  /** How many notifications one "mark all read" marks. */
  static final int MAX_LIMIT = 100;
  /** The unread count stops counting here ("999+" for a client). */
  static final int COUNT_CAP = 1000;

  /**
   * {@code order=unread} (default): the unread list newest first, then the read ones newest first
   * (the cursor says which part it is in); {@code order=time}: all newest first.
   */
  ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    // unread or time: the route's schema (docs/openapi.yaml) refused anything else first
    String order = request.query("order") == null ? "unread" : request.query("order");
    int limit = request.intQuery("limit", DEFAULT_LIMIT);
    Cursor cursor = Cursor.decode(cursors.decode(request), order);
    List<Map<String, Object>> page = new ArrayList<>();
    String next = null;
    if (cursor.part().equals("u")) {
      Page<Notification> unread = store.unread(caller.accountId(), caller.userId(), cursor.after(), limit);
      unread.items().forEach(n -> page.add(NotificationView.of(n)));
      if (unread.nextCursor() != null) {
        next = cursors.encode(request, new Cursor("u", unread.nextCursor()).position());
      } else {
        cursor = new Cursor("r", null);
      }
    }
    if (next == null && !cursor.part().equals("u") && page.size() < limit) {
      // order=unread: the unread ones came first, only the read ones follow
      Page<Notification> all = store.all(caller.accountId(), caller.userId(), cursor.after(), limit - page.size(),
          cursor.part().equals("r"));
      all.items().forEach(n -> page.add(NotificationView.of(n)));
      if (all.nextCursor() != null) {
        next = cursors.encode(request, new Cursor(cursor.part(), all.nextCursor()).position());
      }
    } else if (next == null && cursor.part().equals("r")) {
      next = cursors.encode(request, new Cursor("r", null).position()); // the page filled up with unread ones: the read ones follow
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifications", page);
    body.put("nextCursor", next);
    return ApiResponse.ok(body);
  }

  /** {"unread": n}, counted on the unread list (at most {@link #COUNT_CAP}). */
  ApiResponse unreadCount(ApiRequest request) {
    Caller caller = request.caller();
    int count = store.countUnread(caller.accountId(), caller.userId(), COUNT_CAP);
    return ApiResponse.ok(Map.of("unread", Math.min(count, COUNT_CAP), "capped", count >= COUNT_CAP));
  }

  /** Marks one read (idempotent: reading it again keeps the first readAt). 404 when it is not the caller's. */
  ApiResponse markRead(ApiRequest request) {
    Caller caller = request.caller();
    String id = request.pathParameter("notificationId");
    if (!store.markRead(caller.accountId(), caller.userId(), id, clock.instant())) {
      throw ApiError.notFound("The notification");
    }
    return ApiResponse.ok(Map.of("id", id, "read", true));
  }

  /** Marks every unread one read: one Query page of the unread list, one UpdateItem each, until none is left. */
  ApiResponse markAllRead(ApiRequest request) {
    Caller caller = request.caller();
    return ApiResponse.ok(Map.of("marked", store.markAllRead(caller.accountId(), caller.userId(), clock.instant(), MAX_LIMIT)));
  }

  /**
   * Where a page starts: the part ({@code u} unread list, {@code r} read ones after it, {@code t} all
   * by time) and the last sort key seen (none: its start), as {@code v1|<part>|<key>} inside the
   * shared, signed cursor (Cursors: bound to the caller and to {@code order}).
   */
  record Cursor(String part, String after) {
    String position() {
      return "v1|" + part + "|" + (after == null ? "" : after);
    }

    static Cursor decode(String decoded, String order) {
      if (decoded == null) {
        return new Cursor(order.equals("time") ? "t" : "u", null);
      }
      String[] parts = decoded.split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals("v1")) {
        throw invalid();
      }
      boolean fits = order.equals("time") ? parts[1].equals("t") : parts[1].equals("u") || parts[1].equals("r");
      String after = parts[2].isEmpty() ? null : parts[2];
      boolean keyShape = after == null ? !parts[1].equals("u") && !parts[1].equals("t")
          : parts[1].equals("u") ? after.matches("\\d{4}-.*#n\\d+-[0-9a-f]{16}") : after.startsWith(Keys.NOTIFICATION_PREFIX);
      if (!fits || !keyShape) {
        throw invalid();
      }
      return new Cursor(parts[1], after);
    }

    private static ApiError invalid() {
      return ApiError.invalid("cursor", "The cursor is not one this API gave (or was given for another order).");
    }
  }
}
