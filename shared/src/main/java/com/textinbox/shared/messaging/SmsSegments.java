package com.textinbox.shared.messaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * How carriers will split an SMS body into message parts (each one billed, each one counted against
 * the number's parts-per-second limit). Counted the way the SMSC packs them, not just by dividing:
 * an escaped GSM-7 character (2 septets) and a UTF-16 surrogate pair are never cut in two, so a
 * segment can end one unit short.
 *
 * <p>An empty body has 0 segments: there is nothing to send (refusing an empty body is the
 * sender's job, with its own error), and a compose box that is empty shows "0".
 */
public record SmsSegments(Encoding encoding, int segments, int units, int charactersLeftInSegment) {

  /**
   * The product's cap on one body: each part is billed, and the longer a concatenated SMS, the more
   * likely some handset shows it out of order or in pieces.
   */
  public static final int MAX_SEGMENTS = 10;

  /** The alphabet the whole body travels in: one character outside GSM-7 makes all of it UCS-2. */
  public enum Encoding {
    GSM7(160, 153),
    UCS2(70, 67);

    private final int single;
    private final int perPart;

    Encoding(int single, int perPart) {
      this.single = single;
      this.perPart = perPart;
    }

    /** Units (septets or UTF-16 units) in a message sent as one part. */
    public int singleSegmentUnits() {
      return single;
    }

    /** Units in each part of a multipart message (the concatenation header takes the rest). */
    public int multipartSegmentUnits() {
      return perPart;
    }
  }

  /**
   * 3GPP TS 23.038 default alphabet, in code order, 0x1B (the escape) left out. 0x09 is capital
   * Ç there, as in Twilio's segment calculator; small ç (U+00E7) is not in it. The old Unicode
   * GSM0338.TXT mapping reads 0x09 as ç and AWS does not say which it uses, so ç is counted as
   * UCS-2: over-counting wastes a part at worst, under-counting could let a body past the limit.
   */
  static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table: each is sent as ESC + code, two septets. */
  static final String EXTENSION = "\f^{}\\[~]|€";

  public static SmsSegments of(String body) {
    Objects.requireNonNull(body, "body");
    return isGsm7(body) ? countGsm7(body) : countUcs2(body);
  }

  /** At most {@link #MAX_SEGMENTS} parts (an empty body fits: emptiness is refused elsewhere). */
  public boolean fits() {
    return segments <= MAX_SEGMENTS;
  }

  private static boolean isGsm7(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static SmsSegments countGsm7(String body) {
    int[] sizes = new int[body.length()];
    for (int i = 0; i < body.length(); i++) {
      sizes[i] = EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
    }
    return pack(Encoding.GSM7, sizes);
  }

  private static SmsSegments countUcs2(String body) {
    int[] sizes = new int[body.length()];
    int n = 0;
    for (int i = 0; i < body.length(); i++) {
      boolean pair = Character.isHighSurrogate(body.charAt(i))
          && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1));
      sizes[n++] = pair ? 2 : 1; // a lone surrogate is still one unit on the wire
      if (pair) {
        i++;
      }
    }
    return pack(Encoding.UCS2, Arrays.copyOf(sizes, n));
  }

  /** {@code sizes}: the units of each indivisible piece of the body, in order. */
  private static SmsSegments pack(Encoding encoding, int[] sizes) {
    int units = 0;
    for (int size : sizes) {
      units += size;
    }
    if (units == 0) {
      return new SmsSegments(encoding, 0, 0, encoding.singleSegmentUnits());
    }
    if (units <= encoding.singleSegmentUnits()) {
      return new SmsSegments(encoding, 1, units, encoding.singleSegmentUnits() - units);
    }
    int capacity = encoding.multipartSegmentUnits();
    int segments = 1;
    int used = 0;
    for (int size : sizes) {
      if (used + size > capacity) { // does not fit whole: it opens the next part
        segments++;
        used = 0;
      }
      used += size;
    }
    return new SmsSegments(encoding, segments, units, capacity - used);
  }
}
