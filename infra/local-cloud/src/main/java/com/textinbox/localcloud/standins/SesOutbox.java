package com.textinbox.localcloud.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What SES keeps: the identities asked to be verified (verified at once) and the emails sent,
 * checked as SES checks them whichever API they came through.
 */
final class SesOutbox {
  private static final System.Logger LOG = System.getLogger(SesOutbox.class.getName());
  static final int MAX_RECIPIENTS = 50;

  /** An email to send, before checking. {@code envelopeRecipients} are a raw message's Destinations. */
  record Draft(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
      String subject, String text, String html, List<SentEmail.Attachment> attachments,
      List<String> envelopeRecipients) {}

  private final List<SentEmail> sent = new CopyOnWriteArrayList<>();
  private final List<Consumer<SentEmail>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> identities = new LinkedHashSet<>();

  SentEmail send(Draft draft) {
    if (draft.from() == null) {
      throw EmailAddresses.invalid("Missing required header 'From'.");
    }
    EmailAddresses.check(draft.from());
    List<String> recipients = new ArrayList<>();
    for (List<String> list : List.of(draft.to(), draft.cc(), draft.bcc(), draft.envelopeRecipients())) {
      list.forEach(address -> recipients.add(EmailAddresses.check(address)));
    }
    draft.replyTo().forEach(EmailAddresses::check);
    if (recipients.isEmpty()) {
      throw EmailAddresses.invalid("Missing required header 'To'.");
    }
    // a raw message's envelope recipients may repeat its headers: count each address once
    List<String> bcc = new ArrayList<>(draft.bcc());
    List<String> named = new ArrayList<>();
    for (List<String> list : List.of(draft.to(), draft.cc(), draft.bcc())) {
      list.forEach(address -> named.add(bare(address)));
    }
    for (String recipient : draft.envelopeRecipients()) {
      if (!named.contains(bare(recipient))) {
        bcc.add(recipient);
        named.add(bare(recipient));
      }
    }
    if (named.size() > MAX_RECIPIENTS) {
      throw EmailAddresses.invalid("Recipient count exceeds " + MAX_RECIPIENTS + ".");
    }
    SentEmail email = new SentEmail(messageId(), draft.from(), draft.to(), draft.cc(), bcc, draft.replyTo(),
        draft.subject(), draft.text(), draft.html(), draft.attachments(), Instant.now());
    sent.add(email);
    for (Consumer<SentEmail> listener : listeners) {
      try {
        listener.accept(email);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "an email listener failed on " + email.messageId(), e);
      }
    }
    return email;
  }

  /** The address without its display name, lower-cased, to compare recipients. */
  private static String bare(String address) {
    int open = address.lastIndexOf('<');
    int close = address.lastIndexOf('>');
    String plain = open >= 0 && close > open ? address.substring(open + 1, close) : address;
    return plain.trim().toLowerCase(Locale.ROOT);
  }

  /** Shaped like SES's: a time-ordered prefix, a UUID and a suffix. */
  private static String messageId() {
    return "0100" + HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4) + "-" + UUID.randomUUID()
        + "-000000";
  }

  void onEmail(Consumer<SentEmail> listener) {
    listeners.add(listener);
  }

  List<SentEmail> sentEmails() {
    return List.copyOf(sent);
  }

  synchronized void verify(String identity) {
    identities.add(identity);
  }

  synchronized void delete(String identity) {
    identities.remove(identity);
  }

  synchronized List<String> identities() {
    return List.copyOf(identities);
  }
}
