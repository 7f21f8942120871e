package com.textinbox.shared.messaging;

/** Rules about customers and their messages that the inbound and outbound paths share. */
public final class CustomerMessages {
  /** A conversation's {@code lastMessagePreview} keeps this many characters (code points). */
  public static final int PREVIEW_CODE_POINTS = 160;

  private CustomerMessages() {}

  /** The first {@value #PREVIEW_CODE_POINTS} characters of a body, counted in code points: an emoji is never cut in two. */
  public static String preview(String body) {
    return firstCodePoints(body, PREVIEW_CODE_POINTS);
  }

  /** The text itself when it has at most {@code max} code points, else its first {@code max}. */
  public static String firstCodePoints(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max));
  }
}
