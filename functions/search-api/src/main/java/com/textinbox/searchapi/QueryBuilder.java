package com.textinbox.searchapi;

import com.textinbox.shared.appointments.AppointmentDays;
import com.textinbox.shared.search.Amounts;
import com.textinbox.shared.search.PhoneForms;
import com.textinbox.shared.search.SearchDocuments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The OpenSearch query of one group of a search (C15). Only match and term queries: what a person
 * types is never read as query syntax (no {@code query_string}), so no input can widen a search
 * beyond its account or make it scan everything. Every query is filtered, as a {@code term} on
 * {@code accountId}, by the caller's account from the token, and on the group's kind.
 *
 * <ul>
 *   <li>customer: the name with accents and case folded, every word matching with one typo
 *       allowed, or as prefixes of the words (as they type); a number in any form (digits against
 *       {@code phones}); the DMS reference or the email exactly;
 *   <li>message: the words of the text, folded, or through the French or English stemmers;
 *   <li>appointment: its type, folded, one typo allowed; the DMS's reference exactly; a day
 *       ({@code 2026-12-05}) in the company's zone ({@code Account.zone()}, as {@code GET
 *       /appointments?date=} reads it: {@link AppointmentDays}) as a range on its time, so an
 *       appointment at 21:00 in Toronto is found by its Toronto date, not the UTC one;
 *   <li>invoice: the invoice or RO number exactly, the customer's reference; an amount to the
 *       cent ({@link Amounts}).
 * </ul>
 */
final class QueryBuilder {
  private QueryBuilder() {}

  /**
   * @param zone the company's zone: read only for an appointment search whose text is a day
   *     ({@link #day}), and required then
   */
  static Query of(String accountId, SearchType type, String text, ZoneId zone) {
    List<Query> should = switch (type) {
      case CUSTOMER -> customer(text);
      case MESSAGE -> List.of(
          match("text", text, false), match("text.fr", text, false), match("text.en", text, false));
      case APPOINTMENT -> appointment(text, zone);
      case INVOICE -> invoice(text);
    };
    return Query.of(q -> q.bool(b -> b
        .filter(term(SearchDocuments.ACCOUNT_ID, accountId))
        .filter(term(SearchDocuments.KIND, type.kind()))
        .should(should)
        .minimumShouldMatch("1")));
  }

  private static List<Query> customer(String text) {
    List<Query> should = new ArrayList<>();
    should.add(match("name", text, true));
    should.add(Query.of(q -> q.match(m -> m.field("name.prefix").query(FieldValue.of(text)).operator(Operator.And))));
    PhoneForms.ofQuery(text).ifPresent(digits -> should.add(term(SearchDocuments.PHONES, digits)));
    should.add(term(SearchDocuments.REFERENCE, text));
    should.add(term(SearchDocuments.EMAIL, text));
    return should;
  }

  private static List<Query> appointment(String text, ZoneId zone) {
    List<Query> should = new ArrayList<>();
    should.add(match(SearchDocuments.APPOINTMENT_TYPE, text, true));
    should.add(term(SearchDocuments.REFERENCE, text));
    day(text).ifPresent(day -> {
      AppointmentDays days = AppointmentDays.of(day, Objects.requireNonNull(zone, "a day is read in the company's zone"));
      should.add(Query.of(q -> q.range(r -> r.field(SearchDocuments.AT)
          .gte(JsonData.of(days.start().toString())).lt(JsonData.of(days.end().toString())))));
    });
    return should;
  }

  /** A day written as ISO ({@code 2026-12-05}), else empty. */
  static Optional<LocalDate> day(String text) {
    try {
      return text.length() == 10 ? Optional.of(LocalDate.parse(text)) : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<Query> invoice(String text) {
    List<Query> should = new ArrayList<>();
    should.add(term(SearchDocuments.INVOICE_NUMBER, text));
    should.add(term(SearchDocuments.REPAIR_ORDER, text));
    should.add(term(SearchDocuments.REFERENCE, text));
    Optional<BigDecimal> amount = Amounts.parse(text);
    amount.ifPresent(value -> should.add(Query.of(q -> q.term(t -> t.field(SearchDocuments.AMOUNT).value(FieldValue.of(value.doubleValue()))))));
    return should;
  }

  /** Every word must match; {@code typo}: one edit per word allowed past its first letter. */
  private static Query match(String field, String text, boolean typo) {
    return Query.of(q -> q.match(m -> {
      m.field(field).query(FieldValue.of(text)).operator(Operator.And);
      if (typo) {
        m.fuzziness("1").prefixLength(1).maxExpansions(20);
      }
      return m;
    }));
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }
}
