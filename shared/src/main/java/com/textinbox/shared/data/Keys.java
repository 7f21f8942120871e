package com.textinbox.shared.data;

/**
 * Every key of the table, in one place. Tenant data always starts with {@code A#<accountId>}
 * (principle 4); the only keys that do not are the global look-ups needed to find the account in
 * the first place (a company phone number) and the global work lists of scheduled functions.
 *
 * <p>Times inside sort keys are ISO-8601 UTC instants, which sort as text.
 */
public final class Keys {
  private Keys() {}

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /**
   * An instant as keys and time attributes hold it: ISO-8601 UTC, always with milliseconds
   * ({@code 2026-11-21T14:03:00.120Z}), so that times compare as text ({@code Instant.toString()}
   * leaves out a zero fraction, and "...:00Z" sorts after "...:00.120Z").
   */
  public static String time(java.time.Instant instant) {
    return TIME.format(instant);
  }

  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /**
   * Whether an id from a request can be part of a key: 1 to 128 letters, digits, {@code . _ : -}
   * (every id this system makes: {@code cust-<uuid>}, {@code conv-<uuid>}, {@code job-<uuid>}...).
   * Anything else (a key separator {@code #}, {@code %}, an emoji, a thousand characters, which
   * DynamoDB refuses past 2,048 bytes of partition key) names nothing: the stores answer "not found"
   * without asking DynamoDB. The one bound on path ids (issue 10).
   */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The longest id another system of the company gives us (a DMS's reference, an invoice number). */
  public static final int MAX_EXTERNAL_ID = 64;

  private static final java.util.regex.Pattern EXTERNAL_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:@/-]{1," + MAX_EXTERNAL_ID + "}");

  /**
   * Whether an id given by a request (a DMS's reference or invoice number, a customer or advisor
   * id in a body) can be part of a key: 1 to 64 letters, digits, {@code . _ : @ / -}, never the
   * key separator {@code #} (docs/openapi.yaml describes the same set). The one check of such ids.
   */
  public static boolean isExternalId(String id) {
    return id != null && EXTERNAL_ID.matcher(id).matches();
  }

  public static String account(String accountId) {
    return "A#" + accountId;
  }

  // ---- account partition: the account, its users, teams, memberships, settings, counters
  public static final String ACCOUNT_SK = "ACCOUNT";
  /** The company's custom attribute definitions (P3), one item. */
  public static final String CUSTOMER_ATTRIBUTES_SK = "CUSTOMER_ATTRIBUTES";

  public static String userSk(String userId) {
    return "USER#" + userId;
  }

  public static String teamSk(String teamId) {
    return "TEAM#" + teamId;
  }

  /**
   * Uniqueness guard of a team name in an account (case-insensitive): written in the same
   * transaction as the team, so two teams can never share a name.
   */
  public static String teamNameSk(String normalizedName) {
    return "TEAMNAME#" + normalizedName;
  }

  public static final String USER_PREFIX = "USER#";
  public static final String TEAM_PREFIX = "TEAM#";
  public static final String MEMBER_PREFIX = "MEMBER#";

  /** Prefix of the memberships of one team. */
  public static String membersOf(String teamId) {
    return "MEMBER#" + teamId + "#";
  }

  public static String memberSk(String teamId, String userId) {
    return "MEMBER#" + teamId + "#" + userId;
  }

  /** GSI1 of a membership: the teams of one user. */
  public static String teamsOfUser(String accountId, String userId) {
    return account(accountId) + "#USERTEAMS#" + userId;
  }

  /** Monthly counters (sent, received, appointment outcomes), added to as things happen. */
  public static String statsSk(String yearMonth) {
    return "STATS#" + yearMonth;
  }

  // ---- API keys (AP4): the company's list, and the global look-up by hash (the authorizer knows only the key)
  public static final String API_KEY_PREFIX = "APIKEY#";

  public static String apiKeySk(String keyId) {
    return API_KEY_PREFIX + keyId;
  }

  /** Global: the SHA-256 of a key, hex (docs/decisions.md 48). */
  public static String apiKeyHash(String sha256Hex) {
    return API_KEY_PREFIX + sha256Hex;
  }

