package com.textinbox.shared.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret part of an API key (AP4, docs/decisions.md 48): {@code tik_} and 32 random bytes
 * (256 bits) in base64url, shown once; the table keeps only its SHA-256. A fast, unsalted hash is
 * enough because the key is random, not chosen by a person: with 2^256 keys no dictionary or
 * brute force applies, while a slow password hash (bcrypt, Argon2) would cost every authorized
 * request tens of milliseconds, and a salt would forbid finding the key by its hash in one GetItem.
 */
public final class ApiKeySecret {
  public static final String PREFIX = "tik_";
  private static final int RANDOM_BYTES = 32;
  /** tik_ and 43 base64url characters (32 bytes, no padding). */
  private static final Pattern SHAPE = Pattern.compile("tik_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecret() {}

  /** A new key, from the platform's strong random source. */
  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code key} has the shape of a key (else it is refused without a table read). */
  public static boolean wellFormed(String key) {
    return key != null && SHAPE.matcher(key).matches();
  }

  /** The SHA-256 of the key, in lower-case hex: what the table keeps and looks keys up by. */
  public static String hash(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The last four characters, shown in lists so admins can tell their keys apart. */
  public static String lastFour(String key) {
    return key.substring(key.length() - 4);
  }
}
