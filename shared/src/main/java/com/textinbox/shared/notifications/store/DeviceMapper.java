package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.Device;
import com.textinbox.shared.notifications.PushTokenOwner;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's device ({@code A#<acct>#U#<userId>#DEVICES} / {@code DEVICE#<deviceId>}) and the global
 * owner of a push token ({@code PUSHTOKEN#<hash>} / {@code PUSHTOKEN}, holding the owner's devices
 * partition).
 */
public final class DeviceMapper {

  private DeviceMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String userId, Device d) {
    return ItemBuilder.item(Keys.devicesOf(accountId, userId), Keys.deviceSk(d.deviceId()), "Device")
        .str("deviceId", d.deviceId())
        .str("platform", d.platform())
        .str("endpointArn", d.endpointArn())
        .time("registeredAt", d.registeredAt())
        .build();
  }

  public static Device fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new Device(r.str("deviceId"), r.str("platform"), r.str("endpointArn"), r.time("registeredAt"));
  }

  public static Map<String, AttributeValue> toItem(PushTokenOwner owner) {
    return ItemBuilder.item(Keys.pushToken(owner.tokenHash()), Keys.PUSH_TOKEN_SK, "PushTokenOwner")
        .str("devicesPk", Keys.devicesOf(owner.accountId(), owner.userId()))
        .build();
  }

  /** The owner named by the devices partition it holds ({@code A#<acct>#U#<userId>#DEVICES}; ids hold no '#'). */
  public static PushTokenOwner ownerFromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    String tokenHash = r.pk().substring(Keys.pushToken("").length());
    String devices = r.str("devicesPk");
    String prefix = Keys.account("");
    String[] accountAndUser = devices.substring(prefix.length(), devices.lastIndexOf('#')).split("#U#", 2);
    return new PushTokenOwner(tokenHash, accountAndUser[0], accountAndUser[1]);
  }
}
