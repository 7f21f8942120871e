package com.textinbox.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Device;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.store.DeviceStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * The caller's mobile devices for push: {@code POST /me/devices} registers a device token as an SNS
 * platform endpoint of the app's platform application (Firebase Cloud Messaging, which reaches
 * Android and, through Firebase, iOS); {@code DELETE /me/devices/{deviceId}} removes it. The device
 * id is derived from the token, so registering the same token again is the same device.
 */
record DeviceRoutes(DeviceStore devices, Clock clock, Supplier<SnsClient> sns, String applicationArn) {
  static final Set<String> PLATFORMS = Set.of("android", "ios");
  static final int MAX_TOKEN = 4096;

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
      endpointArn = sns.get().createPlatformEndpoint(b -> b.platformApplicationArn(applicationArn).token(token)).endpointArn();
    } catch (InvalidParameterException e) {
      throw ApiError.invalid("token", "The push service refused this token.");
    } catch (NotFoundException e) {
      throw new ApiError(503, "push_unavailable", "Mobile push is not set up for this installation yet.", null);
    }
    String hash = NotificationIds.sha256Hex(token);
    Device device = new Device(Device.idOf(hash), platform, endpointArn, clock.instant());
    devices.register(caller.accountId(), caller.userId(), device, hash);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("deviceId", device.deviceId());
    answer.put("platform", platform);
    answer.put("registeredAt", Keys.time(device.registeredAt()));
    return ApiResponse.created(answer);
  }

  /** 204; 404 when the caller has no such device. */
  ApiResponse remove(ApiRequest request) {
    Caller caller = request.caller();
    String deviceId = request.pathParameter("deviceId");
    Device device = devices.get(caller.accountId(), caller.userId(), deviceId);
    if (device == null) {
      throw ApiError.notFound("The device");
    }
    sns.get().deleteEndpoint(b -> b.endpointArn(device.endpointArn()));
    devices.delete(caller.accountId(), caller.userId(), deviceId);
    return ApiResponse.noContent();
  }
}
