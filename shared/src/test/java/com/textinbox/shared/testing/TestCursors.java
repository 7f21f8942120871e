package com.textinbox.shared.testing;

import com.textinbox.shared.api.Cursors;

/** The cursor codec of handler tests: a fixed key, as the stage's would be. */
public final class TestCursors {
  public static final String KEY = "a-test-cursor-key-of-at-least-32-characters";

  private TestCursors() {}

  public static Cursors codec() {
    return new Cursors(KEY);
  }
}
