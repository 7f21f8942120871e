package com.textinbox.searchapi;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.search.SearchClient;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * API of search (C15): {@code GET /search}, the company's customers, messages (of active and
 * archived conversations), appointments and invoices, through the OpenSearch Java client (SigV4
 * over https). Admins and users; free users get 403 (ApiHandler: the route is not for everyone).
 * The account comes from the token, never from the query. Wiring: template.yaml, function SearchApi.
 */
public final class SearchApi extends ApiHandler {
  public SearchApi() {
    this(SearchClient.fromEnvironment(), Env.require("SEARCH_INDEX"));
  }

  public SearchApi(OpenSearchClient client, String alias) {
    SearchRoutes routes = new SearchRoutes(client, alias);
    route("GET", "/search", routes::search);
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
  }
}
