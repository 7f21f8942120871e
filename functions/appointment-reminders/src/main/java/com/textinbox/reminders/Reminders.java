package com.textinbox.reminders;

import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentStatus;
import com.textinbox.shared.appointments.ReminderPlan;
import com.textinbox.shared.appointments.ReminderSettings;
import com.textinbox.shared.appointments.ReminderText;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.OutboundMessages;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over the due list (AP2). For a reminder: the plan decided now ({@link ReminderPlan}:
 * the automation on, the customer subscribed with a mobile, outside quiet hours, the appointment
 * still scheduled and to come), then the message queued by {@link OutboundMessages} (source
 * {@code automation}, id {@code appointment-reminders}, C7) in one transaction with the
 * appointment marked reminded, conditional on the appointment being as read; so a rerun, a
 * second run at once, or a move meanwhile (which re-keys the entry) finds the condition failed
 * and texts nothing: once, whatever the reruns. The same transaction puts a {@code reminded}
 * event in the conversation (it links the appointment) and widens the customer's reply window.
 *
 * <p>Requests: 1 Query per run (per 1 MB page); per company with something due, 2 GetItem (the
 * account's zone and name, the settings); per reminder texted, 3 GetItem (profile, mobile guard,
 * conversation) + 1 TransactWriteItems + 1 SQS SendMessage; per deferral, skip or expiry, 1
 * TransactWriteItems (docs/performance.md).
 */
final class Reminders {
  private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

  private final AppointmentStore appointments;
  private final AccountStore accounts;
  private final OutboundMessages outbound;

  Reminders(AppointmentStore appointments, AccountStore accounts, OutboundMessages outbound) {
    this.appointments = appointments;
    this.accounts = accounts;
    this.outbound = outbound;
  }

  /** What one run did. {@code raced}: changed by someone else meanwhile (left for them or for the next run). */
  record Summary(int due, int reminded, int deferred, int skipped, int notConfirmed, int raced) {}

  private record Company(Account account, ZoneId zone, ReminderSettings settings) {}

  Summary run(Instant now) {
    Map<String, Company> companies = new HashMap<>();
    int due = 0, reminded = 0, deferred = 0, skipped = 0, notConfirmed = 0, raced = 0;
    for (AppointmentStore.DueAppointment entry : appointments.due(now)) {
      due++;
      Company company = companies.computeIfAbsent(entry.accountId(), this::company);
      Appointment a = entry.appointment();
      try {
        switch (a.due().map(Appointment.Due::kind).orElse(null)) {
          case REMINDER -> {
            switch (remind(entry.accountId(), company, a, now)) {
              case SENT -> reminded++;
              case DEFERRED -> deferred++;
              case SKIPPED -> skipped++;
            }
          }
          case EXPIRY -> {
            if (a.start().isAfter(now)) {
              continue;   // not yet (a read of an older copy of the index)
            }
            appointments.save(entry.accountId(), company.zone(), a,
                a.withStatus(AppointmentStatus.NOT_CONFIRMED, Keys.time(now)), now);
            notConfirmed++;
          }
          case null -> { }
        }
      } catch (TransactionCancelled changed) {
        LOG.info("appointment {} changed meanwhile; left as it is now", a.appointmentId());
        raced++;
      }
    }
    return new Summary(due, reminded, deferred, skipped, notConfirmed, raced);
  }

  private Company company(String accountId) {
    Account account = accounts.get(accountId);
    ZoneId zone = Account.zoneOf(account);
    return new Company(account, zone, appointments.settings(accountId));
  }

  private enum Outcome { SENT, DEFERRED, SKIPPED }

  private Outcome remind(String accountId, Company company, Appointment a, Instant now) {
    CustomerProfile profile = outbound.stores().customers().find(accountId, a.customerId()).orElse(null);
    boolean textable = profile != null && profile.mobile() != null && SubscriptionRule.mayText(profile.subscribed(), null);
    ReminderPlan plan = ReminderPlan.decide(a, company.settings(), textable, now, company.zone());
    String at = Keys.time(now);
    switch (plan) {
      case ReminderPlan.Defer defer -> {
        appointments.save(accountId, company.zone(), a, a.reminderMoved(Keys.time(defer.until()), at), now);
        LOG.info("appointment {}: reminder deferred to {}", a.appointmentId(), defer.until());
        return Outcome.DEFERRED;
      }
      case ReminderPlan.Skip skip -> {
        appointments.save(accountId, company.zone(), a, a.reminderMoved(null, at), now);
        LOG.info("appointment {}: no reminder ({})", a.appointmentId(), skip.reason());
        return Outcome.SKIPPED;
      }
      case ReminderPlan.Send send -> {
        text(accountId, company, a, profile, now);
        return Outcome.SENT;
      }
    }
  }

  private void text(String accountId, Company company, Appointment a, CustomerProfile profile, Instant now) {
    // the window is on the mobile's guard (none for a profile written without one: no window, a reply is for a person)
    Optional<AppointmentStore.GuardRead> guard = appointments.phoneGuard(accountId, profile.mobile());
    Caller automation = new Caller(accountId, null, null, null);
    OutboundMessages.Recipient recipient = outbound.activeConversation(automation, profile);
    String body = ReminderText.render(company.settings().template(),
        profile.firstName() != null ? profile.firstName() : profile.fullName(), profile.language(), a.start(),
        company.zone(), a.type(), company.account() == null ? null : company.account().name());
    String conversationId = recipient.conversation().conversationId();
    Message message = outbound.queue(automation, new OutboundMessages.Outgoing(body,
            new Message.Source(Message.Source.AUTOMATION, ReminderSettings.AUTOMATION_ID)),
        recipient.conversation(), recipient.profile(), queued -> {
          String at = queued.at();
          List<Write> writes = new ArrayList<>(appointments.saveWrites(accountId, company.zone(), a,
              a.reminded(conversationId, queued.id(), at), now));
          // just after the message in the timeline: it links the appointment
          writes.add(outbound.stores().conversations().appendWrite(accountId, conversationId, new AppointmentEvent(
              queued.id() + "-appointment", Keys.time(Instant.parse(at).plusMillis(1)), AppointmentEvent.REMINDED,
              a.appointmentId(), a.startsAt(), queued.id(), at)));
          guard.ifPresent(g -> writes.add(appointments.replyWindowWrite(accountId, profile.mobile(), g.replyWindowUntil(),
              a.startsAt())));
          return writes;
        });
    LOG.info("appointment {}: reminder {} queued in conversation {}", a.appointmentId(), message.id(), conversationId);
  }
}
