package com.textinbox.searchapi;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.search.SearchClient;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.ZoneId;
import java.util.function.Function;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * API of search (C15): {@code GET /search}, the company's customers, messages (of active and
 * archived conversations), appointments and invoices, through the OpenSearch Java client (SigV4
 * over https). Admins and users; free users get 403 (ApiHandler: the route is not for everyone).
 * The account comes from the token, never from the query; the table is read only for the company's
 * zone when appointments are searched by day. Wiring: template.yaml, function SearchApi.
 */
public final class SearchApi extends ApiHandler {
  public SearchApi() {
    this(SearchClient.fromEnvironment(), Env.require("SEARCH_INDEX"), Cursors.fromEnvironment(),
        zonesOf(new AccountStore(DynamoTable.fromEnvironment())));
  }

  /** {@code zones}: the company's zone by account id, read only for a search of appointments by day. */
  public SearchApi(OpenSearchClient client, String alias, Cursors cursors, Function<String, ZoneId> zones) {
    SearchRoutes routes = new SearchRoutes(client, alias, cursors, zones);
    route("GET", "/search", routes::search);
  }

  /** The company's zone as every appointment day is read (decision 56): the account's, or the default. */
  static Function<String, ZoneId> zonesOf(AccountStore accounts) {
    return accountId -> Account.zoneOf(accounts.get(accountId));
  }

  /**
   * SnapStart priming (decision 46): a search of every type as a caller of an account that does not
   * exist: the client's msearch path (signing, TLS, JSON) is loaded and its connection open; it
   * reads, finds nothing, writes nothing.
   */
  @Override
  protected void prime() {
    super.prime();
    Priming.answer(handle(Priming.event("""
        {"httpMethod": "GET", "resource": "/search", "path": "/search", "headers": {"Accept": "application/json"},
         "queryStringParameters": {"q": "priming 514 555 0100"},
         "requestContext": {"authorizer": {"accountId": "PRIMING#none", "userId": "PRIMING#none", "role": "ADMIN"}}}""")).body());
    // a day: the account's zone (a GetItem of an account that does not exist) and the range query
    Priming.answer(handle(Priming.event("""
        {"httpMethod": "GET", "resource": "/search", "path": "/search", "headers": {"Accept": "application/json"},
         "queryStringParameters": {"q": "2026-01-01", "types": "appointment"},
         "requestContext": {"authorizer": {"accountId": "PRIMING#none", "userId": "PRIMING#none", "role": "ADMIN"}}}""")).body());
  }
}
