package com.textinbox.shared.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.notifications.Email;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReadyEmailTest {
  @Test
  void saysWhatIsReadyWithTheLinkAndUntilWhenInTheCompanysZone() {
    Email email = ReadyEmail.of("chloe@example.com", "Your customer list (all customers)", "customers-all.csv",
        "https://files.example/exports/a/job-1/customers-all.csv?X-Amz-Signature=abc&b=1",
        Instant.parse("2026-12-12T15:00:00Z"), ZoneId.of("America/Toronto"));
    assertEquals("Your customer list (all customers) is ready", email.subject());
    assertTrue(email.text().contains("Download customers-all.csv: https://files.example/exports/a/job-1/customers-all.csv?X-Amz-Signature=abc&b=1\n"),
        email.text());
    assertTrue(email.text().contains("The link works until December 12, 2026 at 10:00 EST."), email.text());
    assertTrue(email.html().contains("href=\"https://files.example/exports/a/job-1/customers-all.csv?X-Amz-Signature=abc&amp;b=1\""),
        email.html());
  }

  @Test
  void resultFileNamesAreSafeEverywhere() {
    assertEquals("conversation-Elodie-Tremblay-2026-11-01.pdf", ResultFiles.safeName("conversation-Élodie Trémblay-2026-11-01.pdf"));
    assertEquals("conversation-15145550111.pdf", ResultFiles.safeName("conversation-+15145550111.pdf"));
    assertEquals("file", ResultFiles.safeName("//"));
    assertEquals("exports/acct-1/job-1/customers-all.csv", ResultFiles.key("acct-1", "job-1", "customers-all.csv"));
    assertEquals(ResultFiles.XLSX, ResultFiles.contentType("a.XLSX"));
  }

  @Test
  void aJobMessageRoundTrips() {
    JobMessage message = new JobMessage(Job.CUSTOMER_EXPORT, "acct-1", "job-1", "user-a", "a@example.com",
        new com.textinbox.shared.exports.CustomerExport("all", null, null, "csv").toJson());
    assertEquals(message, JobMessage.parse(message.toJson()));
  }
}
