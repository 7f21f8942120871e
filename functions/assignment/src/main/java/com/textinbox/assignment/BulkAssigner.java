package com.textinbox.assignment;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.assignment.BulkJob;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.assignment.store.AssigneeStore;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobPage;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private final DynamoTable table;
  private final ConversationStore conversations;
  private final AssigneeStore directory;
  private final JobStore jobs;
  private final Clock clock;
  private final EventQueue notifications;
  private final AssignmentHandler.BulkSteps steps;

  BulkAssigner(DynamoTable table, Clock clock, EventQueue notifications, AssignmentHandler.BulkSteps steps) {
    this.table = table;
    this.conversations = new ConversationStore(table);
    this.directory = new AssigneeStore(table);
    this.jobs = new JobStore(table);
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
    int n = job.page();
    JobPage page = jobs.page(job.accountId(), job.jobId(), n).orElseGet(() -> expand(job));
    List<String> bodies = new ArrayList<>(chunks(job, page.conversationIds(), "p" + n + "c"));
    if (page.nextCursor() != null) {
      bodies.add(job.withStep(BulkJob.PAGE, null, n + 1, page.nextCursor(), null).toJson());
    }
    if (!bodies.isEmpty()) {
      steps.send(bodies);
    }
    if (page.nextCursor() == null && page.conversationIds().isEmpty()) {
      complete(job.accountId(), job.jobId(), jobs.find(job.accountId(), job.jobId()).orElse(null));
    }
  }

  /** Reads up to a page of the list from the cursor and stores it with the job's total, once. */
  private JobPage expand(BulkJob job) {
    ConversationLists.Spec spec = job.list();
    List<ConversationStore.ListSource> sources = spec.sources(job.accountId());
    List<String> ids = new ArrayList<>();
    String after = job.cursor();
    boolean more = true;
    while (ids.size() < BulkJob.PAGE_SIZE && more) {
      ConversationLists.Round round = ConversationLists.round(conversations, sources, after, BulkJob.PAGE_SIZE);
      more = round.more();
      if (round.examined().isEmpty()) {
        more = false;
        break;
      }
      Map<String, String> readAt = spec.needsReadState() ? readStates(job.accountId(), spec.userId(), round.examined()) : Map.of();
      for (Conversation conversation : round.examined()) {
        if (ids.size() == BulkJob.PAGE_SIZE) {
          more = true;
          break;
        }
        after = conversation.activitySortKey();
        if (spec.matches(conversation, readAt.get(conversation.conversationId()))) {
          ids.add(conversation.conversationId());
        }
      }
    }
    JobPage page = jobs.storePage(job.accountId(), new JobPage(job.jobId(), job.page(), ids, more ? after : null),
        Keys.time(clock.instant()));
    LOG.info("job {}: page {} holds {} conversation(s){}", job.jobId(), job.page(), page.conversationIds().size(),
        page.nextCursor() == null ? ", the last" : "");
    return page;
  }

  /** The {@code readAt} of one user's read state of each conversation (one BatchGetItem). */
  private Map<String, String> readStates(String accountId, String userId, List<Conversation> page) {
    BatchRead batch = BatchRead.consistent(table);
    Map<String, BatchRead.Slot<ReadState>> slots = new LinkedHashMap<>();
    page.forEach(c -> slots.put(c.conversationId(), conversations.readState(batch, accountId, c.conversationId(), userId)));
    batch.run();
    return found(slots, ReadState::readAt);
  }

  /** What the slots of a batch read hold, by key: the ones found. */
  private static <T> Map<String, String> found(Map<String, BatchRead.Slot<T>> slots, Function<T, String> value) {
    Map<String, String> found = new HashMap<>();
    slots.forEach((key, slot) -> {
      if (slot.get() != null) {
        found.put(key, value.apply(slot.get()));
      }
    });
    return found;
  }

  // ------------------------------------------------------------------ a chunk

  private void chunk(BulkJob job) {
    String accountId = job.accountId();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(job.conversationIds()));
    Map<String, Conversation> found = new HashMap<>();
    conversations.findAll(accountId, ids).forEach(c -> found.put(c.conversationId(), c));
    Set<String> assigned = new LinkedHashSet<>();
    int unchanged = 0;
    int notFound = 0;
    List<Conversation> todo = new ArrayList<>();
    for (String id : ids) {
      Conversation conversation = found.get(id);
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
      List<Write> writes = new ArrayList<>();
      for (Conversation conversation : todo) {
        writes.addAll(Assignments.writes(conversations, change(job, conversation, names, now)));
      }
      try {
        table.transact(writes);
        todo.forEach(c -> assigned.add(c.conversationId()));
      } catch (TransactionCancelled cancelled) {
        if (!cancelled.retryable()) {
          throw cancelled;
        }
        // one of them changed since read: each on its own, read again
        for (Conversation conversation : todo) {
          switch (assignOne(job, conversation.conversationId())) {
            case MISSING -> notFound++;
            case DONE_BY_JOB, TO_ASSIGN -> assigned.add(conversation.conversationId());
            case ALREADY_THERE -> unchanged++;
          }
        }
      }
    }
    count(job, ids.size(), assigned, unchanged, notFound);
  }

  private enum State { MISSING, DONE_BY_JOB, ALREADY_THERE, TO_ASSIGN }

  private static State classify(BulkJob job, Conversation conversation) {
    if (conversation == null || conversation.archived()) {
      return State.MISSING;   // C14: an archived conversation is assigned to nobody (it is off every list)
    }
    if (job.jobId().equals(conversation.assignmentId())) {
      return State.DONE_BY_JOB;
    }
    Assignee current = conversation.assignee();
    if (current != null && job.assignee().sameAs(current.kind(), current.id())) {
      return State.ALREADY_THERE;
    }
    return State.TO_ASSIGN;
  }

  /** One conversation in its own transaction, read again on each attempt; what it ended as. */
  private State assignOne(BulkJob job, String conversationId) {
    for (int attempt = 1; ; attempt++) {
      Conversation conversation = conversations.find(job.accountId(), conversationId).orElse(null);
      State state = classify(job, conversation);
      if (state != State.TO_ASSIGN) {
        return state;
      }
      try {
        table.transact(Assignments.writes(conversations,
            change(job, conversation, previousNames(job.accountId(), List.of(conversation)), Keys.time(clock.instant()))));
        return State.TO_ASSIGN;
      } catch (TransactionCancelled changed) {
        if (attempt == ATTEMPTS || !changed.retryable()) {
          throw changed;
        }
      }
    }
  }

  private static Assignments.Change change(BulkJob job, Conversation conversation, Map<String, String> names, String now) {
    Assignee current = conversation.assignee();
    String previous = current == null ? null : names.get(current.kind() + "#" + current.id());
    return new Assignments.Change(job.accountId(), conversation, job.assignee(), previous, job.by(), job.byName(), "bulk", null,
        job.jobId(), "asg-" + job.jobId() + "-" + conversation.conversationId(), null, job.jobId(), now, null);
  }

  /** The names of the conversations' current assignees ({@code KIND#id} -> name): one consistent BatchGetItem. */
  private Map<String, String> previousNames(String accountId, List<Conversation> page) {
    BatchRead batch = BatchRead.consistent(table);
    Map<String, BatchRead.Slot<DirectoryEntry>> slots = new LinkedHashMap<>();
    for (Conversation c : page) {
      Assignee a = c.assignee();
      if (a != null) {
        slots.computeIfAbsent(a.kind() + "#" + a.id(), k -> directory.entry(batch, accountId, a.kind(), a.id()));
      }
    }
    batch.run();
    return found(slots, DirectoryEntry::name);
  }

  // ------------------------------------------------------------------ progress and the end

  private void count(BulkJob job, int processed, Set<String> assigned, int unchanged, int notFound) {
    Job counted = jobs.count(job.accountId(), job.jobId(), new JobStore.ChunkCount(job.chunk(), processed, assigned.size(),
        unchanged, notFound, assigned.stream().limit(BulkJob.SAMPLE_IDS).toList()), Keys.time(clock.instant())).orElse(null);
    if (counted != null) {
      LOG.info("job {}: chunk {} counted ({} assigned, {} unchanged, {} not found)", job.jobId(), job.chunk(), assigned.size(),
          unchanged, notFound);
    } else {
      LOG.info("job {}: chunk {} was counted before (a redelivery)", job.jobId(), job.chunk());
      counted = jobs.find(job.accountId(), job.jobId())
          .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " is missing"));
    }
    complete(job.accountId(), job.jobId(), counted);
  }

  /** Every chunk counted and the list expanded: one bulk notification event, then COMPLETED (once). */
  private void complete(String accountId, String jobId, Job job) {
    if (job == null || !job.allCounted() || job.notifiedAt() != null) {
      return;
    }
    String now = Keys.time(clock.instant());
    if (job.assigned() > 0) {
      Map<String, Object> event = new LinkedHashMap<>();
      String eventId = "bulk-" + jobId;
      event.put("eventId", eventId);
      event.put("type", "conversation.assigned.bulk");
      event.put("accountId", accountId);
      event.put("at", now);
      event.put("actorUserId", job.requestedBy());
      event.put("assigneeKind", job.assignee().kind());
      event.put("assigneeId", job.assignee().id());
      event.put("count", job.assigned());
      event.put("jobId", jobId);
      event.put("conversationIds", job.sampleIds().stream().limit(BulkJob.SAMPLE_IDS).toList());
      notifications.send(eventId, "conversation.assigned.bulk", Json.write(event));
    }
    if (jobs.complete(accountId, jobId, now)) {
      LOG.info("job {} completed: {} of {} assigned", jobId, job.assigned(), job.total());
    } else {
      LOG.info("job {} was completed by another step", jobId);
    }
  }
}
