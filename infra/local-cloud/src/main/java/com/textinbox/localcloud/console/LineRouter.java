package com.textinbox.localcloud.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * An output stream that gathers each thread's bytes into lines and writes every whole line to
 * the target with the prefix of the thread that wrote it (or drops it when the prefix is null).
 * Lines of different threads never interleave.
 */
final class LineRouter extends OutputStream {
  /** A line longer than this is written in pieces, so a thread that never ends its line cannot hold memory. */
  private static final int LONGEST_LINE = 64 * 1024;

  private final OutputStream target;
  private final Supplier<String> prefix;
  private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(256));

  LineRouter(OutputStream target, Supplier<String> prefix) {
    this.target = target;
    this.prefix = prefix;
  }

  @Override
  public void write(int b) throws IOException {
    ByteArrayOutputStream line = pending.get();
    if (b == '\n') {
      emit(line);
    } else {
      line.write(b);
      if (line.size() >= LONGEST_LINE) {
        emit(line);
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    ByteArrayOutputStream line = pending.get();
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i - start);
        emit(line);
        start = i + 1;
      }
    }
    line.write(bytes, start, end - start);
    if (line.size() >= LONGEST_LINE) {
      emit(line);
    }
  }

  private void emit(ByteArrayOutputStream line) throws IOException {
    String label = prefix.get();
    if (label != null) {
      byte[] head = label.getBytes(StandardCharsets.UTF_8);
      synchronized (target) {
        target.write(head);
        line.writeTo(target);
        target.write('\n');
        target.flush();
      }
    }
    line.reset();
  }

  @Override
  public void flush() throws IOException {
    // whole lines are flushed as they are written; a partial line waits for its end
  }
}
