package com.textinbox.shared.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An UpdateItem's expression for a store, built clause by clause: {@code set("status", "OPEN")},
 * {@code remove("GSI4PK", "GSI4SK")}, {@code condition("#status = :seen", ":seen", "OPEN")}. Every
 * attribute is written {@code #name} (so reserved words such as {@code status}, {@code from} or
 * {@code total} need no care); values come as {@code ":name", value} pairs (strings, numbers,
 * booleans or AttributeValues). Sent as one UpdateItem or as one item of a transaction.
 */
public final class ItemUpdate {
  private static final Pattern NAME = Pattern.compile("#(\\w+)");

  private final List<String> sets = new ArrayList<>();
  private final List<String> removes = new ArrayList<>();
  private final List<String> adds = new ArrayList<>();
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();

  public static ItemUpdate of() {
    return new ItemUpdate();
  }

  /** {@code SET #attribute = :attribute}. */
  public ItemUpdate set(String attribute, Object value) {
    return setExpression("#" + attribute + " = :" + attribute, ":" + attribute, value);
  }

  /** A SET clause as written ({@code "#messageCount = if_not_exists(#messageCount, :zero) + :one"}) and its values. */
  public ItemUpdate setExpression(String clause, Object... valuePairs) {
    sets.add(named(clause));
    return values(valuePairs);
  }

  public ItemUpdate remove(String... attributes) {
    for (String attribute : attributes) {
      removes.add(named("#" + attribute));
    }
    return this;
  }

  /** {@code ADD #attribute :attribute}: a number added, or strings added to a set. */
  public ItemUpdate add(String attribute, Object value) {
    adds.add(named("#" + attribute + " :" + attribute));
    return values(":" + attribute, value);
  }

  /** One more condition, ANDed with the others ({@code #name}s and {@code :value}s as in SET). */
  public ItemUpdate condition(String expression, Object... valuePairs) {
    conditions.add(named(expression));
    return values(valuePairs);
  }

  public ItemUpdate values(Object... valuePairs) {
    values.putAll(DynamoTable.values(valuePairs));
    return this;
  }

  public boolean isEmpty() {
    return sets.isEmpty() && removes.isEmpty() && adds.isEmpty();
  }

  String expression() {
    StringBuilder expression = new StringBuilder();
    if (!sets.isEmpty()) {
      expression.append("SET ").append(String.join(", ", sets));
    }
    if (!removes.isEmpty()) {
      expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
    }
    if (!adds.isEmpty()) {
      expression.append(expression.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", adds));
    }
    return expression.toString();
  }

  String conditionExpression() {
    return conditions.isEmpty() ? null
        : conditions.size() == 1 ? conditions.get(0) : "(" + String.join(") AND (", conditions) + ")";
  }

  /**
   * Only the conditions, for a delete or put that must find the item in the same state: the
   * expression, with its names and values added to {@code names} and {@code values}.
   */
  public String conditionFor(Map<String, String> names, Map<String, AttributeValue> values) {
    names.putAll(this.names);
    values.putAll(this.values);
    return conditionExpression();
  }

  /** The update of the item {@code pk}/{@code sk} as one item of a transaction. */
  public Write write(DynamoTable table, String pk, String sk) {
    return table.updateWrite(b -> b.key(DynamoTable.key(pk, sk)).updateExpression(expression())
        .conditionExpression(conditionExpression()).expressionAttributeNames(names.isEmpty() ? null : names)
        .expressionAttributeValues(values.isEmpty() ? null : values));
  }

  /** Sends it as one UpdateItem; a failed condition throws {@link ConditionFailed}. */
  public void apply(DynamoTable table, String pk, String sk) {
    apply(table, pk, sk, null);
  }

  /** Sends it as one UpdateItem and answers the item as it is after it. */
  public Map<String, AttributeValue> applyReturningNew(DynamoTable table, String pk, String sk) {
    return apply(table, pk, sk, ReturnValue.ALL_NEW);
  }

  private Map<String, AttributeValue> apply(DynamoTable table, String pk, String sk, ReturnValue returnValue) {
    return table.update(b -> applyTo(b, pk, sk).returnValues(returnValue));
  }

  /** For a store that sets more of the request (what to return on a failed condition...). */
  public UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder request, String pk, String sk) {
    return request.key(DynamoTable.key(pk, sk)).updateExpression(expression())
        .conditionExpression(conditionExpression()).expressionAttributeNames(names.isEmpty() ? null : names)
        .expressionAttributeValues(values.isEmpty() ? null : values);
  }

  private String named(String clause) {
    Matcher m = NAME.matcher(clause);
    while (m.find()) {
      names.put("#" + m.group(1), m.group(1));
    }
    return clause;
  }
}
