package com.textinbox.users;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The users API. Routes and their wiring: template.yaml, function UsersApi. */
public final class UsersApi extends ApiHandler {
  private static final int MAX_BATCH_ATTEMPTS = 4;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public UsersApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
  }

  public UsersApi(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    routeForEveryone("GET", "/me", this::me);
  }

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

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(sk));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
