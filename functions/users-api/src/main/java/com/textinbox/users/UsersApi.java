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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The users API. Routes and their wiring: template.yaml, function UsersApi. */
public final class UsersApi extends ApiHandler {
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
    BatchGetItemResponse found = dynamoDb.batchGetItem(b -> b.requestItems(
        Map.of(table, KeysAndAttributes.builder().keys(List.of(userKey, accountKey)).build())));
    Map<String, AttributeValue> user = null;
    Map<String, AttributeValue> account = null;
    for (Map<String, AttributeValue> item : found.responses().getOrDefault(table, List.of())) {
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

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, AttributeValue.fromS(pk), Table.SK, AttributeValue.fromS(sk));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
