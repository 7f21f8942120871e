package com.textinbox.exportworker;

import com.textinbox.shared.exports.TextLayout;
import com.textinbox.shared.exports.TranscriptLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A conversation's transcript as PDF (C13) with PDFBox: a header (company, customer, range), each
 * entry as "time · sender · status" over its wrapped text, internal entries (notes, events) marked
 * and set in grey with a bar, attachments by file name, "Page n of N" on every page.
 *
 * <p>The font is Liberation Sans (SIL Open Font License 1.1), the TrueType font PDFBox itself ships
 * in its jar ({@code org/apache/pdfbox/resources/ttf}): Latin with every French accent, embedded as
 * a subset, so no font file is added to the repository or the jar. A character it cannot draw
 * (emoji) becomes its Unicode name in brackets ({@link TextLayout#printable}). Page contents go to
 * a temporary file as they are written (PDFBox's temp-file stream cache), so a long transcript is
 * not held in memory.
 */
public final class PdfTranscript {
  static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  static final float MARGIN = 50, SIZE = 10, META_SIZE = 8, LEADING = 13, META_LEADING = 11, GAP = 7, INDENT = 10;
  static final PDRectangle PAGE = PDRectangle.LETTER;

  /** What the header says (public: infra/bench/PdfExport.java lays out 10,000 messages with it). */
  public record Header(String company, String customer, String mobile, String range, boolean internalIncluded) {}

  private final PDDocument document;
  private final PDType0Font font;
  private final Map<Integer, Float> widths = new HashMap<>();
  private final Map<Integer, Boolean> drawable = new HashMap<>();
  private PDPageContentStream content;
  private float y;

  private PdfTranscript(PDDocument document, PDType0Font font) {
    this.document = document;
    this.font = font;
  }

  /** Writes the whole PDF to {@code out}; returns the number of entries. */
  public static long write(Header header, Iterator<TranscriptLine> lines, OutputStream out) throws IOException {
    try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PdfTranscript pdf = new PdfTranscript(document, PDType0Font.load(document, new ByteArrayInputStream(fontWithoutGsub()), true));
      document.getDocumentInformation().setTitle("Conversation with " + header.customer());
      document.getDocumentInformation().setAuthor(header.company());
      pdf.newPage();
      pdf.header(header);
      long count = 0;
      while (lines.hasNext()) {
        pdf.entry(lines.next());
        count++;
      }
      if (count == 0) {
        pdf.text("No messages in this period.", MARGIN, SIZE, 0.3f);
      }
      pdf.content.close();
      pdf.pageNumbers(header);
      document.save(out);
      return count;
    }
  }

  /**
   * Liberation Sans with its GSUB table (ligatures, glyph substitutions) hidden: renamed in the
   * table directory, so PDFBox sees none. With it, fontbox's Latin GSUB worker compiled a regular
   * expression for every line shown: most of the CPU of a 10,000-message PDF
   * (docs/performance.md). A transcript needs no ligatures; every glyph and width stays.
   */
  static byte[] fontWithoutGsub() throws IOException {
    byte[] ttf;
    try (InputStream in = PdfTranscript.class.getResourceAsStream(FONT)) {
      ttf = in.readAllBytes();
    }
    int tables = ((ttf[4] & 0xff) << 8) | (ttf[5] & 0xff);
    for (int i = 0; i < tables; i++) {
      int at = 12 + 16 * i;
      if (ttf[at] == 'G' && ttf[at + 1] == 'S' && ttf[at + 2] == 'U' && ttf[at + 3] == 'B') {
        ttf[at] = 'x'; // an unknown tag: the table is skipped
      }
    }
    return ttf;
  }

  private void header(Header header) throws IOException {
    text(header.company(), MARGIN, 16, 0f);
    y -= 22;
    text("Conversation with " + header.customer() + (header.mobile() == null ? "" : " (" + header.mobile() + ")"), MARGIN, 12, 0f);
    y -= 16;
    text(header.range() + (header.internalIncluded() ? "; internal notes and events included (marked Internal)"
        : "; messages only, internal notes and events left out"), MARGIN, META_SIZE, 0.35f);
    y -= 10;
    content.setStrokingColor(0.7f);
    content.moveTo(MARGIN, y);
    content.lineTo(PAGE.getWidth() - MARGIN, y);
    content.stroke();
    y -= 18;
  }

  private void entry(TranscriptLine line) throws IOException {
    float left = MARGIN + (line.internal() ? INDENT : 0);
    float width = PAGE.getWidth() - MARGIN - left;
    String meta = (line.internal() ? "Internal · " : "") + line.time() + " · " + line.sender()
        + (line.status() == null || line.status().isEmpty() ? "" : " · " + line.status());
    List<String> body = TextLayout.wrap(printable(line.text()), width, s -> width(s, SIZE));
    for (String attachment : line.attachments()) {
      body = new java.util.ArrayList<>(body);
      body.add("Attachment: " + printable(attachment));
    }
    float top = y;
    if (y - META_LEADING - LEADING < MARGIN + 20) {
      newPage();
      top = y;
    }
    text(printable(meta), left, META_SIZE, 0.4f);
    y -= META_LEADING;
    for (String text : body) {
      if (y - LEADING < MARGIN + 20) {
        bar(line, top);
        newPage();
        top = y;
      }
      text(text, left, SIZE, line.internal() ? 0.35f : 0f);
      y -= LEADING;
    }
    bar(line, top);
    y -= GAP;
  }

  /** The grey bar left of an internal entry, from {@code top} to where it ends on this page. */
  private void bar(TranscriptLine line, float top) throws IOException {
    if (!line.internal()) {
      return;
    }
    content.setStrokingColor(0.75f);
    content.setLineWidth(2);
    content.moveTo(MARGIN + 3, top + META_SIZE);
    content.lineTo(MARGIN + 3, y + LEADING - 2);
    content.stroke();
  }

  private void text(String text, float x, float size, float grey) throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.setNonStrokingColor(grey);
    content.newLineAtOffset(x, y);
    content.showText(text);
    content.endText();
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PAGE);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = PAGE.getHeight() - MARGIN;
  }

  /** "Company · Customer" and "Page n of N" at the foot of every page, once the count is known. */
  private void pageNumbers(Header header) throws IOException {
    int pages = document.getNumberOfPages();
    String left = printable(header.company() + " · " + header.customer());
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i),
          PDPageContentStream.AppendMode.APPEND, true, true)) {
        String label = TextLayout.pageLabel(i + 1, pages);
        foot.beginText();
        foot.setFont(font, META_SIZE);
        foot.setNonStrokingColor(0.4f);
        foot.newLineAtOffset(MARGIN, MARGIN - 20);
        foot.showText(left);
        foot.newLineAtOffset(PAGE.getWidth() - 2 * MARGIN - width(label, META_SIZE), 0);
        foot.showText(label);
        foot.endText();
      }
    }
  }

  private String printable(String text) {
    return TextLayout.printable(text, cp -> drawable.computeIfAbsent(cp, this::canDraw));
  }

  private boolean canDraw(int codePoint) {
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IllegalArgumentException | IOException noGlyph) {
      return false;
    }
  }

  /** The width of {@code text} at {@code size} points (glyph widths cached per character). */
  private float width(String text, float size) {
    float units = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      units += widths.computeIfAbsent(cp, this::glyphWidth);
      i += Character.charCount(cp);
    }
    return units / 1000 * size;
  }

  private float glyphWidth(int codePoint) {
    try {
      return font.getStringWidth(new String(Character.toChars(codePoint)));
    } catch (IOException | IllegalArgumentException e) {
      return 500;
    }
  }
}
