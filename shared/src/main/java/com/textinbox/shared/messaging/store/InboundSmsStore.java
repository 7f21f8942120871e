package com.textinbox.shared.messaging.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.InboundSmsMarker;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What InboundSms reads and writes of its own (docs/data-model.md, "Inbound SMS"): the company a
 * number belongs to ({@code NUMBER#<e164>}) and the dedupe marker of each carrier message.
 */
public final class InboundSmsStore {
  /** The company number item's one attribute: the account owning the number. */
  private static final String NUMBER_ACCOUNT_ID = "accountId";

  private final DynamoTable table;

  public InboundSmsStore(DynamoTable table) {
    this.table = table;
  }

  /** The account owning a company number (GetItem {@code NUMBER#<e164>}); empty when none does. */
  public Optional<String> accountOwning(String companyNumber) {
    Map<String, AttributeValue> item = table.get(Keys.companyNumber(companyNumber), Keys.COMPANY_NUMBER_SK);
    return Optional.ofNullable(item == null ? null : ItemReader.of(item).str(NUMBER_ACCOUNT_ID));
  }

  /** Records that a company number belongs to an account, unless it is recorded already (demo data, set-up scripts). */
  public boolean registerCompanyNumber(String companyNumber, String accountId) {
    return table.putIfAbsent(ItemBuilder.item(Keys.companyNumber(companyNumber), Keys.COMPANY_NUMBER_SK, "CompanyNumber")
        .str(NUMBER_ACCOUNT_ID, accountId).build());
  }

  /** The marker of this carrier message, as last written; empty when the message is not stored yet. */
  public Optional<InboundSmsMarker> marker(String accountId, String carrierMessageId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.inboundCarrierMessage(accountId, carrierMessageId), Keys.INBOUND_SK);
    return Optional.ofNullable(item == null ? null : InboundSmsMapper.fromItem(carrierMessageId, item));
  }

  /** The marker, put only if absent: the first item of the message's transaction (a redelivery is stored once). */
  public Write markerWrite(String accountId, InboundSmsMarker marker) {
    return table.putIfAbsentWrite(InboundSmsMapper.toItem(accountId, marker));
  }

  /** The event (and reply command) were sent: {@code eventSentAt}. */
  public void eventSent(String accountId, String carrierMessageId, Instant at) {
    table.update(b -> b.key(DynamoTable.key(Keys.inboundCarrierMessage(accountId, carrierMessageId), Keys.INBOUND_SK))
        .updateExpression("SET " + InboundSmsMapper.EVENT_SENT_AT + " = :now")
        .expressionAttributeValues(DynamoTable.values(":now", Keys.time(at))));
  }
}
