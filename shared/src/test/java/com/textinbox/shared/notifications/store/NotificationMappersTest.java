package com.textinbox.shared.notifications.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Category;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Device;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.PushTokenOwner;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Each notification item written and read back, with its keys, without DynamoDB. */
class NotificationMappersTest {
  private static final Instant AT = Instant.parse("2026-11-21T14:03:00Z");
  private static final Content CONTENT = new Content("New message from John Smith", "Is my car ready?",
      "/conversations/conv-john", "View conversation");

  @Test
  void anUnreadCenterItemIsOnTheUnreadListAndExpires() {
    String id = NotificationIds.of("evt-1", "user-bruno", AT);
    Notification n = new Notification(id, "evt-1", "message.received", Category.CONVERSATION, AT, CONTENT, "conv-john",
        "cust-john", null, Set.of(Channel.EMAIL, Channel.PUSH));
    Map<String, AttributeValue> item = NotificationMapper.toItem("acct-1", "user-bruno", n, AT.plusSeconds(60));
    assertEquals(Keys.notificationsOf("acct-1", "user-bruno"), item.get(Table.PK).s());
    assertEquals(NotificationIds.sortKey(id).orElseThrow(), item.get(Table.SK).s(), "the API finds it from the id");
    assertEquals(Keys.unreadNotificationsOf("acct-1", "user-bruno"), item.get(Table.GSI1PK).s());
    assertEquals("2026-11-21T14:03:00.000Z#" + id, item.get(Table.GSI1SK).s());
    assertEquals(Long.toString(AT.plusSeconds(60).getEpochSecond()), item.get(Table.EXPIRES_AT).n());
    assertEquals("Notification", item.get(Table.TYPE).s());
    assertEquals(n, NotificationMapper.fromItem(item));
  }

  @Test
  void aReadCenterItemLeavesTheUnreadListAndNothingPendingIsNoAttribute() {
    Notification n = new Notification("n1-0123456789abcdef", "evt-1", "invoice.paid", Category.INVOICE, AT,
        new Content("Invoice paid", null, null, "View invoice"), null, null, AT.plusSeconds(5), Set.of());
    Map<String, AttributeValue> item = NotificationMapper.toItem("acct-1", "user-bruno", n, null);
    assertFalse(item.containsKey(Table.GSI1PK));
    assertFalse(item.containsKey("pending"));
    assertFalse(item.containsKey(Table.EXPIRES_AT));
    assertEquals(n, NotificationMapper.fromItem(item));
  }

  @Test
  void aDigestItemIsKeyedByItsTimeAndId() {
    DigestItem d = new DigestItem("n1-0123456789abcdef", AT, CONTENT);
    Map<String, AttributeValue> item = DigestItemMapper.toItem("acct-1", "user-dana", d);
    assertEquals(Keys.digestOf("acct-1", "user-dana"), item.get(Table.PK).s());
    assertEquals("2026-11-21T14:03:00.000Z#n1-0123456789abcdef", item.get(Table.SK).s());
    assertEquals(d, DigestItemMapper.fromItem(item));
  }

  @Test
  void aDeviceAndItsTokenOwner() {
    Device device = new Device(Device.idOf(NotificationIds.sha256Hex("token")), "android", "arn:aws:sns:x:endpoint/GCM/a/1", AT);
    Map<String, AttributeValue> item = DeviceMapper.toItem("acct-1", "user-erin", device);
    assertEquals(Keys.devicesOf("acct-1", "user-erin"), item.get(Table.PK).s());
    assertEquals(Keys.deviceSk(device.deviceId()), item.get(Table.SK).s());
    assertEquals(device, DeviceMapper.fromItem(item));
    PushTokenOwner owner = new PushTokenOwner(NotificationIds.sha256Hex("token"), "acct-1", "user-erin");
    Map<String, AttributeValue> ownerItem = DeviceMapper.toItem(owner);
    assertEquals(Keys.pushToken(owner.tokenHash()), ownerItem.get(Table.PK).s());
    assertEquals(Keys.devicesOf("acct-1", "user-erin"), ownerItem.get("devicesPk").s());
    assertEquals(owner, DeviceMapper.ownerFromItem(ownerItem));
  }

  @Test
  void settingsOnTheDueListWhileADigestIsScheduled() {
    NotificationSettings digest = NotificationSettings.defaults().merge(Json.read(
        "{\"categories\":{\"invoice\":{\"push\":true}},\"email\":{\"mode\":\"digest\",\"digestHour\":7,\"timeZone\":\"Europe/Paris\"}}"));
    NotificationSettingsItem scheduled = new NotificationSettingsItem("acct-1", "user-dana", digest, AT,
        Instant.parse("2026-11-22T06:00:00Z"), AT.minusSeconds(86400));
    Map<String, AttributeValue> item = NotificationSettingsMapper.toItem(scheduled);
    assertEquals(Keys.account("acct-1"), item.get(Table.PK).s());
    assertEquals(Keys.notificationSettingsSk("user-dana"), item.get(Table.SK).s());
    assertEquals(Keys.DIGESTS_DUE, item.get(Table.GSI4PK).s());
    assertEquals("2026-11-22T06:00:00.000Z#acct-1#user-dana", item.get(Table.GSI4SK).s());
    assertEquals(scheduled, NotificationSettingsMapper.fromItem(item));

    NotificationSettingsItem immediate = new NotificationSettingsItem("acct-1", "user-dana", NotificationSettings.defaults(),
        AT, null, null);
    Map<String, AttributeValue> off = NotificationSettingsMapper.toItem(immediate);
    assertFalse(off.containsKey(Table.GSI4PK));
    assertEquals(immediate, NotificationSettingsMapper.fromItem(off));
  }

  @Test
  void noSettingsItemOrMissingAttributesAreTheDefaults() {
    NotificationSettingsItem none = NotificationSettingsMapper.fromItem("acct-1", "user-x", null);
    assertEquals(NotificationSettings.defaults(), none.settings());
    assertNull(none.nextDigestAt());
    NotificationSettingsItem partial = NotificationSettingsMapper.fromItem("acct-1", "user-x", Map.of(
        "emailMode", AttributeValue.fromS("digest"), "timeZone", AttributeValue.fromS("Mars/Olympus"),
        "categories", AttributeValue.fromM(Map.of("appointment", AttributeValue.fromM(Map.of("push", AttributeValue.fromBool(true)))))));
    assertEquals(NotificationSettings.EmailMode.DIGEST, partial.settings().emailMode());
    assertEquals(NotificationSettings.DEFAULT_TIME_ZONE, partial.settings().timeZone());
    assertTrue(partial.settings().enabled(Category.APPOINTMENT, Channel.PUSH));
    assertTrue(partial.settings().enabled(Category.APPOINTMENT, Channel.BROWSER), "the category's defaults stay");
    assertEquals("user-x", partial.userId());
  }
}
