package com.textinbox.exportworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.exports.TranscriptLine;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfTranscriptTest {
  private static final PdfTranscript.Header HEADER = new PdfTranscript.Header("Garage Côté", "Élodie Trémblay",
      "+15145550111", "The whole conversation", true);

  private static String pdfText(List<TranscriptLine> lines, int[] pages) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(lines.size(), PdfTranscript.write(HEADER, lines.iterator(), out));
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      pages[0] = pdf.getNumberOfPages();
      PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
      assertTrue(font.getName().contains("LiberationSans"), "the embedded font, not a standard 14 one: " + font.getName());
      assertTrue(font.isEmbedded());
      return new PDFTextStripper().getText(pdf);
    }
  }

  @Test
  void theHeaderTheEntriesInOrderAndAccentsAndEmoji() throws Exception {
    List<TranscriptLine> lines = List.of(
        new TranscriptLine("2026-11-21 09:03 EST", "Élodie Trémblay", "Received", "Bonjour, ma voiture est-elle prête ? 🚗", false, List.of()),
        new TranscriptLine("2026-11-21 09:05 EST", "Chloé Roy", "Delivered", "Oui ! Ça coûte 120 $, à bientôt.", false, List.of("facture.pdf")),
        new TranscriptLine("2026-11-21 09:06 EST", "Bruno Tremblay", "Internal note", "Client fidèle : offrir un lavage", true, List.of()));
    int[] pages = {0};
    String text = pdfText(lines, pages);
    assertTrue(text.startsWith("Garage Côté"), text);
    assertTrue(text.contains("Conversation with Élodie Trémblay (+15145550111)"), text);
    int first = text.indexOf("Bonjour, ma voiture est-elle prête ? [automobile]");
    int second = text.indexOf("Oui ! Ça coûte 120 $, à bientôt.");
    int third = text.indexOf("Client fidèle : offrir un lavage");
    assertTrue(first > 0 && second > first && third > second, text);
    assertTrue(text.contains("2026-11-21 09:05 EST · Chloé Roy · Delivered"), text);
    assertTrue(text.contains("Internal · 2026-11-21 09:06 EST · Bruno Tremblay · Internal note"), text);
    assertTrue(text.contains("Attachment: facture.pdf"), text);
    assertTrue(text.contains("Page 1 of 1"), text);
  }

  @Test
  void longTranscriptsGoOnOverPagesEachNumbered() throws Exception {
    List<TranscriptLine> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add(new TranscriptLine("2026-11-21 09:03 EST", "Chloé Roy", "Delivered",
          "Message " + i + " " + "un texte assez long pour faire deux lignes dans la page, avec des accents éàü. ".repeat(2), false, List.of()));
    }
    int[] pages = {0};
    String text = pdfText(lines, pages);
    assertTrue(pages[0] > 10, "pages: " + pages[0]);
    assertTrue(text.contains("Page 1 of " + pages[0]) && text.contains("Page " + pages[0] + " of " + pages[0]), "numbered");
    assertTrue(text.indexOf("Message 299 ") > text.indexOf("Message 298 "), "in order");
  }

  @Test
  void anEmptyPeriodSaysSo() throws Exception {
    assertTrue(pdfText(List.of(), new int[1]).contains("No messages in this period."));
  }
}
