package com.textinbox.shared.messaging;

/** Where one timeline message is: its account, conversation and timeline sort key, and its id. */
public record MessageRef(String accountId, String conversationId, String timelineSk, String messageId) {}