  public static final String API_KEY_HASH_SK = "APIKEY";

  // ---- company phone numbers (global: the inbound carrier payload names only the number)
  public static String companyNumber(String e164) {
    return "NUMBER#" + e164;
  }

  public static final String COMPANY_NUMBER_SK = "NUMBER";

  /** The send line of a company number (decision 61): when its next text may go. */
  public static String sendRate(String e164) {
    return "SENDRATE#" + e164;
  }

  public static final String SEND_RATE_SK = "SENDRATE";

  // ---- customers
  public static String customer(String accountId, String customerId) {
    return account(accountId) + "#C#" + customerId;
  }

  public static final String PROFILE_SK = "PROFILE";

  /** A merge log entry of a survivor (C14), keyed by the profile merged into it: one entry per merged profile. */
  public static String customerMergeSk(String mergedCustomerId) {
    return MERGE_PREFIX + mergedCustomerId;
  }

  public static final String MERGE_PREFIX = "MERGE#";

  /** Uniqueness guard and look-up: one profile per mobile number in an account. */
  public static String customerPhone(String accountId, String e164) {
    return account(accountId) + "#PHONE#" + e164;
  }

  public static final String PHONE_SK = "PHONE";

  /** GSI1: the account's customers by name. */
  public static String customersOf(String accountId) {
    return account(accountId) + "#CUSTOMERS";
  }

  /** GSI2: customers by the business's own reference. */
  public static String customerReference(String accountId, String reference) {
    return account(accountId) + "#CREF#" + reference;
  }

  /** Uniqueness guard: one profile per reference (the company's DMS's) in an account. */
  public static String customerReferenceGuard(String accountId, String reference) {
    return account(accountId) + "#REF#" + reference;
  }

  public static final String REFERENCE_SK = "REFERENCE";

  /** GSI3: unsubscribed customers, sort key the time they unsubscribed. */
  public static String unsubscribedCustomers(String accountId) {
    return account(accountId) + "#UNSUBSCRIBED";
  }

  /** GSI4: customers without a mobile number. */
  public static String customersWithoutMobile(String accountId) {
    return account(accountId) + "#NOMOBILE";
  }

  // ---- conversations: the conversation item and its timeline share a partition
  public static String conversation(String accountId, String conversationId) {
    return account(accountId) + "#CONV#" + conversationId;
  }

  public static final String CONVERSATION_SK = "CONVERSATION";

  /** Messages, notes and events in one time-ordered timeline (a date range is a key range). */
  public static String timelineSk(String isoTime, String itemId) {
    return "T#" + isoTime + "#" + itemId;
  }

  public static final String TIMELINE_PREFIX = "T#";

  /** Per-user read state of a conversation. */
  public static String readSk(String userId) {
    return "READ#" + userId;
  }

  /** GSI1: conversations of one assignee (user or team) in one status, newest activity first. */
  public static String assigneeList(String accountId, String assigneeKind, String assigneeId, String status) {
    return account(accountId) + "#ASSIGNEE#" + assigneeKind + "#" + assigneeId + "#" + status;
  }

  /** GSI2: the conversations (active and archived) of one profile. */
  public static String conversationsOfCustomer(String accountId, String customerId) {
    return account(accountId) + "#CUSTCONV#" + customerId;
  }

  /** GSI3: every conversation of the account in one status by last activity (all lists, auto-close). */
  public static String conversationsByStatus(String accountId, String status) {
    return account(accountId) + "#CONVS#" + status;
  }

  /** GSI4: conversations with a customer message not answered yet, sort key since when. */
  public static String unansweredConversations(String accountId) {
    return account(accountId) + "#UNANSWERED";
  }

  /** Sort key of activity lists: the time, then the id so equal times stay distinct. */
  public static String activitySk(String isoTime, String id) {
    return isoTime + "#" + id;
  }

  // ---- carrier ids
  public static final String INBOUND_SK = "INBOUND";

  /** Dedupe marker of an inbound SMS, keyed by the carrier's message id. */
  public static String inboundCarrierMessage(String accountId, String carrierMessageId) {
    return account(accountId) + "#INBOUND#" + carrierMessageId;
  }

