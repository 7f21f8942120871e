package com.textinbox.shared.live;

import java.time.Instant;

/** An open WebSocket connection of a user's browser (N11), kept until {@code expiresAt}. */
public record LiveConnection(String accountId, String userId, String connectionId, Instant connectedAt, Instant expiresAt) {
  /** Whether DynamoDB's TTL should have deleted it by {@code now} (it does so up to days late). */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && expiresAt.getEpochSecond() <= now.getEpochSecond();
  }
}
