package com.textinbox.shared.messaging.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the sender reads before texting: the customer (subscribed? mobile?) and the company's number. */
public final class RecipientReads {
  private final DynamoTable table;

  public RecipientReads(DynamoTable table) {
    this.table = table;
  }

  /** The customer as the sender needs them. */
  public record Recipient(boolean subscribed, String mobile) {}

  /** The customer's profile (consistent), or null when there is none. */
  public Recipient customer(String accountId, String customerId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customer(accountId, customerId), Keys.PROFILE_SK);
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    return new Recipient(SubscriptionRule.subscribed(r.has("subscribed") ? r.bool("subscribed") : null), r.str("mobile"));
  }

  /** The account's {@code number} (the origination number), or null. */
  public String companyNumber(String accountId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.account(accountId), Keys.ACCOUNT_SK);
    return item == null ? null : ItemReader.of(item).str("number");
  }
}
