package com.textinbox.shared.users;

import java.time.Instant;

/**
 * A user's away mode (A1-A3): on or off, the delegate who takes their new conversations (A2), when
 * they come back (A3) and since when this away period runs (A5 compares a reply with it).
 */
public record Away(boolean on, String delegateId, Instant returnAt, Instant since) {
  public static final Away OFF = new Away(false, null, null, null);

  /** Away mode on from {@code since}; the delegate and return date are optional. */
  public static Away on(String delegateId, Instant returnAt, Instant since) {
    return new Away(true, delegateId, returnAt, since);
  }
}
