package com.textinbox.shared.store;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.observability.Priming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one table and the plumbing every store shares, written once: get, batch get (asking again
 * for unprocessed keys), query pages, conditional writes, transactions (with why one was
 * cancelled) and batch deletes. Stores build items with their mappers and call this; nothing
 * else touches the DynamoDB client.
 */
public final class DynamoTable {
  private static final int MAX_BATCH_ATTEMPTS = 4;
  private static final int BATCH_GET_MAX = 100;
  private static final int BATCH_WRITE_MAX = 25;

  private final DynamoDbClient client;
  private final String name;
  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming;

  public DynamoTable(DynamoDbClient client, String name) {
    this.client = client;
    this.name = name;
    this.priming = Priming.register("table " + name, this::prime);
  }

  /**
   * SnapStart priming (docs/decisions.md 46): one GetItem and one Query of a key no item has, so
   * the client's request path (signing, HTTP, marshalling, endpoint rules) is loaded and its
   * connection open before the snapshot (and a BatchGetItem and a paginated Query of that key); then the writes (PutItem, UpdateItem, DeleteItem,
   * TransactWriteItems) of that key, each stopped before transmission
   * ({@link PrimingInterceptor}): their models, marshallers and signing load, nothing is sent. Each
   * write is also conditional on the key's item existing, which it never does: were one sent, it
   * would be refused, not applied.
   */
  public void prime() {
    get(Priming.KEY, Priming.KEY);
    query(Query.table(Priming.KEY).limit(1));
    Map<String, AttributeValue> key = key(Priming.KEY, Priming.KEY);
    batchGet(List.of(key));
    queryAll(Query.table(Priming.KEY).limit(1)); // the paginator the scheduled functions read with
    // the answers' models, which a stopped write never unmarshals (their fields, built once per class)
    PutItemResponse.builder().build();
    UpdateItemResponse.builder().build();
    DeleteItemResponse.builder().build();
    TransactWriteItemsResponse.builder().itemCollectionMetrics(Map.of()).build();
    BatchGetItemResponse.builder().responses(Map.of(name, List.of(key))).build(); // as an answer with items is read
    // a write whose condition failed, a redelivery's usual answer: the exception the SDK builds, and
    // the JDK's number formatting (locale data) its retry strategy words a non-retryable error with
    ConditionalCheckFailedException.builder().message("priming")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException").build()).build();
    String.format("%d of %d", 1, 1);
    String exists = "attribute_exists(" + Table.PK + ")";
    Map<String, AttributeValue> values = Map.of(":n", AttributeValue.fromN("0"));
    PrimingInterceptor.unsent(() -> client.putItem(b -> b.tableName(name).item(key).conditionExpression(exists)
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
    PrimingInterceptor.unsent(() -> client.updateItem(b -> b.tableName(name).key(key).conditionExpression(exists)
        .updateExpression("SET priming = :n").expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
    PrimingInterceptor.unsent(() -> client.deleteItem(b -> b.tableName(name).key(key).conditionExpression(exists)
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
    List<Write> writes = List.of(
        new Write(TransactWriteItem.builder().put(p -> p.tableName(name).item(key).conditionExpression(exists)).build()),
        new Write(TransactWriteItem.builder().update(u -> u.tableName(name).key(key).conditionExpression(exists)
            .updateExpression("SET priming = :n").expressionAttributeValues(values)).build()),
        new Write(TransactWriteItem.builder().conditionCheck(c -> c.tableName(name).key(key).conditionExpression(exists)).build()),
        new Write(TransactWriteItem.builder().delete(d -> d.tableName(name).key(key).conditionExpression(exists)).build()));
    PrimingInterceptor.unsent(() -> client.transactWriteItems(b -> b.transactItems(writes.stream().map(Write::item).toList())
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
    // deleteAll's batch (a customer's history deleted by CustomerDeletion), stopped as the writes are
    List<WriteRequest> batch = List.of(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
    PrimingInterceptor.unsent(() -> client.batchWriteItem(b -> b.requestItems(Map.of(name, batch))
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
    BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
  }

  /** The table of {@code TABLE_NAME}, through the function's one DynamoDB client. */
  public static DynamoTable fromEnvironment() {
    return new DynamoTable(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
  }

  public String name() {
    return name;
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(sk));
  }

  /** The primary key of an item read or built. */
  public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK));
  }

  // ---- reads

  /** The item, or null when there is none (eventually consistent). */
  public Map<String, AttributeValue> get(String pk, String sk) {
    return orNull(client.getItem(b -> b.tableName(name).key(key(pk, sk))).item());
  }

  /** The item as last written, or null. */
  public Map<String, AttributeValue> getConsistent(String pk, String sk) {
    return orNull(client.getItem(b -> b.tableName(name).key(key(pk, sk)).consistentRead(true)).item());
  }

  /**
   * The items of these keys that exist, in no particular order: BatchGetItem by 100, asking again
   * for what DynamoDB left unprocessed (it does when throttled), so an unread key never looks like
   * a missing item. Still unread after a few tries: {@link StoreBusyException}.
   */
  public List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    return batchGet(keys, false);
  }

  /** {@link #batchGet(List)}, strongly consistent when asked (the items as last written). */
  public List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
    List<Map<String, AttributeValue>> unique = new ArrayList<>(new LinkedHashSet<>(keys));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < unique.size(); from += BATCH_GET_MAX) {
      List<Map<String, AttributeValue>> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_GET_MAX));
      Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder().keys(chunk).consistentRead(consistent ? true : null).build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) {
          throw new StoreBusyException("BatchGetItem left keys unprocessed " + MAX_BATCH_ATTEMPTS + " times");
        }
        backOff(attempt);
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse found = client.batchGetItem(b -> b.requestItems(request));
        items.addAll(found.responses().getOrDefault(name, List.of()));
        pending = found.hasUnprocessedKeys() ? found.unprocessedKeys() : Map.of();
      }
    }
    return items;
  }

  /** One page of a query. */
  public QueryResult query(Query query) {
    QueryResponse response = client.query(query.toRequest(name));
    Map<String, AttributeValue> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
        ? response.lastEvaluatedKey() : null;
    return new QueryResult(response.items(), last);
  }

  /** Every item of a query, all pages. */
  public List<Map<String, AttributeValue>> queryAll(Query query) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.queryPaginator(query.toRequest(name)).items().forEach(items::add);
    return items;
  }

