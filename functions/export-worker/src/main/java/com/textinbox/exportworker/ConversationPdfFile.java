package com.textinbox.exportworker;

import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.exports.ConversationExport;
import com.textinbox.shared.exports.TranscriptLine;
import com.textinbox.shared.jobs.FileJobs;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A conversation as PDF (C13): its timeline oldest first, a page of 200 entries read at a time
 * (one Query each), within the dates asked (days of the company's time zone), internal entries
 * left out when asked; laid out by {@link PdfTranscript}.
 */
final class ConversationPdfFile implements FileJobs.FileMaker {
  static final int PAGE = 200;
  private final ConversationStore conversations;
  private final String accountId;
  private final ConversationExport export;
  private final Account account;
  private final CustomerProfile customer;
  private final String customerName;

  private ConversationPdfFile(ConversationStore conversations, String accountId, ConversationExport export, Account account,
      CustomerProfile customer) {
    this.conversations = conversations;
    this.accountId = accountId;
    this.export = export;
    this.account = account;
    this.customer = customer;
    String name = customer == null ? null : customer.fullName();
    this.customerName = name != null ? name : customer != null && customer.mobile() != null ? customer.mobile() : "Customer";
  }

  /** Reads what the header needs; a conversation that is gone refuses the job (FAILED, with why). */
  static ConversationPdfFile prepare(ConversationStore conversations, CustomerStore customers, AccountStore accounts,
      JobMessage message) {
    ConversationExport export = ConversationExport.of(message.params());
    Conversation conversation = conversations.find(message.accountId(), export.conversationId())
        .orElseThrow(() -> new FileJobs.Refused("The conversation " + export.conversationId() + " no longer exists."));
    CustomerProfile customer = conversation.customerId() == null ? null
        : customers.find(message.accountId(), conversation.customerId()).orElse(null);
    return new ConversationPdfFile(conversations, message.accountId(), export, accounts.get(message.accountId()), customer);
  }

  @Override
  public String fileName() {
    return "conversation-" + customerName + (export.from() == null ? "" : "-" + export.from())
        + (export.to() == null ? "" : "-to-" + export.to()) + ".pdf";
  }

  @Override
  public String description() {
    return "The conversation with " + customerName;
  }

  @Override
  public long write(OutputStream out, FileJobs.Progress progress) throws IOException {
    ZoneId zone = account.zone();
    String company = account.name() == null ? "" : account.name();
    TranscriptLine.Names names = new TranscriptLine.Names(customerName, company);
    PdfTranscript.Header header = new PdfTranscript.Header(company, customerName,
        customer == null ? null : customer.mobile(), range(), export.includeInternal());
    return PdfTranscript.write(header, lines(names, zone, progress), out);
  }

  private String range() {
    if (export.from() == null && export.to() == null) {
      return "The whole conversation";
    }
    return (export.from() == null ? "From the start" : "From " + export.from())
        + (export.to() == null ? " to now" : " to " + export.to() + " (included)");
  }

  /** The transcript's lines, read page by page as the PDF asks for them. */
  private Iterator<TranscriptLine> lines(TranscriptLine.Names names, ZoneId zone, FileJobs.Progress progress) {
    String fromAt = export.from() == null ? null : Keys.time(LocalDate.parse(export.from()).atStartOfDay(zone).toInstant());
    String toAt = export.to() == null ? null
        : Keys.time(LocalDate.parse(export.to()).plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1));
    return new Iterator<>() {
      private Iterator<TimelineEntry> page = java.util.Collections.emptyIterator();
      private String cursor;
      private boolean last;
      private long read;
      private TranscriptLine next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (!page.hasNext()) {
            if (last) {
              return false;
            }
            Page<TimelineEntry> entries = conversations.timelineOldestFirst(accountId, export.conversationId(), fromAt, toAt,
                cursor, PAGE);
            page = entries.items().iterator();
            cursor = entries.nextCursor();
            last = cursor == null;
            read += entries.items().size();
            progress.done(read, read, last);
            continue;
          }
          TimelineEntry entry = page.next();
          if (!export.includeInternal() && !(entry instanceof Message)) {
            continue;
          }
          next = TranscriptLine.of(entry, names, zone);
        }
        return true;
      }

      @Override
      public TranscriptLine next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        TranscriptLine line = next;
        next = null;
        return line;
      }
    };
  }
}
