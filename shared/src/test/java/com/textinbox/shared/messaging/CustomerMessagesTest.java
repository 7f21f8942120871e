package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CustomerMessagesTest {
  @Test
  void aPreviewKeepsShortBodiesAndNeverCutsAnEmojiInTwo() {
    assertEquals("Hi", CustomerMessages.preview("Hi"));
    String body = "a".repeat(159) + "😀" + "tail";
    String preview = CustomerMessages.preview(body);
    assertEquals(160, preview.codePointCount(0, preview.length()));
    assertTrue(preview.endsWith("😀"), "the emoji is whole: " + preview);
  }

  @Test
  void aProfileIsSubscribedUnlessItSaysOtherwise() {
    assertTrue(CustomerMessages.subscribed(Map.of()), "demo data and imports carry no flag");
    assertTrue(CustomerMessages.subscribed(Map.of("subscribed", AttributeValue.fromBool(true))));
    assertFalse(CustomerMessages.subscribed(Map.of("subscribed", AttributeValue.fromBool(false))));
  }
}
