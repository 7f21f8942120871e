package com.textinbox.shared.notifications;

/**
 * Who a push token belongs to now (a global look-up: SNS keeps one endpoint per token, whatever
 * the account). {@code tokenHash} is the sha-256 of the token; the owner is a user of an account.
 */
public record PushTokenOwner(String tokenHash, String accountId, String userId) {}
