package com.textinbox.shared.store;

import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item a store knows how to read, by key: stores of different aggregates hand out refs so a
 * function can read a conversation, a customer and a user in one BatchGetItem ({@link BatchRead})
 * without seeing a DynamoDB type. {@code reader} gets null when there is no such item.
 */
public record ItemRef<T>(String pk, String sk, Function<Map<String, AttributeValue>, T> reader) {
  String id() {
    return pk + "|" + sk;
  }
}
