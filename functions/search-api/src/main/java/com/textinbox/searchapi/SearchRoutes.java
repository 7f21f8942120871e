package com.textinbox.searchapi;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.search.SearchDocuments;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.MsearchResponse;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import org.opensearch.client.opensearch.core.search.Highlight;
import org.opensearch.client.opensearch.core.search.HighlightField;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /search} (C15): one {@code _msearch} with a search per type asked (each filtered by
 * the caller's account, {@link QueryBuilder}), then one {@code _mget} of the customers of the
 * message, appointment and invoice hits, so each result shows its customer's name and number
 * without a read of the table. A customer merged away (C14) is followed to the survivor through
 * its forwarding document (read in the same {@code _mget}; one more per hop, only then), so the
 * merged profile's messages show under the survivor. The table is read only for a search by day
 * of appointments: the company's zone (one GetItem). Next pages use the shared {@link Cursors}
 * (decision 55). Nothing of the query is logged (it may be a name or a number).
 */
final class SearchRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SearchRoutes.class);
  /** Fields highlighted per type; sub-fields (name.prefix, text.fr) are reported under their field, 3 fragments at most. */
  private static final Map<SearchType, List<String>> HIGHLIGHTED = Map.of(
      SearchType.CUSTOMER, List.of("name", "name.prefix", "reference", "email", "phones"),
      SearchType.MESSAGE, List.of("text", "text.fr", "text.en"),
      SearchType.APPOINTMENT, List.of("appointmentType", "reference"),
      SearchType.INVOICE, List.of("invoiceNumber", "repairOrder", "reference"));

  /** Merges of merges: a forwarding chain longer than this is not followed (the result shows no name). */
  private static final int MAX_MERGE_HOPS = 3;

  private final OpenSearchClient client;
  private final String alias;
  private final Cursors cursors;
  private final Function<String, ZoneId> zones;

  /** {@code zones}: the company's zone by account id ({@code Account.zoneOf}), read only for a search by day. */
  SearchRoutes(OpenSearchClient client, String alias, Cursors cursors, Function<String, ZoneId> zones) {
    this.client = client;
    this.alias = alias;
    this.cursors = cursors;
    this.zones = zones;
  }

  ApiResponse search(ApiRequest request) {
    SearchInput input = SearchInput.of(request.query("q"), request.query("types"), cursors.decode(request));
    String accountId = request.caller().accountId();
    List<SearchType> types = List.copyOf(input.types());
    ZoneId zone = types.contains(SearchType.APPOINTMENT) && QueryBuilder.day(input.text()).isPresent()
        ? zones.apply(accountId) : null;
    List<RequestItem> searches = new ArrayList<>();
    for (SearchType type : types) {
      searches.add(RequestItem.of(r -> r.header(h -> h.index(alias)).body(b -> b
          .query(QueryBuilder.of(accountId, type, input.text(), zone))
          .from(input.from().get(type))
          .size(SearchInput.PAGE_SIZE)
          .highlight(highlight(type)))));
    }
    MsearchResponse<Map> response;
    try {
      response = client.msearch(m -> m.searches(searches), Map.class);
    } catch (IOException | OpenSearchException e) {
      LOG.error("the search index could not be searched: {}", e.toString());
      throw unavailable();
    }
    List<List<Hit<Map>>> hits = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    for (MultiSearchResponseItem<Map> item : response.responses()) {
      if (item.isFailure() && "index_not_found_exception".equals(item.failure().error().type())) {
        // nothing was ever indexed: the indexer makes the index on its first write
        hits.add(List.of());
        totals.add(0L);
        continue;
      }
      if (item.isFailure()) {
        LOG.error("a search of the index failed: {}", item.failure().error().type());
        throw unavailable();
      }
      hits.add(item.result().hits().hits());
      totals.add(item.result().hits().total() == null ? 0 : item.result().hits().total().value());
    }
    Map<String, Map<String, Object>> customers = customersOf(accountId, hits);
    List<SearchResultsView.Group> groups = new ArrayList<>();
    for (int t = 0; t < types.size(); t++) {
      SearchType type = types.get(t);
      int from = input.from().get(type);
      List<SearchHitView> items = hits.get(t).stream().map(hit -> view(type, hit, customers)).toList();
      int next = from + items.size();
      boolean more = items.size() == SearchInput.PAGE_SIZE && next < totals.get(t) && next <= SearchInput.MAX_FROM;
      String nextCursor = more ? cursors.encode(request, SearchInput.position(type, next)) : null;
      groups.add(new SearchResultsView.Group(type.kind(), totals.get(t), items, nextCursor));
    }
    return ApiResponse.ok(new SearchResultsView(input.text(), groups));
  }

  /** The index could not answer: the client may retry (503), never a 500. */
  private static ApiError unavailable() {
    return new ApiError(503, "search_unavailable", "Search is unavailable right now; please try again in a moment.", null);
  }

  private static Highlight highlight(SearchType type) {
    Map<String, HighlightField> fields = new LinkedHashMap<>();
    for (String field : HIGHLIGHTED.get(type)) {
      fields.put(field, HighlightField.of(f -> f.numberOfFragments(3).fragmentSize(120)));
    }
    return Highlight.of(h -> h.fields(fields).preTags("<em>").postTags("</em>").encoder(HighlighterEncoder.Html)
        .requireFieldMatch(true));
  }

  /**
   * The customer documents of the hits that name a customer, by the id the hit names (customer hits
   * are their own): one {@code _mget} of each id's customer document and forwarding document; a
   * profile merged away is followed to its survivor (one more {@code _mget} per hop, only then).
   */
  private Map<String, Map<String, Object>> customersOf(String accountId, List<List<Hit<Map>>> hits) {
    Map<String, String> lookingFor = new LinkedHashMap<>(); // the id a hit names -> the id now read
    for (List<Hit<Map>> group : hits) {
      for (Hit<Map> hit : group) {
        Object customerId = hit.source() == null ? null : hit.source().get(SearchDocuments.CUSTOMER_ID);
        if (customerId instanceof String id && !SearchDocuments.KIND_CUSTOMER.equals(hit.source().get(SearchDocuments.KIND))) {
          lookingFor.put(id, id);
        }
      }
    }
    Map<String, Map<String, Object>> customers = new HashMap<>();
    try {
      for (int hop = 0; hop <= MAX_MERGE_HOPS && !lookingFor.isEmpty(); hop++) {
        Map<String, Map<String, Object>> read = read(accountId, new LinkedHashSet<>(lookingFor.values()));
        Map<String, String> forwarded = new LinkedHashMap<>();
        lookingFor.forEach((named, current) -> {
          Map<String, Object> merged = read.get(SearchDocuments.mergedDocumentId(accountId, current));
          Map<String, Object> customer = read.get(SearchDocuments.customerDocumentId(accountId, current));
          if (merged != null && merged.get(SearchDocuments.CUSTOMER_ID) instanceof String survivor) {
            forwarded.put(named, survivor); // merged away: the profile document may still be on its way out
          } else if (customer != null) {
            customers.put(named, customer);
          }
        });
        lookingFor = forwarded;
      }
    } catch (IOException | OpenSearchException e) {
      // the results stand without their customers' names
      LOG.warn("the customers of the search results could not be read: {}", e.toString());
    }
    return customers;
  }

  /** The customer and forwarding documents of these customer ids that the index has, by document id (one {@code _mget}). */
  private Map<String, Map<String, Object>> read(String accountId, Set<String> customerIds) throws IOException {
    List<String> ids = new ArrayList<>(customerIds.size() * 2);
    for (String customerId : customerIds) {
      ids.add(SearchDocuments.customerDocumentId(accountId, customerId));
      ids.add(SearchDocuments.mergedDocumentId(accountId, customerId));
    }
    Map<String, Map<String, Object>> found = new HashMap<>();
    client.mget(m -> m.index(alias).ids(ids), Map.class).docs().forEach(doc -> {
      if (doc.isResult() && doc.result().found() && doc.result().source() != null
          && accountId.equals(doc.result().source().get(SearchDocuments.ACCOUNT_ID))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> source = doc.result().source();
        found.put(doc.result().id(), source);
      }
    });
    return found;
  }

  @SuppressWarnings("unchecked")
  private static SearchHitView view(SearchType type, Hit<Map> hit, Map<String, Map<String, Object>> customers) {
    Map<String, Object> doc = hit.source() == null ? Map.of() : hit.source();
    String named = str(doc, SearchDocuments.CUSTOMER_ID);
    Map<String, Object> customer = type == SearchType.CUSTOMER ? doc : customers.getOrDefault(named, Map.of());
    // the survivor's id when the hit's customer was merged into it (C14); the hit's own otherwise
    String customerId = customer.get(SearchDocuments.CUSTOMER_ID) instanceof String current ? current : named;
    Map<String, List<String>> highlights = new LinkedHashMap<>();
    hit.highlight().forEach((field, fragments) -> {
      String base = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      List<String> merged = highlights.computeIfAbsent(base, f -> new ArrayList<>());
      fragments.stream().filter(f -> !merged.contains(f) && merged.size() < 3).forEach(merged::add);
    });
    Object amount = doc.get("amount");
    return new SearchHitView(type.kind(), str(doc, SearchDocuments.ID), customerId, str(customer, SearchDocuments.NAME),
        str(customer, SearchDocuments.PHONE), str(doc, SearchDocuments.CONVERSATION_ID), str(doc, SearchDocuments.REFERENCE),
        str(doc, SearchDocuments.TEXT), str(doc, SearchDocuments.DIRECTION), str(doc, SearchDocuments.AT),
        str(doc, "appointmentType"), str(doc, "repairOrder"), str(doc, "invoiceNumber"),
        amount instanceof Number n ? new BigDecimal(n.toString()).setScale(2, java.math.RoundingMode.HALF_UP) : null,
        str(doc, "currency"), highlights);
  }

  private static String str(Map<String, Object> doc, String field) {
    return doc.get(field) instanceof String value ? value : null;
  }
}
