package com.textinbox.notify;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerName;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.BatchRead.Slot;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dispatcher reads, through the stores: what an event is about (one BatchGetItem) and who
 * its recipients are (a team's members: one Query; the users with their settings: one BatchGetItem
 * per 50 users).
 */
final class DispatchReads {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchReads.class);

  private final DynamoTable table;
  private final ConversationStore conversations;
  private final CustomerStore customers;
  private final UserStore users;
  private final TeamStore teams;
  private final NotificationSettingsStore settings;

  DispatchReads(DynamoTable table) {
    this.table = table;
    this.conversations = new ConversationStore(table);
    this.customers = new CustomerStore(table);
    this.users = new UserStore(table);
    this.teams = new TeamStore(table);
    this.settings = new NotificationSettingsStore(table);
  }

  /** The assignee (the event's, else the conversation's), and the facts the texts need. */
  record Facts(String assigneeKind, String assigneeId, NotificationTexts.Facts texts) {}

  /** One BatchGetItem: the conversation, the customer, the message or note, the actor, the team. */
  Facts facts(NotificationEvent e) {
    String account = e.accountId();
    BatchRead batch = BatchRead.of(table);
    Slot<Conversation> conversationSlot = null;
    Slot<TimelineEntry> entrySlot = null;
    if (e.conversationId() != null) {
      conversationSlot = conversations.find(batch, account, e.conversationId());
      String entryId = e.messageId() != null ? e.messageId()
          : NotificationEvent.NOTE_MENTION.equals(e.type()) ? e.noteId() : null;
      if (entryId != null) { // the entry is at the event's time (docs/events.md)
        entrySlot = conversations.entry(batch, account, e.conversationId(), Keys.timelineSk(Keys.time(e.at()), entryId));
      }
    }
    Slot<CustomerProfile> customerSlot = e.customerId() == null ? null : customers.find(batch, account, e.customerId());
    Slot<User> actorSlot = e.actorUserId() == null ? null : users.find(batch, account, e.actorUserId());
    Slot<Team> teamSlot = Assignee.TEAM.equals(e.assigneeKind()) ? teams.find(batch, account, e.assigneeId()) : null;
    batch.run();
    Conversation conversation = get(conversationSlot);
    String preview = switch (get(entrySlot)) {
      case Message m -> m.body();
      case Note n -> n.text();
      case null, default -> conversation != null && !NotificationEvent.CONVERSATION_ASSIGNED_BULK.equals(e.type())
          && !e.type().startsWith("appointment.") ? conversation.lastMessagePreview() : null;
    };
    if (NotificationEvent.APPOINTMENT_REPLIED.equals(e.type()) && conversation != null) {
      preview = conversation.lastMessagePreview();
    }
    Assignee assignee = conversation == null ? null : conversation.assignee();
    String assigneeKind = e.assigneeKind() != null ? e.assigneeKind() : assignee == null ? null : assignee.kind();
    String assigneeId = e.assigneeId() != null ? e.assigneeId() : assignee == null ? null : assignee.id();
    User actor = get(actorSlot);
    Team team = get(teamSlot);
    return new Facts(assigneeKind, assigneeId, new NotificationTexts.Facts(customerName(get(customerSlot)), preview,
        actor == null ? null : actor.name(), team == null ? null : team.name()));
  }

  /** As the inbox names a customer ({@link CustomerName#label}): their name, else their mobile number. */
  static String customerName(CustomerProfile profile) {
    return profile == null ? null
        : CustomerName.label(profile.firstName(), profile.lastName(), profile.name(), profile.mobile());
  }

  /** The members of a team (one Query, all pages). */
  List<String> teamMembers(String accountId, String teamId) {
    return teams.membersOf(accountId, teamId).stream().map(Membership::userId).toList();
  }

  /** One BatchGetItem (per 50 users): each user's item and notification settings item; users not found are skipped. */
  List<Recipient> recipients(String accountId, List<String> userIds) {
    BatchRead batch = BatchRead.of(table);
    Map<String, Slot<User>> userSlots = new LinkedHashMap<>();
    Map<String, Slot<NotificationSettingsItem>> settingsSlots = new LinkedHashMap<>();
    for (String userId : userIds) {
      userSlots.put(userId, users.find(batch, accountId, userId));
      settingsSlots.put(userId, settings.find(batch, accountId, userId));
    }
    batch.run();
    List<Recipient> recipients = new ArrayList<>();
    for (String userId : userIds) {
      User user = userSlots.get(userId).get();
      if (user == null) {
        LOG.info("recipient {} is not a user of the account: skipped", userId);
        continue;
      }
      NotificationSettingsItem saved = settingsSlots.get(userId).get();
      recipients.add(new Recipient(user, saved == null ? NotificationSettings.defaults() : saved.settings()));
    }
    return recipients;
  }

  private static <T> T get(Slot<T> slot) {
    return slot == null ? null : slot.get();
  }
}