  /**
   * How many items a query matches (Select COUNT, no item sent back), page after page of at most
   * {@code cap}, stopping once {@code cap} are counted: the answer may pass it, never by more than a page.
   */
  public int count(Query query, int cap) {
    int count = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse response = client.query(query.limit(cap).startAfter(start).toRequest(name).toBuilder()
          .select(Select.COUNT).build());
      count += response.count();
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null && count < cap);
    return count;
  }

  // ---- single writes

  public void put(Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(name).item(item));
  }

  /** Puts the item unless one with its key exists; false when one did. */
  public boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      client.putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * Puts the item if {@code condition} holds (one PutItem); when it does not, nothing is written and
   * the item as it stands is answered (DynamoDB returns it with the refusal: no second read).
   * Answers null when the item was written.
   */
  public Map<String, AttributeValue> putOrExisting(Map<String, AttributeValue> item, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    try {
      client.putItem(b -> b.tableName(name).item(item).conditionExpression(condition)
          .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values.isEmpty() ? null : values)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return null;
    } catch (ConditionalCheckFailedException e) {
      return e.hasItem() ? e.item() : Map.of();
    }
  }

  /**
   * An UpdateItem (the table name is set here); answers the attributes it was asked to return.
   * A failed condition throws {@link ConditionFailed}.
   */
  public Map<String, AttributeValue> update(Consumer<UpdateItemRequest.Builder> request) {
    try {
      return client.updateItem(b -> request.accept(b.tableName(name))).attributes();
    } catch (ConditionalCheckFailedException e) {
      throw new ConditionFailed(e);
    }
  }

  /** An UpdateItem whose condition may fail: false when it did (nothing was changed). */
  public boolean updateIf(Consumer<UpdateItemRequest.Builder> request) {
    try {
      update(request);
      return true;
    } catch (ConditionFailed e) {
      return false;
    }
  }

  public void delete(String pk, String sk) {
    client.deleteItem(b -> b.tableName(name).key(key(pk, sk)));
  }

  /** Deletes the item if it exists: false when there was none (one conditional DeleteItem). */
  public boolean deleteIfExists(String pk, String sk) {
    try {
      client.deleteItem(b -> b.tableName(name).key(key(pk, sk)).conditionExpression("attribute_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Deletes these keys with BatchWriteItem by 25, sending again what DynamoDB left unprocessed. */
  public void deleteAll(List<Map<String, AttributeValue>> keys) {
    for (int from = 0; from < keys.size(); from += BATCH_WRITE_MAX) {
      List<WriteRequest> chunk = new ArrayList<>();
      for (Map<String, AttributeValue> key : keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_MAX))) {
        chunk.add(WriteRequest.builder().deleteRequest(d -> d.key(keyOf(key))).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(name, chunk);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) {
          throw new StoreBusyException("BatchWriteItem left items unprocessed " + MAX_BATCH_ATTEMPTS + " times");
        }
        backOff(attempt);
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse written = client.batchWriteItem(b -> b.requestItems(request));
        pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
      }
    }
  }

  // ---- transactions

  public Write putWrite(Map<String, AttributeValue> item) {
    return new Write(TransactWriteItem.builder().put(Put.builder().tableName(name).item(item).build()).build());
  }

  /** Put only if no item has this key (a uniqueness guard, a dedupe marker, a new item). */
  public Write putIfAbsentWrite(Map<String, AttributeValue> item) {
    return new Write(TransactWriteItem.builder().put(Put.builder().tableName(name).item(item)
        .conditionExpression("attribute_not_exists(PK)").build()).build());
  }

  /** An update inside a transaction (the table name is set here). */
  public Write updateWrite(Consumer<Update.Builder> update) {
    Update.Builder builder = Update.builder().tableName(name);
    update.accept(builder);
    return new Write(TransactWriteItem.builder().update(builder.build()).build());
  }

  public Write deleteWrite(String pk, String sk) {
    return new Write(TransactWriteItem.builder().delete(Delete.builder().tableName(name).key(key(pk, sk)).build()).build());
  }

  /** A delete that must find the item in the given state. */
  public Write deleteWrite(Consumer<Delete.Builder> delete) {
    Delete.Builder builder = Delete.builder().tableName(name);
    delete.accept(builder);
    return new Write(TransactWriteItem.builder().delete(builder.build()).build());
  }

  public Write conditionCheckWrite(Consumer<ConditionCheck.Builder> check) {
    ConditionCheck.Builder builder = ConditionCheck.builder().tableName(name);
    check.accept(builder);
    return new Write(TransactWriteItem.builder().conditionCheck(builder.build()).build());
  }

  /**
   * TransactWriteItems of these writes (up to 100), all or nothing. Cancelled:
   * {@link TransactionCancelled} with each item's reason, in order.
   */
  public void transact(List<Write> writes) {
    List<TransactWriteItem> items = writes.stream().map(Write::item).toList();
    try {
      client.transactWriteItems(b -> b.transactItems(items));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
      throw new TransactionCancelled(reasons.stream().map(r -> r.code() == null ? "None" : r.code()).toList(), e);
    }
  }

  /**
   * SnapStart priming (docs/decisions.md 46): these writes as the TransactWriteItems {@link #transact}
   * makes, marshalled and signed, then stopped before transmission ({@link PrimingInterceptor}):
   * nothing is written. A condition check of the key {@code Priming.KEY} (whose item never exists)
   * goes with them: were the transaction ever sent, DynamoDB would cancel all of it.
   */
  public void primeTransact(List<Write> writes) {
    List<TransactWriteItem> items = new ArrayList<>(writes.size() + 1);
    writes.forEach(write -> items.add(write.item()));
    items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(name).key(key(Priming.KEY, Priming.KEY))
        .conditionExpression("attribute_exists(" + Table.PK + ")")).build());
    PrimingInterceptor.unsent(() -> client.transactWriteItems(b -> b.transactItems(items)
        .overrideConfiguration(PrimingInterceptor.UNSENT)));
  }

  /**
   * Writes these: one UpdateItem when they are a single update (half the cost of a transaction),
   * else one transaction. A failed condition: {@link ConditionFailed} or {@link TransactionCancelled}.
   */
  public void write(List<Write> writes) {
    if (writes.size() == 1 && writes.get(0).item().update() != null) {
      Update single = writes.get(0).item().update();
      update(b -> b.key(single.key()).updateExpression(single.updateExpression())
          .conditionExpression(single.conditionExpression()).expressionAttributeNames(single.expressionAttributeNames())
          .expressionAttributeValues(single.expressionAttributeValues()));
    } else {
      transact(writes);
    }
  }

  public void transact(Write... writes) {
    transact(List.of(writes));
  }

  // ---- helpers

  /** Expression values from pairs {@code ":name", value}: strings, numbers, booleans or AttributeValues. */
  public static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], attribute(pairs[i + 1]));
    }
    return values;
  }

  private static AttributeValue attribute(Object value) {
    if (value instanceof AttributeValue attribute) {
      return attribute;
    } else if (value instanceof Number number) {
      return AttributeValue.fromN(number.toString());
    } else if (value instanceof Boolean bool) {
      return AttributeValue.fromBool(bool);
    }
    return AttributeValue.fromS(String.valueOf(value));
  }

  private static Map<String, AttributeValue> orNull(Map<String, AttributeValue> item) {
    return item == null || item.isEmpty() ? null : item;
  }

  private static void backOff(int attempt) {
    if (attempt == 0) {
      return;
    }
    try {
      Thread.sleep(25L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreBusyException("interrupted while backing off");
    }
  }
}
