package com.textinbox.shared.notifications;

import java.time.Instant;

/**
 * A mobile device a user registered for push: its SNS platform endpoint. The id is derived from
 * the push token ({@link #idOf}), so registering the same token again is the same device.
 */
public record Device(String deviceId, String platform, String endpointArn, Instant registeredAt) {
  /** {@code dev-<24 hex of sha-256(token)>}. */
  public static String idOf(String tokenHash) {
    return "dev-" + tokenHash.substring(0, 24);
  }
}
