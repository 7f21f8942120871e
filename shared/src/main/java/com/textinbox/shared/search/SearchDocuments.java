package com.textinbox.shared.search;

import com.textinbox.shared.customers.CustomerName;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table items are searchable, and the document each becomes (C15). The field names are
 * those of the index mapping, shared's {@code search/inbox-index.json}, whose
 * {@code "dynamic": "strict"} refuses any other; docs/data-model.md ("Search index") describes the
 * documents.
 *
 * <ul>
 *   <li>a customer profile (type {@code Customer}, key {@code A#<acct>#C#<customerId>} /
 *       {@code PROFILE}): kind {@code customer}; name, every number in every form
 *       ({@link PhoneForms}), email, DMS reference;
 *   <li>a timeline message (type {@code Message}, key {@code A#<acct>#CONV#<convId>} /
 *       {@code T#<at>#<id>}), in either direction, of an active or archived conversation: kind
 *       {@code message}; text, conversation, customer, direction, time.
 *   <li>an appointment (type {@code Appointment}, key {@code A#<acct>#APPT#<id>} /
 *       {@code APPOINTMENT}, AP1): kind {@code appointment}; its type, time ({@code startsAt}),
 *       status, the DMS's reference, customer, conversation;
 *   <li>an invoice (type {@code Invoice}, key {@code A#<acct>#INVOICE#<number>} / {@code INVOICE},
 *       AP3): kind {@code invoice}; its number, RO number, amount (a decimal string on the item,
 *       a number to the cent here), currency, status, customer and the customer's reference;
 *   <li>a merge log entry (type {@code CustomerMerge}, key {@code A#<acct>#C#<survivor>} /
 *       {@code MERGE#<merged>}, C14, decision 49): kind {@code merged}, never a search result, the
 *       forwarding address of the profile merged away. Its id is the merged profile's
 *       ({@link #mergedDocumentId}), so a search reads it by the id its messages, appointments and
 *       invoices still name, and shows them under the survivor (decision 58).
 * </ul>
 *
 * <p>Appointments and invoices are read by their attribute names as their mappers write them
 * (shared appointments/invoices {@code store}); this class names them again rather than depending
 * on those packages, since a stream image is a plain map.
 *
 * Every document carries {@code accountId}, read from the item's key (never from an attribute), so
 * a search filtered by account sees only that account's documents. The document id is the item's
 * primary key, {@code <PK>|<SK>}: the same item always rewrites the same document.
 */
public final class SearchDocuments {
  public static final String ACCOUNT_ID = "accountId";
  public static final String KIND = "kind";
  public static final String ID = "id";
  public static final String CUSTOMER_ID = "customerId";
  public static final String CONVERSATION_ID = "conversationId";
  public static final String NAME = "name";
  public static final String PHONE = "phone";
  public static final String PHONES = "phones";
  public static final String EMAIL = "email";
  public static final String REFERENCE = "reference";
  public static final String TEXT = "text";
  public static final String DIRECTION = "direction";
  public static final String AT = "at";

  public static final String KIND_CUSTOMER = "customer";
  public static final String KIND_MESSAGE = "message";
  public static final String KIND_APPOINTMENT = "appointment";
  public static final String KIND_INVOICE = "invoice";
  /** A merged profile's forwarding address: {@code id} the merged profile, {@code customerId} the survivor. */
  public static final String KIND_MERGED = "merged";
  public static final String APPOINTMENT_TYPE = "appointmentType";
  public static final String STATUS = "status";
  public static final String REPAIR_ORDER = "repairOrder";
  public static final String INVOICE_NUMBER = "invoiceNumber";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";

  /** The item types that become documents (the Reindex function scans for these). */
  public static final List<String> SEARCHABLE_TYPES = List.of("Customer", "Message", "Appointment", "Invoice", "CustomerMerge");

  /** OpenSearch refuses document ids longer than 512 bytes. */
  private static final int MAX_ID_BYTES = 512;

  private static final Pattern CUSTOMER_KEY = Pattern.compile("A#([^#]+)#C#([^#]+)");
  private static final Pattern CONVERSATION_KEY = Pattern.compile("A#([^#]+)#CONV#([^#]+)");
  private static final Pattern TIMELINE_SK = Pattern.compile("T#.+");
  private static final Pattern APPOINTMENT_KEY = Pattern.compile("A#([^#]+)#APPT#([^#]+)");
  private static final Pattern INVOICE_KEY = Pattern.compile("A#([^#]+)#INVOICE#(.+)");
  private static final Pattern MERGE_SK = Pattern.compile(Pattern.quote(Keys.MERGE_PREFIX) + "([^#]+)");
  /** The sort key of a merged profile's forwarding document's id (no table item has it). */
  private static final String MERGED_SK = "MERGED";

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
    if ("Message".equals(type)) {
      return Optional.of(message(item));
    }
    if ("Appointment".equals(type)) {
      return Optional.of(appointment(item));
    }
    if ("Invoice".equals(type)) {
      return Optional.of(invoice(item));
    }
    if ("CustomerMerge".equals(type)) {
      return Optional.of(merged(item));
    }
    return Optional.empty();
  }

  /** The id of a customer's document, to read it back by id (a message hit shows its customer). */
  public static String customerDocumentId(String accountId, String customerId) {
    return documentId(Map.of(Table.PK, Keys.customer(accountId, customerId), Table.SK, Keys.PROFILE_SK));
  }

  /** The id of the forwarding document of a profile merged away (read by that profile's id: {@link #merged}). */
  public static String mergedDocumentId(String accountId, String mergedCustomerId) {
    return documentId(Map.of(Table.PK, Keys.customer(accountId, mergedCustomerId), Table.SK, MERGED_SK));
  }

  /** Both ids from the key (survivor in the partition, merged profile in the sort key), never from attributes. */
  private static SearchDocument merged(Map<String, Object> item) {
    Matcher key = key(item, CUSTOMER_KEY, "A#<account>#C#<survivorId>", MERGE_SK, "CustomerMerge");
    Matcher merged = MERGE_SK.matcher((String) item.get(Table.SK));
    merged.matches();
    Map<String, Object> fields = base(key.group(1), KIND_MERGED, merged.group(1));
    fields.put(CUSTOMER_ID, key.group(2));
    return new SearchDocument(mergedDocumentId(key.group(1), merged.group(1)), fields);
  }

  private static SearchDocument customer(Map<String, Object> item) {
    Matcher key = key(item, CUSTOMER_KEY, "A#<account>#C#<customerId>", Pattern.compile(Pattern.quote(Keys.PROFILE_SK)), "Customer");
    Map<String, Object> fields = base(key.group(1), KIND_CUSTOMER, key.group(2));
    fields.put(CUSTOMER_ID, key.group(2));
    String name = CustomerName.of(text(item, "firstName"), text(item, "lastName"), text(item, "name"));
    put(fields, NAME, name);
    String mobile = text(item, "mobile");
    put(fields, PHONE, mobile);
    Set<String> phones = new LinkedHashSet<>();
    if (mobile != null) {
      phones.addAll(PhoneForms.of(mobile));
    }
    if (item.get("otherPhones") instanceof Collection<?> others) {
      for (Object other : others) {
        // stored as <type>|<e164>
        String number = other instanceof String text ? text.substring(text.indexOf('|') + 1) : null;
        if (number != null && !number.isBlank()) {
          phones.addAll(PhoneForms.of(number.strip()));
        }
      }
    }
    put(fields, PHONES, phones.isEmpty() ? null : List.copyOf(phones));
    put(fields, EMAIL, text(item, "email"));
    put(fields, REFERENCE, text(item, "reference"));
    return new SearchDocument(documentId(item), fields);
  }

  private static SearchDocument message(Map<String, Object> item) {
    Matcher key = key(item, CONVERSATION_KEY, "A#<account>#CONV#<conversationId>", TIMELINE_SK, "Message");
    String messageId = text(item, "messageId");
    Map<String, Object> fields = base(key.group(1), KIND_MESSAGE, messageId != null ? messageId : (String) item.get(Table.SK));
    fields.put(CONVERSATION_ID, key.group(2));
    put(fields, CUSTOMER_ID, text(item, "customerId"));
    put(fields, TEXT, text(item, "body"));
    put(fields, DIRECTION, text(item, "direction"));
    String at = text(item, "receivedAt");
    put(fields, AT, at != null ? at : text(item, "createdAt"));
    return new SearchDocument(documentId(item), fields);
  }

  private static SearchDocument appointment(Map<String, Object> item) {
    Matcher key = key(item, APPOINTMENT_KEY, "A#<account>#APPT#<appointmentId>", Pattern.compile("APPOINTMENT"), "Appointment");
    Map<String, Object> fields = base(key.group(1), KIND_APPOINTMENT, key.group(2));
    put(fields, CUSTOMER_ID, text(item, "customerId"));
    put(fields, CONVERSATION_ID, text(item, "conversationId"));
    put(fields, APPOINTMENT_TYPE, text(item, "appointmentType"));
    put(fields, AT, text(item, "startsAt"));
    put(fields, STATUS, text(item, "status"));
    put(fields, REFERENCE, text(item, "reference"));
    return new SearchDocument(documentId(item), fields);
  }

  private static SearchDocument invoice(Map<String, Object> item) {
    Matcher key = key(item, INVOICE_KEY, "A#<account>#INVOICE#<number>", Pattern.compile("INVOICE"), "Invoice");
    Map<String, Object> fields = base(key.group(1), KIND_INVOICE, key.group(2));
    put(fields, CUSTOMER_ID, text(item, "customerId"));
    put(fields, INVOICE_NUMBER, key.group(2));
    put(fields, REPAIR_ORDER, text(item, "roNumber"));
    put(fields, REFERENCE, text(item, "customerReference"));
    Object amount = item.get("amount");
    put(fields, AMOUNT, amount == null ? null : Amounts.parse(amount.toString()).orElse(null));
    put(fields, CURRENCY, text(item, "currency"));
    put(fields, STATUS, text(item, "status"));
    put(fields, AT, text(item, "createdAt"));
    return new SearchDocument(documentId(item), fields);
  }

  private static Matcher key(Map<String, Object> item, Pattern pk, String shape, Pattern sk, String type) {
    Object partition = item.get(Table.PK);
    Matcher matcher = pk.matcher(partition instanceof String text ? text : "");
    if (!matcher.matches() || !(item.get(Table.SK) instanceof String sortKey && sk.matcher(sortKey).matches())) {
      throw new IllegalArgumentException("a " + type + " item whose key is not " + shape + " / " + sk.pattern()
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