  /** Maps a carrier's id of an outbound SMS back to the message, for delivery receipts. */
  public static String outboundCarrierMessage(String carrierMessageId) {
    return "CARRIERMSG#" + carrierMessageId;
  }

  public static final String OUTBOUND_CARRIER_SK = "CARRIERMSG";

  // ---- notifications of a user
  public static String notificationsOf(String accountId, String userId) {
    return account(accountId) + "#U#" + userId + "#NOTIFICATIONS";
  }

  public static String notificationSk(String isoTime, String notificationId) {
    return "N#" + isoTime + "#" + notificationId;
  }

  /** GSI1 (sparse, removed once read): a user's unread notifications. */
  public static String unreadNotificationsOf(String accountId, String userId) {
    return account(accountId) + "#U#" + userId + "#UNREAD";
  }

  /** A user's notification settings (categories x channels, email mode, digest hour, time zone). */
  public static String notificationSettingsSk(String userId) {
    return "NOTIFYSETTINGS#" + userId;
  }

  /** The mobile devices a user registered for push (one item each, sort key {@code DEVICE#<deviceId>}). */
  public static String devicesOf(String accountId, String userId) {
    return account(accountId) + "#U#" + userId + "#DEVICES";
  }

  public static String deviceSk(String deviceId) {
    return "DEVICE#" + deviceId;
  }

  /**
   * Who a push token belongs to now (global, like a company number: SNS has one endpoint per token
   * whatever the account). A phone handed to someone else must stop receiving the first user's pushes.
   */
  public static String pushToken(String tokenHash) {
    return "PUSHTOKEN#" + tokenHash;
  }

  public static final String PUSH_TOKEN_SK = "PUSHTOKEN";

  public static final String NOTIFICATION_PREFIX = "N#";

  /** Items waiting for a user's next daily digest. */
  public static String digestOf(String accountId, String userId) {
    return account(accountId) + "#U#" + userId + "#DIGEST";
  }

  // ---- live (browser WebSocket) connections of a user: one item per open connection, TTL'd
  /** The partition of a user's open WebSocket connections (docs/data-model.md, "Live connections"). */
  public static String liveConnectionsOf(String accountId, String userId) {
    return account(accountId) + "#U#" + userId + "#LIVE";
  }

  public static final String LIVE_CONNECTION_PREFIX = "CONN#";

  public static String liveConnectionSk(String connectionId) {
    return LIVE_CONNECTION_PREFIX + connectionId;
  }

  // ---- Telegram link codes (global: Telegram's /start names only the code, not the account)
  public static String telegramLinkCode(String code) {
    return "TGLINK#" + code;
  }

  public static final String TELEGRAM_LINK_SK = "TGLINK";

  // ---- global work lists of scheduled functions (GSI4, sparse)
  /** Away users with a return date; sort key the return time. */
  public static final String AWAY_RETURNS = "DUE#AWAY_RETURNS";

  /**
   * Users whose email comes as a daily digest; sort key {@code <nextDigestAt>#<acct>#<userId>}, the
   * next time their digest is due (their chosen hour in their zone, computed per day so DST holds).
   * Carried by the user's notification settings item, not the user item (whose GSI4 is the away list).
   */
  public static final String DIGESTS_DUE = "DUE#DIGEST";

  /** Sort key of {@link #DIGESTS_DUE}: when the user's digest is due, then who they are. */
  public static String digestDue(String isoTime, String accountId, String userId) {
    return isoTime + "#" + accountId + "#" + userId;
  }

  /** Accounts with auto-close on (the scheduled run queries each one's open list by cutoff). */
  public static final String AUTO_CLOSE_ACCOUNTS = "DUE#AUTO_CLOSE";

  /**
   * Outbound messages still QUEUED (every account): a message carries it from the moment it is
   * stored until it leaves QUEUED, sort key {@link #queuedSmsDue}; the QueuedSmsSweep re-enqueues
   * the ones whose command was lost.
   */
  public static final String QUEUED_SMS = "DUE#QUEUED_SMS";

  /** Sort key of {@link #QUEUED_SMS}: when the sweep should look at the message next, then its id. */
  public static String queuedSmsDue(String isoTime, String messageId) {
    return isoTime + "#" + messageId;
  }

