package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CustomerMessagesTest {
  @Test
  void aPreviewKeepsShortBodiesAndNeverCutsAnEmojiInTwo() {
    assertEquals("Hi", CustomerMessages.preview("Hi"));
    String body = "a".repeat(159) + "😀" + "tail";
    String preview = CustomerMessages.preview(body);
    assertEquals(160, preview.codePointCount(0, preview.length()));
    assertTrue(preview.endsWith("😀"), "the emoji is whole: " + preview);
  }
}
