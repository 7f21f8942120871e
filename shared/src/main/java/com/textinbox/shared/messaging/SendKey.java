package com.textinbox.shared.messaging;

import com.textinbox.shared.api.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * A staff client's {@code Idempotency-Key} on a send (C2, decision 74): the same key from the same
 * user within {@link #KEPT} stores and texts the message once, and a retry is answered with that
 * message. The fingerprint is the request (route, target and body): the key sent again with another
 * request is refused rather than answered with a message the user did not ask for.
 */
public record SendKey(String value, String fingerprint) {
  /** The header, as API Gateway and the local cloud pass it (names in lower case). */
  public static final String HEADER = "Idempotency-Key";
  /** How long a key is remembered (DynamoDB TTL): far longer than any client's retries. */
  public static final Duration KEPT = Duration.ofHours(24);
  static final int MAX_LENGTH = 255;

  /**
   * The request's key, or null when it has none; 400 naming the header when the key is not 1 to
   * 255 visible ASCII characters (a UUID is usual).
   *
   * @param route what is sent to ({@code conversation}, {@code customer}, {@code appointment})
   * @param target that one's id
   * @param body the request's JSON body as text, in one canonical form (read only when there is a key)
   */
  public static SendKey of(String header, String route, String target, Supplier<String> body) {
    if (header == null) {
      return null;
    }
    if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw ApiError.invalid(HEADER, "The Idempotency-Key header must be 1 to " + MAX_LENGTH
          + " visible ASCII characters, no spaces (a UUID is usual); send a new one for each new message.");
    }
    return new SendKey(header, sha256(route + "\n" + target + "\n" + body.get()));
  }

  /**
   * Checks that this request is the one the key was first sent with ({@code fingerprint}): else a
   * 422 naming the header, so the client learns its mistake and no message is guessed for it.
   */
  public void requireSameRequestAs(String fingerprint) {
    if (!this.fingerprint.equals(fingerprint)) {
      throw reusedForAnotherMessage();
    }
  }

  private static ApiError reusedForAnotherMessage() {
    return new ApiError(422, "idempotency_key_reused",
        "This Idempotency-Key was used for another message (another conversation, customer or text) in the last 24 hours;"
            + " send a new key with each new message.", HEADER);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