  /**
   * Company-months whose monthly report is still to send (N4): carried by the month's counters item
   * ({@code STATS#<yyyy-mm>}) from its first count until every report of it is sent; sort key
   * {@link #monthlyReportDue}.
   */
  public static final String MONTHLY_REPORTS = "DUE#MONTHLY_REPORT";

  /** Sort key of {@link #MONTHLY_REPORTS}: the month, then the account. */
  public static String monthlyReportDue(String yearMonth, String accountId) {
    return yearMonth + "#" + accountId;
  }

  /** The sent-marker of one user's monthly report email (N4): exactly one email per user per month. */
  public static String monthlyReportSentSk(String yearMonth, String userId) {
    return "REPORTSENT#" + yearMonth + "#" + userId;
  }

  // ---- jobs (export, import, bulk assignment)
  public static String jobSk(String jobId) {
    return "JOB#" + jobId;
  }

  /** One page of a bulk assignment's "select all" list, as expanded once (the ids it holds). */
  public static String jobPageSk(String jobId, int page) {
    return "JOB#" + jobId + "#PAGE#" + page;
  }

  // ---- appointments (AP1, AP2) and invoices (AP3)
  public static String appointment(String accountId, String appointmentId) {
    return account(accountId) + "#APPT#" + appointmentId;
  }

  public static final String APPOINTMENT_SK = "APPOINTMENT";

  /** GSI1: the company's appointments by time (a day in the company's zone is a key range). */
  public static String appointmentsOf(String accountId) {
    return account(accountId) + "#APPOINTMENTS";
  }

  /** GSI2: one customer's appointments by time (the pending one a reply answers). */
  public static String appointmentsOfCustomer(String accountId, String customerId) {
    return account(accountId) + "#CUSTAPPT#" + customerId;
  }

  /** The company's before-an-appointment automation (AP2), in the account partition. */
  public static final String APPOINTMENT_REMINDERS_SK = "SETTINGS#APPOINTMENT_REMINDERS";

  /**
   * GSI4 (sparse): appointments with something due, every account: a reminder to text, or a time
   * passing without confirmation; sort key {@link #appointmentDue}.
   */
  public static final String APPOINTMENTS_DUE = "DUE#APPOINTMENTS";

  public static String appointmentDue(String isoTime, String accountId, String appointmentId) {
    return isoTime + "#" + accountId + "#" + appointmentId;
  }

  public static String invoice(String accountId, String number) {
    return account(accountId) + "#INVOICE#" + number;
  }

  public static final String INVOICE_SK = "INVOICE";

  /** GSI2: a customer's invoices, newest first. */
  public static String invoicesOfCustomer(String accountId, String customerId) {
    return account(accountId) + "#CUSTINV#" + customerId;
  }

  // ---- a staff client's Idempotency-Key on a send (decision 74): per user, so two users never share one
  public static String sendKey(String accountId, String userId, String key) {
    return account(accountId) + "#U#" + userId + "#SENDKEY#" + key;
  }

  public static final String SEND_KEY_SK = "SENDKEY";

  // ---- idempotency of queue consumers
  public static String idempotency(String scope, String key) {
    return "IDEMPOTENCY#" + scope + "#" + key;
  }

  // ---- customer imports (P4): an import's partition holds the import, its runs and their rows' outcomes
  public static String customerImport(String accountId, String importId) {
    return account(accountId) + "#IMPORT#" + importId;
  }

  public static final String IMPORT_SK = "IMPORT";

  /** A run of an import (a dry run or the import), numbered from 1. */
  public static String importRunSk(int run) {
    return String.format("RUN#%04d", run);
  }

  /** The outcomes of a run's rows from data row {@code from} (0-based), as one transaction wrote them. */
  public static String importRowsSk(int run, long from) {
    return importRunSk(run) + String.format("#ROWS#%010d", from);
  }

  /** A saved mapping, in the account partition, by the fingerprint of the titles it maps. */
  public static String importMappingSk(String fingerprint) {
    return "IMPORT_MAPPING#" + fingerprint;
  }
}
