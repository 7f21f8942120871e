package com.textinbox.localcloud.demo;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The demo companies: a dealership with an admin, two users, a free user, a team, customers and a
 * company number; and a smaller clinic, so tenancy can be tried. Ids are fixed, so with --data
 * (and the same ports) the tokens printed stay valid across restarts. Seeding never overwrites.
 */
public final class DemoData {
  public record DemoUser(String key, String accountId, String userId, String name, String email, String role) {}

  public record DemoCompany(String accountId, String name, String number) {}

  public record DemoCustomer(String accountId, String customerId, String firstName, String lastName, String mobile, String language) {}

  public static final DemoCompany DEALERSHIP = new DemoCompany("acct-maple-motors", "Maple Motors", "+15145550100");
  public static final DemoCompany CLINIC = new DemoCompany("acct-harbor-clinic", "Harbor Clinic", "+14385550100");

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("admin", DEALERSHIP.accountId(), "user-alice", "Alice Martin", "alice@maple-motors.example", "admin"),
      new DemoUser("user1", DEALERSHIP.accountId(), "user-bruno", "Bruno Tremblay", "bruno@maple-motors.example", "user"),
      new DemoUser("user2", DEALERSHIP.accountId(), "user-chloe", "Chloé Roy", "chloe@maple-motors.example", "user"),
      new DemoUser("free", DEALERSHIP.accountId(), "user-felix", "Félix Gagnon", "felix@maple-motors.example", "free"),
      new DemoUser("otherAdmin", CLINIC.accountId(), "user-olivia", "Olivia Chen", "olivia@harbor-clinic.example", "admin"));

  public static final String SERVICE_TEAM = "team-service";

  public static final List<DemoCustomer> CUSTOMERS = List.of(
      new DemoCustomer(DEALERSHIP.accountId(), "cust-marie", "Marie", "Lambert", "+15145550111", "fr"),
      new DemoCustomer(DEALERSHIP.accountId(), "cust-john", "John", "Smith", "+15145550112", "en"),
      new DemoCustomer(DEALERSHIP.accountId(), "cust-karim", "Karim", "Haddad", "+15145550113", "en"),
      new DemoCustomer(DEALERSHIP.accountId(), "cust-paul", "Paul", "Desjardins", null, "fr"),
      new DemoCustomer(CLINIC.accountId(), "cust-nina", "Nina", "Patel", "+14385550111", "en"));

  /** John Smith's conversation at the dealership, assigned to Bruno (user1): one text in, one answer delivered. */
  public static final String JOHN_CONVERSATION = "conv-demo-john";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DemoData(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  public void seed() {
    for (DemoCompany company : List.of(DEALERSHIP, CLINIC)) {
      put(Keys.account(company.accountId()), Keys.ACCOUNT_SK, Map.of(
          Table.TYPE, "Account", "name", company.name(), "number", company.number(), "language", "en"));
      put(Keys.companyNumber(company.number()), Keys.COMPANY_NUMBER_SK, Map.of(
          Table.TYPE, "CompanyNumber", "accountId", company.accountId()));
    }
    for (DemoUser user : USERS) {
      put(Keys.account(user.accountId()), Keys.userSk(user.userId()), Map.of(
          Table.TYPE, "User", "name", user.name(), "email", user.email(), "role", user.role()));
    }
    put(Keys.account(DEALERSHIP.accountId()), Keys.teamSk(SERVICE_TEAM), Map.of(Table.TYPE, "Team", "name", "Service"));
    // the name's uniqueness guard, as UsersApi writes it with every team
    put(Keys.account(DEALERSHIP.accountId()), Keys.teamNameSk("service"), Map.of(Table.TYPE, "TeamName", "teamId", SERVICE_TEAM));
    for (String member : List.of("user-bruno", "user-chloe")) {
      put(Keys.account(DEALERSHIP.accountId()), Keys.memberSk(SERVICE_TEAM, member), Map.of(
          Table.TYPE, "TeamMember", "teamId", SERVICE_TEAM, "userId", member,
          Table.GSI1PK, Keys.teamsOfUser(DEALERSHIP.accountId(), member), Table.GSI1SK, SERVICE_TEAM));
    }
    for (DemoCustomer customer : CUSTOMERS) {
      Map<String, String> profile = new LinkedHashMap<>();
      profile.put(Table.TYPE, "Customer");
      profile.put("customerId", customer.customerId());
      profile.put("firstName", customer.firstName());
      profile.put("lastName", customer.lastName());
      profile.put("language", customer.language());
      profile.put(Table.GSI1PK, Keys.customersOf(customer.accountId()));
      profile.put(Table.GSI1SK, (customer.lastName() + " " + customer.firstName()).toLowerCase() + "#" + customer.customerId());
      if (customer.customerId().equals("cust-john")) {
        profile.put("activeConversationId", JOHN_CONVERSATION);
      }
      if (customer.mobile() != null) {
        profile.put("mobile", customer.mobile());
        put(Keys.customerPhone(customer.accountId(), customer.mobile()), Keys.PHONE_SK, Map.of(
            Table.TYPE, "CustomerPhone", "customerId", customer.customerId()));
      } else {
        profile.put(Table.GSI4PK, Keys.customersWithoutMobile(customer.accountId()));
        profile.put(Table.GSI4SK, customer.customerId());
      }
      put(Keys.customer(customer.accountId(), customer.customerId()), Keys.PROFILE_SK, profile);
    }
    seedJohnsConversation();
  }

  /**
   * conv-demo-john, written with the attribute names InboundSms uses (docs/data-model.md,
   * "Inbound SMS"): open, assigned to Bruno (GSI1 his OPEN list), answered (no unansweredSince),
   * a day old when the cloud starts. John's next text lands in it.
   */
  private void seedJohnsConversation() {
    String account = DEALERSHIP.accountId();
    String pk = Keys.conversation(account, JOHN_CONVERSATION);
    java.time.Instant inboundAt = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    java.time.Instant outboundAt = inboundAt.plusSeconds(300);
    String in = Keys.time(inboundAt);
    String out = Keys.time(outboundAt);
    String john = "+15145550112";
    String inboundBody = "Hi, can I book my winter tire change for next week?";
    String outboundBody = "Hi John, sure: Tuesday 9:00 works? Bruno, Maple Motors";

    Map<String, AttributeValue> conversation = new HashMap<>();
    conversation.put(Table.PK, s(pk));
    conversation.put(Table.SK, s(Keys.CONVERSATION_SK));
    conversation.put(Table.TYPE, s("Conversation"));
    conversation.put("conversationId", s(JOHN_CONVERSATION));
    conversation.put("customerId", s("cust-john"));
    conversation.put("status", s("OPEN"));
    conversation.put("createdAt", s(in));
    conversation.put("lastActivityAt", s(out));
    conversation.put("lastMessageId", s("msg-demo-john-2"));
    conversation.put("lastMessagePreview", s(outboundBody));
    conversation.put("lastMessageDirection", s("OUTBOUND"));
    conversation.put("lastInboundAt", s(in));
    conversation.put("messageCount", AttributeValue.fromN("2"));
    conversation.put("assigneeKind", s("USER"));
    conversation.put("assigneeId", s("user-bruno"));
    conversation.put(Table.GSI1PK, s(Keys.assigneeList(account, "USER", "user-bruno", "OPEN")));
    conversation.put(Table.GSI1SK, s(Keys.activitySk(out, JOHN_CONVERSATION)));
    conversation.put(Table.GSI2PK, s(Keys.conversationsOfCustomer(account, "cust-john")));
    conversation.put(Table.GSI2SK, s(in));
    conversation.put(Table.GSI3PK, s(Keys.conversationsByStatus(account, "OPEN")));
    conversation.put(Table.GSI3SK, s(Keys.activitySk(out, JOHN_CONVERSATION)));
    putItem(conversation);

    Map<String, AttributeValue> inbound = new HashMap<>();
    inbound.put(Table.PK, s(pk));
    inbound.put(Table.SK, s(Keys.timelineSk(in, "msg-demo-john-1")));
    inbound.put(Table.TYPE, s("Message"));
    inbound.put("messageId", s("msg-demo-john-1"));
    inbound.put("conversationId", s(JOHN_CONVERSATION));
    inbound.put("customerId", s("cust-john"));
    inbound.put("direction", s("INBOUND"));
    inbound.put("body", s(inboundBody));
    inbound.put("from", s(john));
    inbound.put("to", s(DEALERSHIP.number()));
    inbound.put("status", s("RECEIVED"));
    inbound.put("receivedAt", s(in));
    inbound.put("sentAt", s(in));
    putItem(inbound);

    Map<String, AttributeValue> outbound = new HashMap<>();
    outbound.put(Table.PK, s(pk));
    outbound.put(Table.SK, s(Keys.timelineSk(out, "msg-demo-john-2")));
    outbound.put(Table.TYPE, s("Message"));
    outbound.put("messageId", s("msg-demo-john-2"));
    outbound.put("conversationId", s(JOHN_CONVERSATION));
    outbound.put("customerId", s("cust-john"));
    outbound.put("direction", s("OUTBOUND"));
    outbound.put("body", s(outboundBody));
    outbound.put("from", s(DEALERSHIP.number()));
    outbound.put("to", s(john));
    outbound.put("status", s("DELIVERED"));
    outbound.put("source", s("app"));
    outbound.put("sentBy", s("user-bruno"));
    outbound.put("sentAt", s(out));
    outbound.put("deliveredAt", s(Keys.time(outboundAt.plusSeconds(2))));
    putItem(outbound);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private void putItem(Map<String, AttributeValue> item) {
    try {
      dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    } catch (ConditionalCheckFailedException alreadySeeded) {
      // a run with --data: keep what is there
    }
  }

  private void put(String pk, String sk, Map<String, String> attributes) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(pk));
    item.put(Table.SK, AttributeValue.fromS(sk));
    attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
    try {
      dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    } catch (ConditionalCheckFailedException alreadySeeded) {
      // a run with --data: keep what is there
    }
  }
}
