import com.textinbox.exportworker.PdfTranscript;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.exports.TranscriptLine;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;

/**
 * C13's benchmark (docs/performance.md, "Conversation PDF export"): a conversation of N messages
 * (default 10,000; every 20th an internal note; French accents, an emoji now and then) laid out
 * by the ExportWorker's own PdfTranscript, from timeline records to a PDF file in /tmp (the
 * worker streams the same bytes to S3 in 5 MB parts), in a fresh JVM
 * with the heap a 1,024 MB function has. Prints seconds, pages, bytes and peak heap. Reading the
 * timeline (50 Queries of 200) and the S3 upload are not in it: they are I/O, measured by the e2e.
 * Run: infra/bench/pdf-export.sh [messages] [runs].
 */
public class PdfExport {
  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf("PDF of %,d messages, heap max %d MB, %s%n", messages,
        Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
    System.out.printf("load average %.1f on %d cores (a busy machine stretches seconds; process CPU moves less)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    System.out.println("run  seconds  cpu s  pages  bytes       peak heap MB");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= runs; run++) {
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      Path file = Files.createTempFile("pdf-export", ".pdf");
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      long count;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        count = PdfTranscript.write(new PdfTranscript.Header("Garage Côté", "Élodie Trémblay", "+15145550111",
            "The whole conversation", true), lines(messages), out);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      int pages;
      try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
        pages = pdf.getNumberOfPages();
      }
      System.out.printf("%-4d %-8.2f %-6.2f %-6d %-11d %d%s%n", run, seconds, cpu, pages, Files.size(file), peak / (1024 * 1024),
          run == 1 ? "   (cold: classes loaded, font parsed)" : "");
      Files.delete(file);
      if (count != messages) {
        throw new AssertionError("wrote " + count);
      }
    }
  }

  private static Iterator<TranscriptLine> lines(int messages) {
    ZoneId zone = ZoneId.of("America/Toronto");
    TranscriptLine.Names names = new TranscriptLine.Names("Élodie Trémblay", "Garage Côté");
    Instant start = Instant.parse("2025-01-06T13:00:00Z");
    return new Iterator<>() {
      int i;

      public boolean hasNext() {
        return i < messages;
      }

      public TranscriptLine next() {
        String at = start.plusSeconds(600L * i).toString();
        TimelineEntry entry;
        if (i % 20 == 19) {
          entry = new Note("n" + i, at, "c1", "Note interne n° " + i + " : rappeler la cliente après l'entretien.", "u1",
              "Bruno Tremblay", null, at);
        } else if (i % 2 == 0) {
          entry = Message.inbound("m" + i, at, "c1", "cust-1", "Bonjour, est-ce que ma voiture sera prête à 16 h ? "
              + (i % 10 == 0 ? "Merci 🙏 " : "") + "Réf. " + i, "+15145550111", "+15145550100", "x" + i, null, at);
        } else {
          entry = Message.queued("m" + i, at, "c1", "cust-1", "Oui, elle sera prête. Le technicien a terminé la "
              + "vidange et la rotation des pneus ; il reste l'inspection. Total estimé : 189,95 $. À tantôt !", "x", 2,
              "UCS2", new Message.Source("user", "u2"), "u2", "Chloé Roy", false, null, null, null, null);
        }
        i++;
        return TranscriptLine.of(entry, names, zone);
      }
    };
  }
}
