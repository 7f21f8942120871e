package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.Device;
import com.textinbox.shared.notifications.PushTokenOwner;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mobile devices users registered for push, and who each push token belongs to now. */
public record DeviceStore(DynamoTable table) {
  /**
   * Registers the device as this user's. SNS keeps one endpoint per token: when the phone now signs
   * in as another user (of this company or another), the previous user's device item is removed,
   * so their notifications stop going to a phone that is no longer theirs. 1 GetItem + 1 PutItem
   * (+1 DeleteItem and +1 PutItem on a change of owner).
   */
  public void register(String accountId, String userId, Device device, String tokenHash) {
    Map<String, AttributeValue> ownerItem = table.get(Keys.pushToken(tokenHash), Keys.PUSH_TOKEN_SK);
    PushTokenOwner previous = ownerItem == null ? null : DeviceMapper.ownerFromItem(ownerItem);
    boolean same = previous != null && previous.accountId().equals(accountId) && previous.userId().equals(userId);
    if (previous != null && !same) {
      delete(previous.accountId(), previous.userId(), device.deviceId());
    }
    if (!same) {
      table.put(DeviceMapper.toItem(new PushTokenOwner(tokenHash, accountId, userId)));
    }
    table.put(DeviceMapper.toItem(accountId, userId, device));
  }

  /** The user's device, or null. */
  public Device get(String accountId, String userId, String deviceId) {
    Map<String, AttributeValue> item = table.get(Keys.devicesOf(accountId, userId), Keys.deviceSk(deviceId));
    return item == null ? null : DeviceMapper.fromItem(item);
  }

  /** The user's devices (one Query). */
  public List<Device> devicesOf(String accountId, String userId) {
    return table.query(Query.table(Keys.devicesOf(accountId, userId))).items().stream().map(DeviceMapper::fromItem).toList();
  }

  public void delete(String accountId, String userId, String deviceId) {
    table.delete(Keys.devicesOf(accountId, userId), Keys.deviceSk(deviceId));
  }
}
