package com.textinbox.users;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.apikeys.store.ApiKeyStore;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.DirectoryStore;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The users API: the caller (GET /me) and their away mode (A1-A3), the company's users with their
 * away state (A1), teams with their members (C12), and the company's API keys (AP4, admins). Every key starts with the caller's account
 * from the token, never from a path or body: anything of another account is a 404. Free users reach
 * only GET /me (N10). Routes and their wiring: template.yaml, function UsersApi.
 */
public final class UsersApi extends ApiHandler {
  public UsersApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
  }

  public UsersApi(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Clock.systemUTC());
  }

  public UsersApi(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    DynamoTable table = new DynamoTable(dynamoDb, tableName);
    UserStore users = new UserStore(table);
    TeamStore teams = new TeamStore(table);
    DirectoryStore directory = new DirectoryStore(table);
    MeRoutes me = new MeRoutes(users, directory, clock);
    UserRoutes userRoutes = new UserRoutes(users, teams);
    TeamRoutes teamRoutes = new TeamRoutes(users, teams, directory);
    routeForEveryone("GET", "/me", me::get);
    route("PUT", "/me/away", me::setAway);
    route("GET", "/users", userRoutes::list);
    route("GET", "/users/{userId}", userRoutes::get);
    route("GET", "/teams", teamRoutes::list);
    route("POST", "/teams", teamRoutes::create);
    route("PATCH", "/teams/{teamId}", teamRoutes::rename);
    route("DELETE", "/teams/{teamId}", teamRoutes::delete);
    route("PUT", "/teams/{teamId}/members/{userId}", teamRoutes::addMember);
    route("DELETE", "/teams/{teamId}/members/{userId}", teamRoutes::removeMember);
    ApiKeyRoutes apiKeys = new ApiKeyRoutes(new ApiKeyStore(table), clock);
    route("POST", "/settings/api-keys", apiKeys::create);
    route("GET", "/settings/api-keys", apiKeys::list);
    route("DELETE", "/settings/api-keys/{keyId}", apiKeys::revoke);
  }

  /** SnapStart priming (docs/decisions.md 46): GET /me of an account that does not exist (one BatchGetItem, a 404). */
  @Override
  protected void prime() {
    super.prime();
    primeGet("/me");
  }
}
