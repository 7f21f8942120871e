package com.textinbox.assignment;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.assignment.BulkJob;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The work of a bulk assignment job (BulkAssignQueue; the steps are {@link BulkJob}'s). Every step
 * may be delivered again and changes nothing the second time:
 *
 * <ul>
 *   <li>ids: split into chunks with stable ids ({@code c0}, {@code c1}...);
 *   <li>a page of a list: expanded once into a page item {@code JOB#<jobId>#PAGE#<n>} (its ids and
 *       the next cursor) in the same transaction that adds them to the job's {@code total}; a
 *       redelivery re-sends the same chunks from that item;
 *   <li>a chunk: each conversation is assigned in a transaction conditional on what was read, and
 *       marked with the job's id ({@code assignmentId}): a conversation already marked is counted,
 *       not assigned again; the chunk's counts are added to the job only with its id added to
 *       {@code doneChunks}, conditionally on its absence: counted once.
 * </ul>
 *
 * The step that finds every chunk counted sends ONE {@code conversation.assigned.bulk}
 * notification event ({@code eventId = bulk-<jobId>}) and marks the job COMPLETED.
 */
final class BulkAssigner {
  private static final Logger LOG = LoggerFactory.getLogger(BulkAssigner.class);
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final EventQueue notifications;
  private final AssignmentHandler.BulkSteps steps;

  BulkAssigner(DynamoDbClient dynamoDb, String table, Clock clock, EventQueue notifications, AssignmentHandler.BulkSteps steps) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.notifications = notifications;
    this.steps = steps;
  }

  void handle(String body) {
    BulkJob job = BulkJob.parse(body);
    if (job.accountId() == null || job.jobId() == null) {
      throw new IllegalArgumentException("a bulk step without accountId or jobId");
    }
    switch (job.type()) {
      case BulkJob.IDS -> steps.send(chunks(job, job.conversationIds(), "c"));
      case BulkJob.PAGE -> page(job);
      case BulkJob.CHUNK -> chunk(job);
      default -> throw new IllegalArgumentException("unknown bulk step " + job.type());
    }
  }

  private static List<String> chunks(BulkJob job, List<String> ids, String prefix) {
    List<String> bodies = new ArrayList<>();
    for (int from = 0, n = 0; from < ids.size(); from += BulkJob.CHUNK_SIZE, n++) {
      bodies.add(job.withStep(BulkJob.CHUNK, List.copyOf(ids.subList(from, Math.min(ids.size(), from + BulkJob.CHUNK_SIZE))),
          null, null, prefix + n).toJson());
    }
    return bodies;
  }

  // ------------------------------------------------------------------ a page of a list (select all)

  private void page(BulkJob job) {
    int page = job.page();
    Map<String, AttributeValue> pageKey = key(Keys.account(job.accountId()), Keys.jobPageSk(job.jobId(), page));
    Map<String, AttributeValue> stored = get(pageKey);
    if (stored == null) {
      stored = expand(job, pageKey);
    }
    List<String> ids = stored.get("conversationIds").l().stream().map(AttributeValue::s).toList();
    String next = str(stored, "nextCursor");
    List<String> bodies = new ArrayList<>(chunks(job, ids, "p" + page + "c"));
    if (next != null) {
      bodies.add(job.withStep(BulkJob.PAGE, null, page + 1, next, null).toJson());
    }
    if (!bodies.isEmpty()) {
      steps.send(bodies);
    }
    if (next == null && ids.isEmpty()) {
      complete(job.accountId(), job.jobId(), get(jobKey(job)));
    }
  }

  /** Reads up to a page of the list from the cursor and stores it with the job's total, once. */
  private Map<String, AttributeValue> expand(BulkJob job, Map<String, AttributeValue> pageKey) {
    ConversationLists.Spec spec = job.list();
    List<ConversationLists.Source> sources = spec.sources(job.accountId());
    List<String> ids = new ArrayList<>();
    String after = job.cursor();
    boolean more = true;
    while (ids.size() < BulkJob.PAGE_SIZE && more) {
      ConversationLists.Round round = ConversationLists.round(dynamoDb, table, sources, after, BulkJob.PAGE_SIZE);
      more = round.more();
      if (round.examined().isEmpty()) {
        more = false;
        break;
      }
      Map<String, String> readAt = spec.needsReadState() ? readStates(job.accountId(), spec.userId(), round.examined()) : Map.of();
      for (Map<String, AttributeValue> conversation : round.examined()) {
        if (ids.size() == BulkJob.PAGE_SIZE) {
          more = true;
          break;
        }
        after = ConversationLists.sortKey(conversation);
        if (spec.matches(conversation, readAt.get(str(conversation, "conversationId")))) {
          ids.add(str(conversation, "conversationId"));
        }
      }
    }
    String next = more ? after : null;
    Map<String, AttributeValue> item = new HashMap<>(pageKey);
    item.put(Table.TYPE, s("JobPage"));
    item.put("jobId", s(job.jobId()));
    item.put("conversationIds", AttributeValue.fromL(ids.stream().map(Items::s).toList()));
    if (next != null) {
      item.put("nextCursor", s(next));
    }
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", AttributeValue.fromN(Integer.toString(ids.size())),
        ":running", s("RUNNING"), ":now", s(Keys.time(clock.instant()))));
    String update = "ADD #total :n SET #status = :running, updatedAt = :now";
    if (next == null) {
      update += ", expanded = :true";
      values.put(":true", AttributeValue.fromBool(true));
    }
    String finalUpdate = update;
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(PK)").build()).build(),
          TransactWriteItem.builder().update(Update.builder().tableName(table).key(jobKey(job)).updateExpression(finalUpdate)
              .conditionExpression("attribute_exists(PK)")
              .expressionAttributeNames(Map.of("#total", "total", "#status", "status"))
              .expressionAttributeValues(values).build()).build()));
      LOG.info("job {}: page {} holds {} conversation(s){}", job.jobId(), job.page(), ids.size(), next == null ? ", the last" : "");
      return item;
    } catch (TransactionCanceledException cancelled) {
      // expanded meanwhile by a copy of this step: use what it stored
      Map<String, AttributeValue> stored = get(pageKey);
      if (stored == null) {
        throw cancelled;
      }
      return stored;
    }
  }

  /** The {@code readAt} of one user's read state of each conversation (one BatchGetItem). */
  private Map<String, String> readStates(String accountId, String userId, List<Map<String, AttributeValue>> conversations) {
    List<Map<String, AttributeValue>> keys = conversations.stream()
        .map(c -> key(Keys.conversation(accountId, str(c, "conversationId")), Keys.readSk(userId))).toList();
    Map<String, String> readAt = new HashMap<>();
    for (Map<String, AttributeValue> state : batchGet(keys)) {
      String pk = str(state, Table.PK);
      readAt.put(pk.substring(pk.lastIndexOf("#CONV#") + "#CONV#".length()), str(state, "readAt"));
    }
    return readAt;
  }

  // ------------------------------------------------------------------ a chunk

  private void chunk(BulkJob job) {
    String accountId = job.accountId();
    Assignee target = job.assignee();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(job.conversationIds()));
    Map<String, Map<String, AttributeValue>> conversations = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(ids.stream()
        .map(id -> key(Keys.conversation(accountId, id), Keys.CONVERSATION_SK)).toList())) {
      conversations.put(str(item, "conversationId"), item);
    }
    Set<String> assigned = new LinkedHashSet<>();
    int unchanged = 0;
    int notFound = 0;
    List<Map<String, AttributeValue>> todo = new ArrayList<>();
    for (String id : ids) {
      Map<String, AttributeValue> conversation = conversations.get(id);
      switch (classify(job, conversation)) {
        case MISSING -> notFound++;
        case DONE_BY_JOB -> assigned.add(id);
        case ALREADY_THERE -> unchanged++;
        case TO_ASSIGN -> todo.add(conversation);
      }
    }
    if (!todo.isEmpty()) {
      Map<String, String> names = previousNames(accountId, todo);
      String now = Keys.time(clock.instant());
      List<TransactWriteItem> items = new ArrayList<>();
      for (Map<String, AttributeValue> conversation : todo) {
        items.addAll(Assignments.writes(table, change(job, conversation, names, now)));
      }
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
        todo.forEach(c -> assigned.add(str(c, "conversationId")));
      } catch (TransactionCanceledException cancelled) {
        if (!Assignments.conditionFailed(cancelled.cancellationReasons())) {
          throw cancelled;
        }
        // one of them changed since read: each on its own, read again
        for (Map<String, AttributeValue> conversation : todo) {
          switch (assignOne(job, str(conversation, "conversationId"))) {
            case MISSING -> notFound++;
            case DONE_BY_JOB, TO_ASSIGN -> assigned.add(str(conversation, "conversationId"));
            case ALREADY_THERE -> unchanged++;
          }
        }
      }
    }
    count(job, ids.size(), assigned, unchanged, notFound);
  }

  private enum State { MISSING, DONE_BY_JOB, ALREADY_THERE, TO_ASSIGN }

  private static State classify(BulkJob job, Map<String, AttributeValue> conversation) {
    if (conversation == null || !"Conversation".equals(str(conversation, Table.TYPE))) {
      return State.MISSING;
    }
    if (job.jobId().equals(str(conversation, "assignmentId"))) {
      return State.DONE_BY_JOB;
    }
    if (job.assignee().sameAs(str(conversation, "assigneeKind"), str(conversation, "assigneeId"))) {
      return State.ALREADY_THERE;
    }
    return State.TO_ASSIGN;
  }

  /** One conversation in its own transaction, read again on each attempt; what it ended as. */
  private State assignOne(BulkJob job, String conversationId) {
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> conversation = get(key(Keys.conversation(job.accountId(), conversationId), Keys.CONVERSATION_SK));
      State state = classify(job, conversation);
      if (state != State.TO_ASSIGN) {
        return state;
      }
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(Assignments.writes(table,
            change(job, conversation, previousNames(job.accountId(), List.of(conversation)), Keys.time(clock.instant())))));
        return State.TO_ASSIGN;
      } catch (TransactionCanceledException changed) {
        if (attempt == ATTEMPTS || !Assignments.conditionFailed(changed.cancellationReasons())) {
          throw changed;
        }
      }
    }
  }

  private static Assignments.Change change(BulkJob job, Map<String, AttributeValue> conversation, Map<String, String> names, String now) {
    String previous = str(conversation, "assigneeKind") == null ? null
        : names.get(str(conversation, "assigneeKind") + "#" + str(conversation, "assigneeId"));
    return new Assignments.Change(job.accountId(), conversation, job.assignee(), previous, job.by(), job.byName(), "bulk", null,
        job.jobId(), "asg-" + job.jobId() + "-" + str(conversation, "conversationId"), null, job.jobId(), now, null);
  }

  /** The names of the conversations' current assignees ({@code KIND#id} -> name): one BatchGetItem. */
  private Map<String, String> previousNames(String accountId, List<Map<String, AttributeValue>> conversations) {
    Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
    for (Map<String, AttributeValue> c : conversations) {
      if (str(c, "assigneeKind") != null && str(c, "assigneeId") != null) {
        keys.add(Assignments.directoryKey(accountId, str(c, "assigneeKind"), str(c, "assigneeId")));
      }
    }
    Map<String, String> names = new HashMap<>();
    if (keys.isEmpty()) {
      return names;
    }
    for (Map<String, AttributeValue> item : batchGet(new ArrayList<>(keys))) {
      String sk = str(item, Table.SK);
      String kind = sk.startsWith(Keys.TEAM_PREFIX) ? Assignee.TEAM : Assignee.USER;
      names.put(kind + "#" + sk.substring(sk.indexOf('#') + 1), str(item, "name"));
    }
    return names;
  }

  // ------------------------------------------------------------------ progress and the end

  private void count(BulkJob job, int processed, Set<String> assigned, int unchanged, int notFound) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":processed", n(processed));
    values.put(":assigned", n(assigned.size()));
    values.put(":unchanged", n(unchanged));
    values.put(":notFound", n(notFound));
    values.put(":chunk", AttributeValue.fromSs(List.of(job.chunk())));
    values.put(":chunkId", s(job.chunk()));
    values.put(":running", s("RUNNING"));
    values.put(":now", s(Keys.time(clock.instant())));
    String update = "ADD #processed :processed, #assigned :assigned, #unchanged :unchanged, #notFound :notFound, doneChunks :chunk"
        + " SET #status = :running, updatedAt = :now";
    if (!assigned.isEmpty()) {
      update += ", sampleIds = if_not_exists(sampleIds, :sample)";
      values.put(":sample", AttributeValue.fromL(assigned.stream().limit(BulkJob.SAMPLE_IDS).map(Items::s).toList()));
    }
    String finalUpdate = update;
    Map<String, AttributeValue> job1;
    try {
      job1 = dynamoDb.updateItem(b -> b.tableName(table).key(jobKey(job)).updateExpression(finalUpdate)
          .conditionExpression("attribute_exists(PK) AND NOT contains(doneChunks, :chunkId)")
          .expressionAttributeNames(Map.of("#status", "status", "#processed", "processed", "#assigned", "assigned",
              "#unchanged", "unchanged", "#notFound", "notFound"))
          .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes();
      LOG.info("job {}: chunk {} counted ({} assigned, {} unchanged, {} not found)", job.jobId(), job.chunk(), assigned.size(),
          unchanged, notFound);
    } catch (ConditionalCheckFailedException countedBefore) {
      LOG.info("job {}: chunk {} was counted before (a redelivery)", job.jobId(), job.chunk());
      job1 = get(jobKey(job));
      if (job1 == null) {
        throw new IllegalStateException("job " + job.jobId() + " is missing");
      }
    }
    complete(job.accountId(), job.jobId(), job1);
  }

  /** Every chunk counted and the list expanded: one bulk notification event, then COMPLETED (once). */
  private void complete(String accountId, String jobId, Map<String, AttributeValue> job) {
    boolean expanded = job.get("expanded") != null && Boolean.TRUE.equals(job.get("expanded").bool());
    long total = number(job, "total");
    long processed = number(job, "processed");
    if (!expanded || processed < total || job.containsKey("notifiedAt")) {
      return;
    }
    long assigned = number(job, "assigned");
    String now = Keys.time(clock.instant());
    if (assigned > 0) {
      Map<String, Object> event = new LinkedHashMap<>();
      String eventId = "bulk-" + jobId;
      event.put("eventId", eventId);
      event.put("type", "conversation.assigned.bulk");
      event.put("accountId", accountId);
      event.put("at", now);
      event.put("actorUserId", str(job, "requestedBy"));
      event.put("assigneeKind", str(job, "assigneeKind"));
      event.put("assigneeId", str(job, "assigneeId"));
      event.put("count", assigned);
      event.put("jobId", jobId);
      event.put("conversationIds", job.get("sampleIds") == null ? List.of()
          : job.get("sampleIds").l().stream().map(AttributeValue::s).limit(BulkJob.SAMPLE_IDS).toList());
      notifications.send(eventId, "conversation.assigned.bulk", Json.write(event));
    }
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(Keys.account(accountId), Keys.jobSk(jobId)))
          .updateExpression("SET #status = :completed, completedAt = :now, notifiedAt = :now, updatedAt = :now")
          .conditionExpression("attribute_not_exists(notifiedAt)")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":completed", s("COMPLETED"), ":now", s(now))));
      LOG.info("job {} completed: {} of {} assigned", jobId, assigned, total);
    } catch (ConditionalCheckFailedException finishedElsewhere) {
      LOG.info("job {} was completed by another step", jobId);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, AttributeValue> jobKey(BulkJob job) {
    return key(Keys.account(job.accountId()), Keys.jobSk(job.jobId()));
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** Consistent BatchGetItem (100 keys a request), asking again for what DynamoDB left unprocessed. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += 100) {
      Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
          .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == 8) {
          throw new IllegalStateException("BatchGetItem kept leaving keys unprocessed");
        }
        if (attempt > 0) {
          try {
            Thread.sleep(25L << Math.min(attempt, 5));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        Map<String, KeysAndAttributes> request = pending;
        var response = dynamoDb.batchGetItem(b -> b.requestItems(request));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return items;
  }
}
