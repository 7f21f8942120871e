package com.textinbox.notifications;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.NotificationIds;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * The caller's mobile devices for push: {@code POST /me/devices} registers a device token as an SNS
 * platform endpoint of the app's platform application (Firebase Cloud Messaging, which reaches
 * Android and, through Firebase, iOS); {@code DELETE /me/devices/{deviceId}} removes it. The device
 * id is derived from the token, so registering the same token again is the same device.
 */
final class DeviceRoutes {
  static final Set<String> PLATFORMS = Set.of("android", "ios");
  static final int MAX_TOKEN = 4096;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final SnsClient sns;
  private final String applicationArn;

  DeviceRoutes(DynamoDbClient dynamoDb, String table, Clock clock, SnsClient sns, String applicationArn) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.sns = sns;
    this.applicationArn = applicationArn;
  }

  /** {"platform": "android" | "ios", "token": "..."} -> 201 {deviceId, platform, registeredAt}. */
  ApiResponse register(ApiRequest request) {
    Caller caller = request.caller();
    JsonNode body = request.json();
    String platform = Json.text(body, "platform");
    if (platform == null || !PLATFORMS.contains(platform)) {
      throw ApiError.invalid("platform", "'platform' must be 'android' or 'ios'.");
    }
    String token = Json.text(body, "token");
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 32 && c < 127)) {
      throw ApiError.invalid("token", "'token' must be the push token the device got from Firebase (printable, at most "
          + MAX_TOKEN + " characters).");
    }
    String endpointArn;
    try {
      endpointArn = sns.createPlatformEndpoint(b -> b.platformApplicationArn(applicationArn).token(token)).endpointArn();
    } catch (InvalidParameterException e) {
      throw ApiError.invalid("token", "The push service refused this token.");
    } catch (NotFoundException e) {
      throw new ApiError(503, "push_unavailable", "Mobile push is not set up for this installation yet.", null);
    }
    String hash = NotificationIds.sha256Hex(token);
    String deviceId = "dev-" + hash.substring(0, 24);
    String now = Keys.time(clock.instant());
    String devicesPk = Keys.devicesOf(caller.accountId(), caller.userId());
    takeOver(hash, devicesPk, deviceId);
    Map<String, AttributeValue> item = new HashMap<>(key(devicesPk, Keys.deviceSk(deviceId)));
    item.put(Table.TYPE, s("Device"));
    item.put("deviceId", s(deviceId));
    item.put("platform", s(platform));
    item.put("endpointArn", s(endpointArn));
    item.put("registeredAt", s(now));
    dynamoDb.putItem(b -> b.tableName(table).item(item));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("deviceId", deviceId);
    answer.put("platform", platform);
    answer.put("registeredAt", now);
    return ApiResponse.created(answer);
  }

  /** 204; 404 when the caller has no such device. */
  ApiResponse remove(ApiRequest request) {
    Caller caller = request.caller();
    String deviceId = request.pathParameter("deviceId");
    Map<String, AttributeValue> deviceKey = key(Keys.devicesOf(caller.accountId(), caller.userId()), Keys.deviceSk(deviceId));
    Map<String, AttributeValue> device = dynamoDb.getItem(b -> b.tableName(table).key(deviceKey)).item();
    if (device == null || device.isEmpty()) {
      throw ApiError.notFound("The device");
    }
    sns.deleteEndpoint(b -> b.endpointArn(str(device, "endpointArn")));
    dynamoDb.deleteItem(b -> b.tableName(table).key(deviceKey));
    return ApiResponse.noContent();
  }

  /**
   * SNS keeps one endpoint per token: when the phone now signs in as another user (of this company
   * or another), the previous user's device item is removed, so their notifications stop going to
   * a phone that is no longer theirs. The token's owner is kept in a global look-up item.
   */
  private void takeOver(String tokenHash, String devicesPk, String deviceId) {
    Map<String, AttributeValue> ownerKey = key(Keys.pushToken(tokenHash), Keys.PUSH_TOKEN_SK);
    Map<String, AttributeValue> owner = dynamoDb.getItem(b -> b.tableName(table).key(ownerKey)).item();
    String previous = owner == null || owner.isEmpty() ? null : str(owner, "devicesPk");
    if (previous != null && !previous.equals(devicesPk)) {
      dynamoDb.deleteItem(b -> b.tableName(table).key(key(previous, Keys.deviceSk(deviceId))));
    }
    if (!devicesPk.equals(previous)) {
      dynamoDb.putItem(b -> b.tableName(table).item(Map.of(Table.PK, ownerKey.get(Table.PK), Table.SK, ownerKey.get(Table.SK),
          Table.TYPE, s("PushTokenOwner"), "devicesPk", s(devicesPk))));
    }
  }
}
