package com.textinbox.shared.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A CSV's encoding, told from its first bytes (P4): UTF-8 (with or without a byte order mark), else
 * Windows-1252 (what Excel on Windows saves as "CSV"). Anything else (UTF-16, a binary file, bytes
 * Windows-1252 does not define) is refused with what to do.
 */
final class TextEncoding {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private TextEncoding() {}

  /** The encoding of a file that starts with {@code sample} ({@code length} bytes of it read). */
  static Charset detect(byte[] sample, int length) {
    if (startsWith(sample, length, UTF8_BOM)) {
      return StandardCharsets.UTF_8;
    }
    if (length >= 2 && ((sample[0] == (byte) 0xFF && sample[1] == (byte) 0xFE)
        || (sample[0] == (byte) 0xFE && sample[1] == (byte) 0xFF))) {
      throw refused("The file is in UTF-16 (Excel's \"Unicode text\").");
    }
    for (int i = 0; i < length; i++) {
      int b = sample[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        throw new FileRefused(FileRefused.NOT_CSV_OR_XLSX, "The file is not a CSV or an Excel workbook (.xlsx): it holds "
            + "bytes that are not text (if it is a text file, save it as \"CSV UTF-8\").");
      }
    }
    if (decodes(StandardCharsets.UTF_8, sample, length)) {
      return StandardCharsets.UTF_8;
    }
    for (int i = 0; i < length; i++) {
      int b = sample[i] & 0xFF;
      if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {   // undefined in Windows-1252
        throw refused("The file is neither UTF-8 nor Windows-1252 text.");
      }
    }
    return WINDOWS_1252;
  }

  /** A strict decoder (a byte it cannot read is an error, never a replacement character). */
  static CharsetDecoder strict(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  static FileRefused refused(String what) {
    return new FileRefused(FileRefused.ENCODING, what + " Save it as \"CSV UTF-8\" (or CSV from Excel) and upload it again.");
  }

  /** Whether the sample decodes, an incomplete character cut at its end aside. */
  private static boolean decodes(Charset charset, byte[] sample, int length) {
    CoderResult result = strict(charset).decode(ByteBuffer.wrap(sample, 0, length), CharBuffer.allocate(length), false);
    return !result.isError();
  }

  static boolean startsWith(byte[] sample, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (sample[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
