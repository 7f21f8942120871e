package com.textinbox.notifications;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.DigestClock;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET / PUT {@code /me/notification-settings}. The settings item ({@code A#<acct>} /
 * {@code NOTIFYSETTINGS#<userId>}) holds them; a user who never saved any has the defaults. A digest
 * user's item is on the sparse GSI4 list {@code DUE#DIGEST}, sorted by their next digest time.
 */
record SettingsRoutes(NotificationSettingsStore store, Clock clock) {
  ApiResponse get(ApiRequest request) {
    Caller caller = request.caller();
    NotificationSettingsItem item = store.get(caller.accountId(), caller.userId());
    return ApiResponse.ok(view(item.settings().forRole(caller.isAdmin()), item.nextDigestAt()));
  }

  /** Any subset of the settings' shape; the rest stays as it was. One GetItem, one PutItem. */
  ApiResponse put(ApiRequest request) {
    Caller caller = request.caller();
    NotificationSettingsItem current = store.get(caller.accountId(), caller.userId());
    NotificationSettings before = current.settings().forRole(caller.isAdmin());
    NotificationSettings after = before.merge(request.json());
    Instant now = clock.instant();
    Instant nextDigestAt = current.nextDigestAt();
    boolean sameSchedule = before.emailMode() == EmailMode.DIGEST
        && before.digestHour() == after.digestHour() && before.timeZone().equals(after.timeZone());
    if (after.emailMode() == EmailMode.DIGEST && (nextDigestAt == null || !sameSchedule)) {
      nextDigestAt = DigestClock.nextAfter(now, after.digestHour(), after.zone());
    }
    // back to immediate: a digest still due stays on the list, so what it holds is still sent once
    NotificationSettingsItem saved = new NotificationSettingsItem(caller.accountId(), caller.userId(), after, now,
        nextDigestAt, current.lastDigestAt());
    store.put(saved);
    return ApiResponse.ok(view(saved.settings(), saved.nextDigestAt()));
  }

  private static Map<String, Object> view(NotificationSettings settings, Instant nextDigestAt) {
    Map<String, Object> body = new LinkedHashMap<>(settings.toJson());
    if (settings.emailMode() == EmailMode.DIGEST && nextDigestAt != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> email = new LinkedHashMap<>((Map<String, Object>) body.get("email"));
      email.put("nextDigestAt", Keys.time(nextDigestAt));
      body.put("email", email);
    }
    return body;
  }
}
