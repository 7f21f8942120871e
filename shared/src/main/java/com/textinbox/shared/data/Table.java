package com.textinbox.shared.data;

/**
 * Attribute and index names of the single table. The design, with every access pattern it
 * serves, is written down in docs/data-model.md; {@link Keys} builds the keys.
 */
public final class Table {
  public static final String PK = "PK";
  public static final String SK = "SK";
  /** Lists by owner: conversations by assignee x status, customers by name, a user's unread notifications, a user's teams. */
  public static final String GSI1 = "GSI1";
  public static final String GSI1PK = "GSI1PK";
  public static final String GSI1SK = "GSI1SK";
  /** Look-ups by a second reference: customer by reference, conversations of a profile. */
  public static final String GSI2 = "GSI2";
  public static final String GSI2PK = "GSI2PK";
  public static final String GSI2SK = "GSI2SK";
  /** Account-wide lists in time order: conversations by status and last activity, unsubscribed customers by date. */
  public static final String GSI3 = "GSI3";
  public static final String GSI3PK = "GSI3PK";
  public static final String GSI3SK = "GSI3SK";
  /** Sparse work lists: unanswered conversations, customers without a mobile, away returns due, digests due. */
  public static final String GSI4 = "GSI4";
  public static final String GSI4PK = "GSI4PK";
  public static final String GSI4SK = "GSI4SK";
  /** DynamoDB TTL attribute (epoch seconds): idempotency records and dedupe markers expire by themselves. */
  public static final String EXPIRES_AT = "expiresAt";
  /** What an item is: a customer, a conversation, a message... */
  public static final String TYPE = "type";

  private Table() {}
}
