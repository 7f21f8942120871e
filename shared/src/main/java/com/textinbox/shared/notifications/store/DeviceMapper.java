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
  static final String DEVICE_TYPE = "Device";
  static final String DEVICE_ID = "deviceId";
  static final String PLATFORM = "platform";
  static final String ENDPOINT_ARN = "endpointArn";
  static final String REGISTERED_AT = "registeredAt";
  static final String OWNER_TYPE = "PushTokenOwner";
  static final String DEVICES_PK = "devicesPk";

  private DeviceMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String userId, Device d) {
    return ItemBuilder.item(Keys.devicesOf(accountId, userId), Keys.deviceSk(d.deviceId()), DEVICE_TYPE)
        .str(DEVICE_ID, d.deviceId())
        .str(PLATFORM, d.platform())
        .str(ENDPOINT_ARN, d.endpointArn())
        .time(REGISTERED_AT, d.registeredAt())
        .build();
  }

  public static Device fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new Device(r.str(DEVICE_ID), r.str(PLATFORM), r.str(ENDPOINT_ARN), r.time(REGISTERED_AT));
  }

  public static Map<String, AttributeValue> toItem(PushTokenOwner owner) {
    return ItemBuilder.item(Keys.pushToken(owner.tokenHash()), Keys.PUSH_TOKEN_SK, OWNER_TYPE)
        .str(DEVICES_PK, Keys.devicesOf(owner.accountId(), owner.userId()))
        .build();
  }

  /** The owner named by the devices partition it holds ({@code A#<acct>#U#<userId>#DEVICES}; ids hold no '#'). */
  public static PushTokenOwner ownerFromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    String tokenHash = r.pk().substring(Keys.pushToken("").length());
    String devices = r.str(DEVICES_PK);
    String prefix = Keys.account("");
    String[] accountAndUser = devices.substring(prefix.length(), devices.lastIndexOf('#')).split("#U#", 2);
    return new PushTokenOwner(tokenHash, accountAndUser[0], accountAndUser[1]);
  }
}
