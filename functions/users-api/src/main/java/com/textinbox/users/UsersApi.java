package com.textinbox.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.text.Collator;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The users API: the caller (GET /me), the company's users with their away state (A1), the
 * caller's away mode (A1-A3), and teams with their members (C12). Every key starts with the
 * caller's account from the token, never from a path or body: anything of another account is a
 * 404. Free users reach only GET /me (N10). Routes and their wiring: template.yaml, function
 * UsersApi.
 */
public final class UsersApi extends ApiHandler {
  private static final int MAX_BATCH_ATTEMPTS = 4;
  private static final int MAX_TEAM_NAME = 60;
  /** DynamoDB's limit of items in one transaction. */
  private static final int MAX_TRANSACTION_ITEMS = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public UsersApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
  }

  public UsersApi(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Clock.systemUTC());
  }

  public UsersApi(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    routeForEveryone("GET", "/me", this::me);
    route("PUT", "/me/away", this::setAway);
    route("GET", "/users", this::listUsers);
    route("GET", "/users/{userId}", this::getUser);
    route("GET", "/teams", this::listTeams);
    route("POST", "/teams", this::createTeam);
    route("PATCH", "/teams/{teamId}", this::renameTeam);
    route("DELETE", "/teams/{teamId}", this::deleteTeam);
    route("PUT", "/teams/{teamId}/members/{userId}", this::addMember);
    route("DELETE", "/teams/{teamId}/members/{userId}", this::removeMember);
  }

  // ------------------------------------------------------------------ GET /me

  /** The caller's user, role and company: one BatchGetItem of the user and account items. */
  private ApiResponse me(ApiRequest request) {
    Caller caller = request.caller();
    String pk = Keys.account(caller.accountId());
    Map<String, AttributeValue> userKey = key(pk, Keys.userSk(caller.userId()));
    Map<String, AttributeValue> accountKey = key(pk, Keys.ACCOUNT_SK);
    Map<String, AttributeValue> user = null;
    Map<String, AttributeValue> account = null;
    for (Map<String, AttributeValue> item : batchGet(List.of(userKey, accountKey))) {
      if (item.get(Table.SK).s().equals(Keys.ACCOUNT_SK)) {
        account = item;
      } else {
        user = item;
      }
    }
    if (user == null || account == null) {
      throw ApiError.notFound("Your user");
    }
    Map<String, Object> company = new LinkedHashMap<>();
    company.put("id", caller.accountId());
    company.put("name", text(account, "name"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", caller.userId());
    body.put("name", text(user, "name"));
    body.put("email", text(user, "email"));
    body.put("role", caller.role().claim());
    body.put("company", company);
    return ApiResponse.ok(body);
  }

  // ------------------------------------------------------------------ users

  /** Every user of the caller's company, by name: two Queries of the account partition (users, memberships). */
  private ApiResponse listUsers(ApiRequest request) {
    String pk = Keys.account(request.caller().accountId());
    List<Map<String, AttributeValue>> users = queryPrefix(pk, Keys.USER_PREFIX);
    Map<String, List<String>> teamsByUser = new HashMap<>();
    for (Map<String, AttributeValue> membership : queryPrefix(pk, Keys.MEMBER_PREFIX)) {
      teamsByUser.computeIfAbsent(text(membership, "userId"), u -> new ArrayList<>()).add(text(membership, "teamId"));
    }
    Map<String, String> names = new HashMap<>();
    users.forEach(user -> names.put(idOf(user, Keys.USER_PREFIX), text(user, "name")));
    List<Map<String, AttributeValue>> sorted = sortedByName(users, user -> idOf(user, Keys.USER_PREFIX));
    List<Map<String, Object>> views = new ArrayList<>();
    for (Map<String, AttributeValue> user : sorted) {
      String id = idOf(user, Keys.USER_PREFIX);
      views.add(userView(user, teamsByUser.getOrDefault(id, List.of()), names::get));
    }
    return ApiResponse.ok(Map.of("users", views));
  }

  /** One user of the caller's company; 404 for anyone else's. */
  private ApiResponse getUser(ApiRequest request) {
    String accountId = request.caller().accountId();
    String userId = request.pathParameter("userId");
    Map<String, AttributeValue> user = getItem(Keys.account(accountId), Keys.userSk(userId));
    if (user == null) {
      throw ApiError.notFound("User " + userId);
    }
    List<String> teamIds = new ArrayList<>();
    QueryRequest teams = QueryRequest.builder().tableName(table).indexName(Table.GSI1)
        .keyConditionExpression("GSI1PK = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.teamsOfUser(accountId, userId))))
        .build();
    dynamoDb.queryPaginator(teams).items().forEach(m -> teamIds.add(text(m, Table.GSI1SK)));
    teamIds.sort(Comparator.naturalOrder());
    return ApiResponse.ok(userView(user, teamIds, id -> userName(accountId, id)));
  }

  private Map<String, Object> userView(Map<String, AttributeValue> user, List<String> teamIds, Function<String, String> nameOf) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", idOf(user, Keys.USER_PREFIX));
    view.put("name", text(user, "name"));
    view.put("email", text(user, "email"));
    view.put("role", Role.of(text(user, "role")).claim());
    view.put("teamIds", teamIds);
    view.put("away", awayView(user, nameOf));
    return view;
  }

  /** {on, delegate: {id, name} or null, returnAt or null}: what every user sees of anyone's away mode (A1). */
  private static Map<String, Object> awayView(Map<String, AttributeValue> user, Function<String, String> nameOf) {
    AttributeValue away = user.get("away");
    boolean on = away != null && Boolean.TRUE.equals(away.bool());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("on", on);
    String delegateId = on ? text(user, "awayDelegateId") : null;
    if (delegateId != null) {
      Map<String, Object> delegate = new LinkedHashMap<>();
      delegate.put("id", delegateId);
      delegate.put("name", nameOf.apply(delegateId));
      view.put("delegate", delegate);
    } else {
      view.put("delegate", null);
    }
    view.put("returnAt", on ? text(user, "awayReturnAt") : null);
    return view;
  }

  private String userName(String accountId, String userId) {
    Map<String, AttributeValue> user = getItem(Keys.account(accountId), Keys.userSk(userId));
    return user == null ? null : text(user, "name");
  }

  // ------------------------------------------------------------------ PUT /me/away

  /**
   * Turns the caller's away mode on or off (A1), with an optional delegate (A2) and return date
   * (A3). Writes exactly what AwayReturns reads: {@code away}, {@code awayDelegateId},
   * {@code awayReturnAt} and, while away with a return date, GSI4 {@code DUE#AWAY_RETURNS} /
   * {@code <returnAt>#<accountId>#<userId>}.
   */
  private ApiResponse setAway(ApiRequest request) {
    Caller caller = request.caller();
    JsonNode body = request.json();
    if (!body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    JsonNode onNode = body.get("on");
    if (onNode == null || !onNode.isBoolean()) {
      throw ApiError.invalid("on", "'on' is required: true turns away mode on, false turns it off.");
    }
    boolean on = onNode.booleanValue();
    String delegateId = on ? optionalText(body, "delegateId") : null;
    Instant returnAt = on ? returnAt(body) : null;
    String pk = Keys.account(caller.accountId());

    String delegateName = null;
    if (delegateId != null) {
      if (delegateId.equals(caller.userId())) {
        throw ApiError.invalid("delegateId", "You cannot be your own delegate: choose a teammate, or none.");
      }
      Map<String, AttributeValue> delegate = getItem(pk, Keys.userSk(delegateId));
      if (delegate == null) {
        throw ApiError.invalid("delegateId", "No such user in your company: " + delegateId + ".");
      }
      if (Role.of(text(delegate, "role")) == Role.FREE) {
        throw ApiError.invalid("delegateId", "A free user cannot take conversations: choose another teammate.");
      }
      delegateName = text(delegate, "name");
    }

    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":on", AttributeValue.fromBool(on));
    List<String> set = new ArrayList<>(List.of("away = :on"));
    List<String> remove = new ArrayList<>();
    // since when this away period runs (A5 compares a reply while away with it); kept while on
    if (on) {
      set.add("awaySince = if_not_exists(awaySince, :now)");
      values.put(":now", AttributeValue.fromS(com.textinbox.shared.data.Keys.time(clock.instant())));
    } else {
      remove.add("awaySince");
    }
    if (delegateId != null) {
      set.add("awayDelegateId = :delegate");
      values.put(":delegate", AttributeValue.fromS(delegateId));
    } else {
      remove.add("awayDelegateId");
    }
    if (returnAt != null) {
      set.add("awayReturnAt = :returnAt");
      set.add(Table.GSI4PK + " = :due");
      set.add(Table.GSI4SK + " = :dueSk");
      values.put(":returnAt", AttributeValue.fromS(returnAt.toString()));
      values.put(":due", AttributeValue.fromS(Keys.AWAY_RETURNS));
      values.put(":dueSk", AttributeValue.fromS(returnAt + "#" + caller.accountId() + "#" + caller.userId()));
    } else {
      remove.addAll(List.of("awayReturnAt", Table.GSI4PK, Table.GSI4SK));
    }
    String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(pk, Keys.userSk(caller.userId())))
          .updateExpression(update)
          .conditionExpression("attribute_exists(PK)")
          .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException noSuchUser) {
      throw ApiError.notFound("Your user");
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("on", on);
    if (delegateId != null) {
      Map<String, Object> delegate = new LinkedHashMap<>();
      delegate.put("id", delegateId);
      delegate.put("name", delegateName);
      view.put("delegate", delegate);
    } else {
      view.put("delegate", null);
    }
    view.put("returnAt", returnAt == null ? null : returnAt.toString());
    return ApiResponse.ok(view);
  }

  /**
   * The optional return date: an ISO-8601 instant ({@code 2026-12-01T13:00:00Z}, an offset is
   * converted to UTC) or a date ({@code 2026-12-01}: the start of that day in UTC). Must be in the
   * future.
   */
  private Instant returnAt(JsonNode body) {
    String value = optionalText(body, "returnAt");
    if (value == null) {
      return null;
    }
    Instant instant;
    try {
      instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("returnAt",
          "'returnAt' must be a date (2026-12-01, the start of that day in UTC) or a time (2026-12-01T13:00:00Z).");
    }
    if (!instant.isAfter(clock.instant())) {
      throw ApiError.invalid("returnAt", "'returnAt' must be in the future.");
    }
    return instant;
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(field, "'" + field + "' must be a string.");
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }

  // ------------------------------------------------------------------ teams

  /** Every team of the company with its members, by name: three Queries (teams, memberships, users for the names). */
  private ApiResponse listTeams(ApiRequest request) {
    String pk = Keys.account(request.caller().accountId());
    List<Map<String, AttributeValue>> teams = queryPrefix(pk, Keys.TEAM_PREFIX);
    List<Map<String, AttributeValue>> memberships = queryPrefix(pk, Keys.MEMBER_PREFIX);
    Map<String, String> names = new HashMap<>();
    queryPrefix(pk, Keys.USER_PREFIX).forEach(user -> names.put(idOf(user, Keys.USER_PREFIX), text(user, "name")));
    Map<String, List<String>> membersByTeam = new HashMap<>();
    for (Map<String, AttributeValue> membership : memberships) {
      membersByTeam.computeIfAbsent(text(membership, "teamId"), t -> new ArrayList<>()).add(text(membership, "userId"));
    }
    Collator collator = collator();
    List<Map<String, Object>> views = new ArrayList<>();
    for (Map<String, AttributeValue> team : sortedByName(teams, t -> idOf(t, Keys.TEAM_PREFIX))) {
      String teamId = idOf(team, Keys.TEAM_PREFIX);
      List<Map<String, Object>> members = new ArrayList<>();
      for (String userId : membersByTeam.getOrDefault(teamId, List.of())) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", userId);
        member.put("name", names.get(userId));
        members.add(member);
      }
      members.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("name")), collator)
          .thenComparing(m -> (String) m.get("id")));
      views.add(teamView(teamId, text(team, "name"), members));
    }
    return ApiResponse.ok(Map.of("teams", views));
  }

  private static Map<String, Object> teamView(String id, String name, List<Map<String, Object>> members) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("name", name);
    view.put("members", members);
    return view;
  }

  /** Admins: a new team; its name is unique in the company, whatever the case (a guard item in the same transaction). */
  private ApiResponse createTeam(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String name = teamName(request.json());
    String pk = Keys.account(caller.accountId());
    String teamId = "team-" + UUID.randomUUID();
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(table)
              .item(Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(Keys.teamSk(teamId)),
                  Table.TYPE, AttributeValue.fromS("Team"), "name", AttributeValue.fromS(name)))
              .conditionExpression("attribute_not_exists(PK)")).build(),
          nameGuardPut(pk, name, teamId)));
    } catch (TransactionCanceledException e) {
      if (failed(e, 1)) {
        throw nameTaken(name);
      }
      throw e;
    }
    return ApiResponse.created(teamView(teamId, name, List.of()));
  }

  /** Admins: renames a team of their company. */
  private ApiResponse renameTeam(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String pk = Keys.account(caller.accountId());
    String teamId = request.pathParameter("teamId");
    Map<String, AttributeValue> team = getItem(pk, Keys.teamSk(teamId));
    if (team == null) {
      throw ApiError.notFound("Team " + teamId);
    }
    String name = teamName(request.json());
    String oldName = text(team, "name");
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, Keys.teamSk(teamId)))
        .updateExpression("SET #name = :name")
        .conditionExpression("#name = :old")
        .expressionAttributeNames(Map.of("#name", "name"))
        .expressionAttributeValues(Map.of(":name", AttributeValue.fromS(name), ":old", AttributeValue.fromS(oldName)))).build());
    boolean newGuard = !normalizedName(name).equals(normalizedName(oldName));
    if (newGuard) {
      items.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(pk, Keys.teamNameSk(normalizedName(oldName))))).build());
      items.add(nameGuardPut(pk, name, teamId));
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(items));
    } catch (TransactionCanceledException e) {
      if (newGuard && failed(e, 2)) {
        throw nameTaken(name);
      }
      if (failed(e, 0)) {
        if (getItem(pk, Keys.teamSk(teamId)) == null) {
          throw ApiError.notFound("Team " + teamId);
        }
        throw ApiError.conflict("The team was renamed by someone else meanwhile; reload and try again.");
      }
      throw e;
    }
    List<Map<String, Object>> members = new ArrayList<>();
    queryPrefix(pk, Keys.membersOf(teamId)).forEach(m -> {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("id", text(m, "userId"));
      members.add(member);
    });
    return ApiResponse.ok(teamView(teamId, name, members));
  }

  /**
   * Admins: deletes a team, its name guard and its memberships (in one transaction up to 98
   * members). Conversations assigned to the team are the assignment feature's concern (issue 3/4):
   * nothing here touches them.
   */
  private ApiResponse deleteTeam(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String pk = Keys.account(caller.accountId());
    String teamId = request.pathParameter("teamId");
    Map<String, AttributeValue> team = getItem(pk, Keys.teamSk(teamId));
    if (team == null) {
      throw ApiError.notFound("Team " + teamId);
    }
    List<Map<String, AttributeValue>> memberships = queryPrefix(pk, Keys.membersOf(teamId));
    int inTransaction = MAX_TRANSACTION_ITEMS - 2;
    if (memberships.size() > inTransaction) {
      batchDelete(memberships.subList(inTransaction, memberships.size()));
      memberships = memberships.subList(0, inTransaction);
    }
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(pk, Keys.teamSk(teamId)))
        .conditionExpression("attribute_exists(PK)")).build());
    items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
        .key(key(pk, Keys.teamNameSk(normalizedName(text(team, "name")))))).build());
    for (Map<String, AttributeValue> membership : memberships) {
      items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
          .key(Map.of(Table.PK, membership.get(Table.PK), Table.SK, membership.get(Table.SK)))).build());
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(items));
    } catch (TransactionCanceledException e) {
      if (failed(e, 0)) {
        throw ApiError.notFound("Team " + teamId);
      }
      throw e;
    }
    return ApiResponse.noContent();
  }

  /** Admins: makes a user of the company a member of a team (idempotent). Free users cannot be members. */
  private ApiResponse addMember(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String accountId = caller.accountId();
    String pk = Keys.account(accountId);
    String teamId = request.pathParameter("teamId");
    String userId = request.pathParameter("userId");
    Map<String, AttributeValue> team = null;
    Map<String, AttributeValue> user = null;
    for (Map<String, AttributeValue> item : batchGet(List.of(key(pk, Keys.teamSk(teamId)), key(pk, Keys.userSk(userId))))) {
      if (item.get(Table.SK).s().startsWith(Keys.TEAM_PREFIX)) {
        team = item;
      } else {
        user = item;
      }
    }
    if (team == null) {
      throw ApiError.notFound("Team " + teamId);
    }
    if (user == null) {
      throw ApiError.notFound("User " + userId);
    }
    if (Role.of(text(user, "role")) == Role.FREE) {
      throw ApiError.invalid("userId", "A free user cannot be a team member: free users take no conversations.");
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key(pk, Keys.teamSk(teamId)))
              .conditionExpression("attribute_exists(PK)")).build(),
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key(pk, Keys.userSk(userId)))
              .conditionExpression("attribute_exists(PK)")).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
              Table.PK, AttributeValue.fromS(pk),
              Table.SK, AttributeValue.fromS(Keys.memberSk(teamId, userId)),
              Table.TYPE, AttributeValue.fromS("TeamMember"),
              "teamId", AttributeValue.fromS(teamId),
              "userId", AttributeValue.fromS(userId),
              Table.GSI1PK, AttributeValue.fromS(Keys.teamsOfUser(accountId, userId)),
              Table.GSI1SK, AttributeValue.fromS(teamId)))).build()));
    } catch (TransactionCanceledException e) {
      if (failed(e, 0)) {
        throw ApiError.notFound("Team " + teamId);
      }
      if (failed(e, 1)) {
        throw ApiError.notFound("User " + userId);
      }
      throw e;
    }
    return ApiResponse.noContent();
  }

  /** Admins: removes a user from a team; 404 when they are not a member (or either is not the company's). */
  private ApiResponse removeMember(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String pk = Keys.account(caller.accountId());
    String teamId = request.pathParameter("teamId");
    String userId = request.pathParameter("userId");
    try {
      dynamoDb.deleteItem(b -> b.tableName(table).key(key(pk, Keys.memberSk(teamId, userId)))
          .conditionExpression("attribute_exists(PK)"));
    } catch (ConditionalCheckFailedException notAMember) {
      throw ApiError.notFound("A membership of user " + userId + " in team " + teamId);
    }
    return ApiResponse.noContent();
  }

  private static String teamName(JsonNode body) {
    JsonNode node = body.get("name");
    if (node == null || !node.isTextual()) {
      throw ApiError.invalid("name", "'name' is required: the team's name, 1 to " + MAX_TEAM_NAME + " characters.");
    }
    String name = Normalizer.normalize(node.asText().strip(), Normalizer.Form.NFC);
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > MAX_TEAM_NAME) {
      throw ApiError.invalid("name", "A team's name has 1 to " + MAX_TEAM_NAME + " characters (" + length + " given).");
    }
    return name;
  }

  /** The name as the uniqueness guard compares it: NFC, lower case. */
  private static String normalizedName(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private TransactWriteItem nameGuardPut(String pk, String name, String teamId) {
    return TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(Keys.teamNameSk(normalizedName(name))),
            Table.TYPE, AttributeValue.fromS("TeamName"), "teamId", AttributeValue.fromS(teamId)))
        .conditionExpression("attribute_not_exists(PK)")).build();
  }

  private static ApiError nameTaken(String name) {
    return new ApiError(409, "conflict", "A team named \"" + name + "\" already exists in your company (names ignore case).", "name");
  }

  private static boolean failed(TransactionCanceledException e, int index) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  // ------------------------------------------------------------------ DynamoDB helpers

  private Map<String, AttributeValue> getItem(String pk, String sk) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** Every item of the partition whose sort key starts with {@code prefix}, all pages. */
  private List<Map<String, AttributeValue>> queryPrefix(String pk, String prefix) {
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
        .build();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb.queryPaginator(query).items().forEach(items::add);
    return items;
  }

  /** BatchWriteItem deletes in chunks of 25, sending again what DynamoDB left unprocessed. */
  private void batchDelete(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> chunk = new ArrayList<>();
      for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + 25))) {
        chunk.add(WriteRequest.builder().deleteRequest(d -> d.key(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK)))).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) {
          throw new ApiError(503, "busy", "The service is busy; please try again in a moment.", null);
        }
        if (attempt > 0) {
          sleep(25L << attempt);
        }
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse written = dynamoDb.batchWriteItem(b -> b.requestItems(request));
        pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
      }
    }
  }

  /**
   * BatchGetItem, asking again for the keys DynamoDB left unprocessed (it does so when throttled):
   * a key it did not read must not look like a missing item. Still unread after a few tries is a
   * 503 the client may retry, never a wrong 404.
   */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
    for (int attempt = 0; attempt < MAX_BATCH_ATTEMPTS && !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        sleep(25L << attempt);
      }
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse found = dynamoDb.batchGetItem(b -> b.requestItems(request));
      items.addAll(found.responses().getOrDefault(table, List.of()));
      pending = found.hasUnprocessedKeys() ? found.unprocessedKeys() : Map.of();
    }
    if (!pending.isEmpty()) {
      throw new ApiError(503, "busy", "The service is busy; please try again in a moment.", null);
    }
    return items;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "busy", "The service is busy; please try again in a moment.", null);
    }
  }

  private static Collator collator() {
    Collator collator = Collator.getInstance(Locale.ROOT);
    collator.setStrength(Collator.SECONDARY);
    return collator;
  }

  /** Items by their {@code name} (accents and case compared as people expect), then by id. */
  private static List<Map<String, AttributeValue>> sortedByName(List<Map<String, AttributeValue>> items,
      Function<Map<String, AttributeValue>, String> id) {
    Collator collator = collator();
    List<Map<String, AttributeValue>> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing((Map<String, AttributeValue> item) -> String.valueOf(text(item, "name")), collator)
        .thenComparing(id));
    return sorted;
  }

  private static String idOf(Map<String, AttributeValue> item, String prefix) {
    return item.get(Table.SK).s().substring(prefix.length());
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(sk));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
