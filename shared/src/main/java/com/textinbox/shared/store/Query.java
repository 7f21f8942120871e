package com.textinbox.shared.store;

import com.textinbox.shared.data.Table;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A Query of the table or of one of its indexes, written the way the access patterns of
 * docs/data-model.md read: {@code Query.table(pk).beginsWith("USER#")},
 * {@code Query.gsi(1, list).newestFirst().limit(25)}.
 */
public final class Query {
  private final String index;
  private final String pkName;
  private final String skName;
  private final String pk;
  private String skCondition;
  private final Map<String, AttributeValue> values = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  private String filter;
  private boolean newestFirst;
  private boolean consistent;
  private Integer limit;
  private Map<String, AttributeValue> startAfter;

  private Query(String index, String pkName, String skName, String pk) {
    this.index = index;
    this.pkName = pkName;
    this.skName = skName;
    this.pk = pk;
  }

  /** The items of one partition of the table. */
  public static Query table(String pk) {
    return new Query(null, Table.PK, Table.SK, pk);
  }

  /** The items of one partition of GSI{@code n} (1 to 4). */
  public static Query gsi(int n, String pk) {
    return new Query("GSI" + n, "GSI" + n + "PK", "GSI" + n + "SK", pk);
  }

  public Query beginsWith(String prefix) {
    values.put(":sk", AttributeValue.fromS(prefix));
    skCondition = "begins_with(#sk, :sk)";
    return this;
  }

  public Query between(String from, String to) {
    values.put(":from", AttributeValue.fromS(from));
    values.put(":to", AttributeValue.fromS(to));
    skCondition = "#sk BETWEEN :from AND :to";
    return this;
  }

  public Query lessThan(String bound) {
    return compare("<", bound);
  }

  public Query atMost(String bound) {
    return compare("<=", bound);
  }

  public Query greaterThan(String bound) {
    return compare(">", bound);
  }

  public Query atLeast(String bound) {
    return compare(">=", bound);
  }

  private Query compare(String operator, String bound) {
    values.put(":sk", AttributeValue.fromS(bound));
    skCondition = "#sk " + operator + " :sk";
    return this;
  }

  /**
   * A filter applied after the key condition (it does not lower what is read): values are named
   * {@code :f0, :f1...} in the expression, in the order given; attribute names may be written
   * {@code #name} and are then taken literally.
   */
  public Query filter(String expression, AttributeValue... filterValues) {
    this.filter = expression;
    for (int i = 0; i < filterValues.length; i++) {
      values.put(":f" + i, filterValues[i]);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("#(\\w+)").matcher(expression);
    while (m.find()) {
      if (!m.group(1).equals("sk") && !m.group(1).equals("pk")) {
        names.put("#" + m.group(1), m.group(1));
      }
    }
    return this;
  }

  /** Highest sort key first. */
  public Query newestFirst() {
    this.newestFirst = true;
    return this;
  }

  public Query consistent() {
    this.consistent = true;
    return this;
  }

  public Query limit(int limit) {
    this.limit = limit;
    return this;
  }

  /** Resume after this key (a previous page's last evaluated key); null starts at the beginning. */
  public Query startAfter(Map<String, AttributeValue> key) {
    this.startAfter = key == null || key.isEmpty() ? null : key;
    return this;
  }

  QueryRequest toRequest(String table) {
    Map<String, String> attributeNames = new HashMap<>(names);
    attributeNames.put("#pk", pkName);
    String condition = "#pk = :pk";
    if (skCondition != null) {
      attributeNames.put("#sk", skName);
      condition += " AND " + skCondition;
    }
    Map<String, AttributeValue> attributeValues = new HashMap<>(values);
    attributeValues.put(":pk", AttributeValue.fromS(pk));
    QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
        .keyConditionExpression(condition).expressionAttributeNames(attributeNames)
        .expressionAttributeValues(attributeValues).scanIndexForward(!newestFirst)
        .filterExpression(filter).limit(limit).exclusiveStartKey(startAfter);
    if (consistent) {
      request.consistentRead(true);
    }
    return request.build();
  }
}
