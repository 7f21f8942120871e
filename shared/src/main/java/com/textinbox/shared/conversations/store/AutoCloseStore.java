package com.textinbox.shared.conversations.store;

import static com.textinbox.shared.conversations.store.ConversationMapper.UNANSWERED_SINCE;

import com.textinbox.shared.conversations.AutoCloseSetting;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Auto-close (C6; docs/data-model.md, "Auto-close"): the company's setting, kept on the account
 * item ({@code A#<acct>} / {@code ACCOUNT}: its own attributes, so the {@code Account} record and
 * the setting are written independently), which carries GSI4 {@code DUE#AUTO_CLOSE} / {@code <acct>}
 * while it is on; and the open conversations due, read from GSI3 {@code A#<acct>#CONVS#OPEN} below
 * the cutoff, oldest first.
 */
public record AutoCloseStore(DynamoTable table) {
  static final String ENABLED = "autoCloseEnabled", DAYS = "autoCloseDays", CLOSE_UNANSWERED = "autoCloseUnanswered",
      UPDATED_AT = "autoCloseUpdatedAt", UPDATED_BY = "autoCloseUpdatedBy";
  /** Conversations read per page of the open list. */
  static final int PAGE = 100;

  /** The company's setting (off when never saved); one GetItem of the account item. */
  public AutoCloseSetting get(String accountId) {
    Map<String, AttributeValue> account = table.get(Keys.account(accountId), Keys.ACCOUNT_SK);
    return account == null ? AutoCloseSetting.off() : settingOf(ItemReader.of(account));
  }

  /**
   * Saves the setting (one UpdateItem) and puts the company in, or takes it out of, the list of
   * companies with auto-close on. False when there is no such account.
   */
  public boolean put(String accountId, AutoCloseSetting setting) {
    ItemUpdate update = ItemUpdate.of().set(ENABLED, setting.enabled()).set(DAYS, setting.days())
        .set(CLOSE_UNANSWERED, setting.closeUnanswered()).set(UPDATED_AT, setting.updatedAt())
        .set(UPDATED_BY, setting.updatedBy()).condition("attribute_exists(PK)");
    if (setting.enabled()) {
      update.set(Table.GSI4PK, Keys.AUTO_CLOSE_ACCOUNTS).set(Table.GSI4SK, accountId);
    } else {
      update.remove(Table.GSI4PK, Table.GSI4SK);
    }
    try {
      update.apply(table, Keys.account(accountId), Keys.ACCOUNT_SK);
      return true;
    } catch (com.textinbox.shared.store.ConditionFailed noAccount) {
      return false;
    }
  }

  /** A company with auto-close on, and its setting (read from the list itself: no other read). */
  public record Company(String accountId, AutoCloseSetting setting) {}

  /** Every company with auto-close on: GSI4 {@code DUE#AUTO_CLOSE}, all pages (one Query per 1 MB). */
  public List<Company> companiesOn() {
    List<Company> companies = new ArrayList<>();
    for (Map<String, AttributeValue> item : table.queryAll(Query.gsi(4, Keys.AUTO_CLOSE_ACCOUNTS))) {
      ItemReader r = ItemReader.of(item);
      companies.add(new Company(r.str(Table.GSI4SK), settingOf(r)));
    }
    return companies;
  }

  /**
   * The company's open conversations whose last activity sorts before {@code cutoffKey}, oldest
   * first, page by page ({@value #PAGE} a Query) to {@code page}; without {@code unanswered}, the
   * unanswered ones are filtered out (still read: they stay open and below the cutoff while the
   * customer waits). Closing a conversation moves it off this list, so a run stopped halfway
   * finds the rest on the next.
   */
  public void forEachIdlePage(String accountId, String cutoffKey, boolean unanswered, Consumer<List<Conversation>> page) {
    Map<String, AttributeValue> start = null;
    do {
      Query query = Query.gsi(3, Keys.conversationsByStatus(accountId, Conversation.OPEN)).lessThan(cutoffKey).limit(PAGE)
          .startAfter(start);
      if (!unanswered) {
        query.filter("attribute_not_exists(#" + UNANSWERED_SINCE + ")");
      }
      QueryResult result = table.query(query);
      List<Conversation> conversations = result.items().stream().map(ConversationMapper::fromItem).toList();
      if (!conversations.isEmpty()) {
        page.accept(conversations);
      }
      start = result.lastKey();
    } while (start != null);
  }

  static AutoCloseSetting settingOf(ItemReader r) {
    if (!r.has(DAYS)) {
      return AutoCloseSetting.off();
    }
    return new AutoCloseSetting(r.bool(ENABLED), (int) r.num(DAYS, AutoCloseSetting.DEFAULT_DAYS), r.bool(CLOSE_UNANSWERED),
        r.str(UPDATED_AT), r.str(UPDATED_BY));
  }
}
