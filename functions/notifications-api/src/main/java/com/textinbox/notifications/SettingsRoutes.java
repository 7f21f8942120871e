package com.textinbox.notifications;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.DigestClock;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET / PUT {@code /me/notification-settings}. The settings item ({@code A#<acct>} /
 * {@code NOTIFYSETTINGS#<userId>}) holds them; a user who never saved any has the defaults. A digest
 * user's item is on the sparse GSI4 list {@code DUE#DIGEST}, sorted by their next digest time.
 */
final class SettingsRoutes {
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  SettingsRoutes(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  ApiResponse get(ApiRequest request) {
    Map<String, AttributeValue> item = read(request.caller());
    return ApiResponse.ok(view(NotificationSettings.fromItem(item), item));
  }

  /** Any subset of the settings' shape; the rest stays as it was. One GetItem, one PutItem. */
  ApiResponse put(ApiRequest request) {
    Caller caller = request.caller();
    Map<String, AttributeValue> current = read(caller);
    NotificationSettings before = NotificationSettings.fromItem(current);
    NotificationSettings after = before.merge(request.json());
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.account(caller.accountId()), Keys.notificationSettingsSk(caller.userId())));
    item.putAll(after.toAttributes());
    item.put(Table.TYPE, s("NotificationSettings"));
    item.put("accountId", s(caller.accountId()));
    item.put("userId", s(caller.userId()));
    Instant now = clock.instant();
    item.put("updatedAt", s(Keys.time(now)));
    String nextDigestAt = current == null ? null : str(current, "nextDigestAt");
    boolean sameSchedule = current != null && before.emailMode() == EmailMode.DIGEST
        && before.digestHour() == after.digestHour() && before.timeZone().equals(after.timeZone());
    if (after.emailMode() == EmailMode.DIGEST && (nextDigestAt == null || !sameSchedule)) {
      nextDigestAt = Keys.time(DigestClock.nextAfter(now, after.digestHour(), after.zone()));
    }
    // back to immediate: a digest still due stays on the list, so what it holds is still sent once
    if (nextDigestAt != null) {
      item.put("nextDigestAt", s(nextDigestAt));
      item.put(Table.GSI4PK, s(Keys.DIGESTS_DUE));
      item.put(Table.GSI4SK, s(nextDigestAt + "#" + caller.accountId() + "#" + caller.userId()));
    }
    dynamoDb.putItem(b -> b.tableName(table).item(item));
    return ApiResponse.ok(view(after, item));
  }

  private Map<String, AttributeValue> read(Caller caller) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
        .key(key(Keys.account(caller.accountId()), Keys.notificationSettingsSk(caller.userId())))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static Map<String, Object> view(NotificationSettings settings, Map<String, AttributeValue> item) {
    Map<String, Object> body = new LinkedHashMap<>(settings.toJson());
    if (settings.emailMode() == EmailMode.DIGEST && item != null && str(item, "nextDigestAt") != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> email = new LinkedHashMap<>((Map<String, Object>) body.get("email"));
      email.put("nextDigestAt", str(item, "nextDigestAt"));
      body.put("email", email);
    }
    return body;
  }
}
