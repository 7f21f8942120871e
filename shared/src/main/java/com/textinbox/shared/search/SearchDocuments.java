package com.textinbox.shared.search;

import com.textinbox.shared.customers.CustomerName;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table items are searchable, and the document each becomes (C15). The field names are
 * those of the index mapping, infra/opensearch/inbox.json, whose {@code "dynamic": "strict"}
 * refuses any other; docs/data-model.md ("Search index") describes the documents.
 *
 * <ul>
 *   <li>a customer profile (type {@code Customer}, key {@code A#<acct>#C#<customerId>} /
 *       {@code PROFILE}): kind {@code customer}; name, phone, phoneDigits, reference;
 *   <li>an inbound SMS (type {@code InboundSms}, key {@code A#<acct>#INBOUND#<carrierMessageId>} /
 *       {@code INBOUND}): kind {@code message}; text, phone (the sender), at.
 * </ul>
 *
 * Every document carries {@code accountId}, read from the item's key (never from an attribute), so
 * a search filtered by account sees only that account's documents. The document id is the item's
 * primary key, {@code <PK>|<SK>}: the same item always rewrites the same document.
 */
public final class SearchDocuments {
  public static final String ACCOUNT_ID = "accountId";
  public static final String KIND = "kind";
  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String PHONE = "phone";
  public static final String PHONE_DIGITS = "phoneDigits";
  public static final String REFERENCE = "reference";
  public static final String TEXT = "text";
  public static final String AT = "at";

  public static final String KIND_CUSTOMER = "customer";
  public static final String KIND_MESSAGE = "message";

  /** OpenSearch refuses document ids longer than 512 bytes. */
  private static final int MAX_ID_BYTES = 512;

  private static final Pattern CUSTOMER_KEY = Pattern.compile("A#([^#]+)#C#([^#]+)");
  private static final Pattern INBOUND_KEY = Pattern.compile("A#([^#]+)#INBOUND#(.+)");

  private SearchDocuments() {}

  /**
   * The document a table item becomes (attributes as plain values, keys included, as a stream
   * image has them), or empty when items of its type are not searchable.
   *
   * @throws IllegalArgumentException for an item of a searchable type whose key has not the shape
   *     that type's items have: its account cannot be known, and it must not be guessed
   */
  public static Optional<SearchDocument> of(Map<String, Object> item) {
    Object type = item.get(Table.TYPE);
    if ("Customer".equals(type)) {
      return Optional.of(customer(item));
    }
    if ("InboundSms".equals(type)) {
      return Optional.of(inboundSms(item));
    }
    return Optional.empty();
  }

  private static SearchDocument customer(Map<String, Object> item) {
    Matcher key = key(item, CUSTOMER_KEY, "A#<account>#C#<customerId>", Keys.PROFILE_SK, "Customer");
    Map<String, Object> fields = base(key.group(1), KIND_CUSTOMER, key.group(2));
    String name = CustomerName.of(text(item, "firstName"), text(item, "lastName"), text(item, "name"));
    put(fields, NAME, name);
    String phone = text(item, "mobile");
    put(fields, PHONE, phone);
    put(fields, PHONE_DIGITS, digits(phone));
    put(fields, REFERENCE, text(item, "reference"));
    return new SearchDocument(documentId(item), fields);
  }

  private static SearchDocument inboundSms(Map<String, Object> item) {
    Matcher key = key(item, INBOUND_KEY, "A#<account>#INBOUND#<carrierMessageId>", "INBOUND", "InboundSms");
    Map<String, Object> fields = base(key.group(1), KIND_MESSAGE, key.group(2));
    put(fields, TEXT, text(item, "body"));
    put(fields, PHONE, text(item, "from"));
    put(fields, AT, text(item, "receivedAt"));
    return new SearchDocument(documentId(item), fields);
  }

  private static Matcher key(Map<String, Object> item, Pattern pk, String shape, String sk, String type) {
    Object partition = item.get(Table.PK);
    Matcher matcher = pk.matcher(partition instanceof String text ? text : "");
    if (!matcher.matches() || !sk.equals(item.get(Table.SK))) {
      throw new IllegalArgumentException("a " + type + " item whose key is not " + shape + " / " + sk
          + ": its account cannot be told");
    }
    return matcher;
  }

  private static Map<String, Object> base(String accountId, String kind, String id) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(ACCOUNT_ID, accountId);
    fields.put(KIND, kind);
    fields.put(ID, id);
    return fields;
  }

  /**
   * The id of the document of an item: its primary key, {@code <PK>|<SK>}, or a SHA-256 of it in
   * the rare case it is longer than OpenSearch allows. Only the key attributes are read, so the
   * keys of a stream record are enough.
   */
  public static String documentId(Map<String, Object> keys) {
    String id = keys.get(Table.PK) + "|" + keys.get(Table.SK);
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_ID_BYTES) {
      return id;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digits of a phone number, for searches on part of a number ("555 0111" finds +15145550111). */
  public static String digits(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("\\D", "");
    return digits.isEmpty() ? null : digits;
  }

  private static String text(Map<String, Object> item, String attribute) {
    Object value = item.get(attribute);
    return value instanceof String text && !text.isBlank() ? text.strip() : null;
  }

  private static void put(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
