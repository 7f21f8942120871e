package com.textinbox.localcloud.demo;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.conversations.CarrierMessage;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message.Source;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.store.CarrierMessageMapper;
import com.textinbox.shared.conversations.store.ConversationMapper;
import com.textinbox.shared.conversations.store.TimelineMapper;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.customers.store.CustomerMapper;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.MappingFingerprint;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.jobs.store.CustomerDeletionJobStore;
import com.textinbox.shared.messaging.store.InboundSmsStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TeamNameGuard;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.AccountMapper;
import com.textinbox.shared.users.store.MembershipMapper;
import com.textinbox.shared.users.store.TeamMapper;
import com.textinbox.shared.users.store.UserMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The demo companies: a dealership with an admin, two users, a free user, a team, customers and a
 * company number; and a smaller clinic, so tenancy can be tried. Ids are fixed, so with --data
 * (and the same ports) the tokens printed stay valid across restarts. Seeding never overwrites.
 * Every item is written by the mapper the functions read it with, so the demo is never of another
 * shape than what the functions write.
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

  /** John Smith's conversation at the dealership, assigned to Bruno (user1): an earlier answer, one text in, one answer delivered. */
  public static final String JOHN_CONVERSATION = "conv-demo-john";

  /**
   * A delivered reply at a fixed time, with its carrier id: the message the sample events of
   * SmsSender and DeliveryReceipts (events/) name, so the cold-start bench runs them on real items.
   */
  static final String SAMPLE_REPLY_AT = "2026-11-21T14:05:00.000Z";

  /**
   * An import of the dealership's, uploaded by Bruno, its run 1 queued (and never sent to the
   * queue): the run the sample event of CustomerImportWorker (events/customer-import-worker) names,
   * so the cold-start bench and {@code sam local invoke} run it on a real upload. Run once, it adds
   * its file's three customers to the dealership and emails Bruno the rejected row; later
   * deliveries find it finished and do nothing.
   */
  public static final String SAMPLE_IMPORT = "imp-0b6c3d2e-5f41-4a7b-9c8d-7e6f5a4b3c2d";
  static final List<String> SAMPLE_IMPORT_TITLES = List.of("First name", "Last name", "Mobile", "Language");
  static final String SAMPLE_IMPORT_FILE = String.join(",", SAMPLE_IMPORT_TITLES) + "\n"
      + "Sophie,Gagnon,514 555 0181,fr\n"
      + "Daniel,Wong,514 555 0182,en\n"
      + "Lucie,Ouellet,514 555 0183,fr\n"
      + "Bad,Number,12,en\n";
  static final String SAMPLE_IMPORT_MAPPING =
      "[{\"to\":\"firstName\"},{\"to\":\"lastName\"},{\"to\":\"mobile\"},{\"to\":\"language\"}]";

  private final DynamoTable table;

  public DemoData(DynamoDbClient dynamoDb, String table) {
    this.table = new DynamoTable(dynamoDb, table);
  }

  public void seed() {
    InboundSmsStore numbers = new InboundSmsStore(table);
    for (DemoCompany company : List.of(DEALERSHIP, CLINIC)) {
      table.putIfAbsent(AccountMapper.toItem(new Account(company.accountId(), company.name(), company.number(), "en",
          null, null, null, null, "America/Toronto")));
      numbers.registerCompanyNumber(company.number(), company.accountId());
    }
    for (DemoUser user : USERS) {
      table.putIfAbsent(UserMapper.toItem(User.of(user.accountId(), user.userId(), user.name(), user.email(), Role.of(user.role()))));
    }
    Team service = new Team(DEALERSHIP.accountId(), SERVICE_TEAM, "Service");
    table.putIfAbsent(TeamMapper.toItem(service));
    table.putIfAbsent(TeamMapper.toItem(TeamNameGuard.of(service)));
    for (String member : List.of("user-bruno", "user-chloe")) {
      table.putIfAbsent(MembershipMapper.toItem(new Membership(DEALERSHIP.accountId(), SERVICE_TEAM, member)));
    }
    for (DemoCustomer customer : CUSTOMERS) {
      String active = customer.customerId().equals("cust-john") ? JOHN_CONVERSATION : null;
      table.putIfAbsent(CustomerMapper.toItem(customer.accountId(), new CustomerProfile(customer.customerId(),
          customer.firstName(), customer.lastName(), null, customer.mobile(), customer.language(), null, true, null, null,
          null, null, active, null, null)));
      if (customer.mobile() != null) {
        table.putIfAbsent(CustomerMapper.phoneGuardItem(customer.accountId(), new PhoneGuard(customer.mobile(), customer.customerId())));
      }
    }
    seedJohnsConversation();
  }

  /**
   * {@link #SAMPLE_IMPORT}: its file in the files bucket under the key the worker reads, the import
   * and its queued run as the API's POST .../run writes them, and the mapping saved for its titles.
   * Never overwritten: a run done (with --data) stays done.
   */
  public void seedSampleImport(S3Client s3, String filesBucket) {
    sampleImport(s3, filesBucket, SAMPLE_IMPORT);
  }

  /**
   * Another import like {@link #SAMPLE_IMPORT}, its run 1 queued (POST /_local/sample-import): the
   * cold-start bench runs one per measurement, so every cold start does the import's work (the
   * customers exist after the first: later runs find them unchanged). Answers its id.
   */
  public String newSampleImport(S3Client s3, String filesBucket) {
    String importId = "imp-" + UUID.randomUUID();
    sampleImport(s3, filesBucket, importId);
    return importId;
  }

  /**
   * A customer deletion as {@code DELETE /customers/{id}} leaves it for its job (POST
   * /_local/sample-deletion): the profile and conversation already gone, the job QUEUED, the
   * conversation's history (texts, a delivery look-up) still there. The cold-start bench runs one per
   * measurement, so every cold start of CustomerDeletion does a deletion's work. Answers the job's id.
   */
  public String newSampleDeletion() {
    String account = DEALERSHIP.accountId();
    String suffix = UUID.randomUUID().toString();
    String customerId = "cust-sample-delete-" + suffix;
    String conversationId = "conv-sample-delete-" + suffix;
    String number = "+15145550199";
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3; i++) {
      String at = Keys.time(now.minusSeconds(60L * (3 - i)));
      Message inbound = Message.inbound("msg-sample-delete-" + i + "-" + suffix, at, conversationId, customerId,
          "Text " + i + " of a customer being deleted", number, DEALERSHIP.number(), null, null, at);
      table.putIfAbsent(TimelineMapper.toItem(account, conversationId, inbound));
    }
    String jobId = "job-sample-delete-" + suffix;
    table.transact(List.of(new CustomerDeletionJobStore(table).createWrite(account,
        CustomerDeletionJob.requested(jobId, customerId, List.of(conversationId), "user-alice", Keys.time(now)))));
    return jobId;
  }

  /**
   * A reply of Bruno's to John, QUEUED as the API stores one before its send command (POST
   * /_local/sample-send): the cold-start bench sends one per measurement, so every cold start of
   * SmsSender texts a message (to the local carrier) rather than finding it texted already.
   * Answers its id and its timeline key.
   */
  public Map<String, String> newSampleSend() {
    String id = "msg-sample-send-" + UUID.randomUUID();
    String at = Keys.time(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    String body = "Your car is ready for pick-up. Bruno, Maple Motors";
    Message queued = Message.queued(id, at, JOHN_CONVERSATION, "cust-john", body, body, 1, "GSM",
        new Source(Source.USER, "user-bruno"), "user-bruno", "Bruno Tremblay", false, null, null, null, null);
    table.putIfAbsent(TimelineMapper.toItem(DEALERSHIP.accountId(), JOHN_CONVERSATION, queued));
    return Map.of("messageId", id, "timelineSk", queued.sk());
  }

  /**
   * A reply of Bruno's to John, SENT and waiting for its receipt, with the look-up from its carrier
   * id (POST /_local/sample-receipt): the cold-start bench sends a receipt for one per
   * measurement, so every cold start of DeliveryReceipts records a delivery rather than finding
   * the message final already. Answers its carrier id.
   */
  public String newSampleReceipt() {
    String suffix = UUID.randomUUID().toString();
    String id = "msg-sample-receipt-" + suffix;
    String carrierId = "carrier-sample-" + suffix;
    String at = Keys.time(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Message sent = sentReply(id, at, "Your car is ready for pick-up. Bruno, Maple Motors", "+15145550112", carrierId);
    table.putIfAbsent(TimelineMapper.toItem(DEALERSHIP.accountId(), JOHN_CONVERSATION, sent));
    table.putIfAbsent(CarrierMessageMapper.toItem(new CarrierMessage(carrierId, DEALERSHIP.accountId(), JOHN_CONVERSATION,
        sent.sk(), id)));
    return carrierId;
  }

  private void sampleImport(S3Client s3, String filesBucket, String importId) {
    String account = DEALERSHIP.accountId();
    String key = ImportFiles.uploadKey(account, importId);
    try {
      s3.headObject(b -> b.bucket(filesBucket).key(key));
    } catch (S3Exception absent) {
      if (absent.statusCode() != 404) {
        throw absent;
      }
      s3.putObject(b -> b.bucket(filesBucket).key(key).contentType("text/csv"), RequestBody.fromString(SAMPLE_IMPORT_FILE));
    }
    ImportStore imports = new ImportStore(table);
    if (imports.find(account, importId).isPresent()) {
      return;
    }
    Instant now = Instant.now();
    String at = Keys.time(now);
    imports.create(account, new CustomerImport(importId, key, "customers.csv", "user-bruno", at, null, 0, 0, 0, 0), now);
    imports.startRun(account, ImportRun.queued(importId, 1, false, SAMPLE_IMPORT_MAPPING, "user-bruno", at), now);
    imports.saveMapping(account, MappingFingerprint.of(SAMPLE_IMPORT_TITLES), SAMPLE_IMPORT_TITLES, SAMPLE_IMPORT_MAPPING,
        "user-bruno", at);
  }

  /**
   * conv-demo-john: open, assigned to Bruno (his OPEN list), answered (no unansweredSince), a day
   * old when the cloud starts. John's next text lands in it.
   */
  private void seedJohnsConversation() {
    String account = DEALERSHIP.accountId();
    Instant inboundAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    String in = Keys.time(inboundAt);
    String out = Keys.time(inboundAt.plusSeconds(300));
    String delivered = Keys.time(inboundAt.plusSeconds(302));
    String john = "+15145550112";
    String outboundBody = "Hi John, sure: Tuesday 9:00 works? Bruno, Maple Motors";

    Conversation conversation = new Conversation(JOHN_CONVERSATION, "cust-john", Conversation.OPEN, in, null, null,
        out, "msg-demo-john-2", outboundBody, Message.OUTBOUND, in, out, 3, null,
        Assignee.user("user-bruno", "Bruno Tremblay"), in, null, null, null, null, null, null, null, null, null, 0);
    table.putIfAbsent(ConversationMapper.toItem(account, conversation));

    Message inbound = Message.inbound("msg-demo-john-1", in, JOHN_CONVERSATION, "cust-john",
        "Hi, can I book my winter tire change for next week?", john, DEALERSHIP.number(), null, null, in);
    table.putIfAbsent(TimelineMapper.toItem(account, JOHN_CONVERSATION, inbound));
    table.putIfAbsent(TimelineMapper.toItem(account, JOHN_CONVERSATION, deliveredReply("msg-demo-john-2", out, outboundBody, john, delivered, null)));

    // an earlier visit of John's, answered at a fixed time (SAMPLE_REPLY_AT)
    Message sampleReply = deliveredReply("msg-demo-reply", SAMPLE_REPLY_AT, "Your car is ready for pick-up. Bruno, Maple Motors",
        john, SAMPLE_REPLY_AT, "carrier-demo-reply");
    table.putIfAbsent(TimelineMapper.toItem(account, JOHN_CONVERSATION, sampleReply));
    table.putIfAbsent(CarrierMessageMapper.toItem(new CarrierMessage("carrier-demo-reply", account, JOHN_CONVERSATION,
        Keys.timelineSk(SAMPLE_REPLY_AT, "msg-demo-reply"), "msg-demo-reply")));
  }

  /** Bruno's answer to John, texted at {@code at}, its receipt not in yet. */
  private static Message sentReply(String id, String at, String body, String john, String carrierId) {
    return new Message(id, at, JOHN_CONVERSATION, "cust-john", Message.OUTBOUND, Message.SENT, body, body,
        DEALERSHIP.number(), john, carrierId, new Source(Source.USER, "user-bruno"), "user-bruno", "Bruno Tremblay",
        false, 1, "GSM", null, null, null, null, at, null, at, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /** Bruno's answer to John, texted at {@code at} and delivered. */
  private static Message deliveredReply(String id, String at, String body, String john, String deliveredAt, String carrierId) {
    return new Message(id, at, JOHN_CONVERSATION, "cust-john", Message.OUTBOUND, Message.DELIVERED, body, body,
        DEALERSHIP.number(), john, carrierId, new Source(Source.USER, "user-bruno"), "user-bruno", "Bruno Tremblay",
        false, 1, "GSM", null, null, null, null, at, null, at, deliveredAt, null, null, null, deliveredAt, null, null,
        null, null, null, null, null, null);
  }
}
