package com.textinbox.shared.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which saved mapping a file may reuse (P4): the one saved for the same column titles, in the same
 * order, ignoring case and accents (next month's export of the same DMS report).
 */
public final class MappingFingerprint {
  private MappingFingerprint() {}

  public static String of(List<String> titles) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String title : titles) {
        sha.update(MappingProposal.normalized(title).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
