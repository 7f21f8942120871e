package com.textinbox.shared.store;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One item of a transaction, made by a store. Stores of different aggregates hand their writes to
 * {@link DynamoTable#transact} together, so a function can change a conversation and a customer
 * in one transaction without seeing a DynamoDB type.
 */
public record Write(TransactWriteItem item) {}
