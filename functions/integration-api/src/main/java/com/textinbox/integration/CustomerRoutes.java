package com.textinbox.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.customers.CustomerBody;
import com.textinbox.shared.customers.CustomerConflict;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.CustomerView;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /integration/customers/{reference}} (AP4): the DMS creates or updates the customer it
 * knows by {@code reference} (unique in the company: its guard). The DMS is the source of truth
 * for the fields it sends: those are overwritten (null clears), the others stay as staff left
 * them. The same body again changes nothing (no write). A mobile another profile of the company
 * has merges that profile into this one (C14, {@link CustomerMerger}).
 */
record CustomerRoutes(CustomerStore customers, AccountCache accounts, CustomerMerger merger, Clock clock,
    String fallbackRegion) {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerRoutes.class);
  private static final int ATTEMPTS = 4;

  static CustomerRoutes on(DynamoTable table, Clock clock, String fallbackRegion) {
    CustomerStore customers = new CustomerStore(table);
    return new CustomerRoutes(customers, new AccountCache(new AccountStore(table), clock), new CustomerMerger(table, clock), clock, fallbackRegion);
  }

  /** 201 with the new customer, or 200 with the updated one: {@code {customer, created, merge?}}. */
  ApiResponse put(ApiRequest request) {
    String accountId = request.caller().accountId();
    String reference = CustomerRules.reference(request.pathParameters().get("reference"));
    if (reference == null) {
      throw ApiError.invalid("reference", "The path's reference is required.");
    }
    JsonNode body = request.json();   // no reference (it comes from the path): its schema has none (decision 55)
    String region = region(accountId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String by = request.caller().userId();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<CustomerProfile> found = customers.findByReference(accountId, reference);
      try {
        Optional<ApiResponse> done = found.isEmpty()
            ? create(accountId, reference, CustomerBody.apply(body, CustomerFields.none(), region, today), by)
            : update(accountId, found.get(), CustomerBody.apply(body, found.get().fields(), region, today), by);
        if (done.isPresent()) {
          return done.get();
        }
      } catch (CustomerConflict conflict) {
        if ("mobile".equals(conflict.field()) && conflict.otherCustomerId() != null) {
          CustomerMerger.Outcome merged = merger.merge(accountId, reference, body, region, today, conflict.otherCustomerId(), by);
          if (merged != null) {
            return answer(merged.created() ? 201 : 200, merged.survivor(), merged.created(), merged.log());
          }
        }
        // the reference was taken meanwhile (another PUT of the same customer), or the mobile changed hands: read again
      } catch (TransactionCancelled raced) {
        // another write on the same guards at the same moment: read again
      }
      LOG.info("PUT /integration/customers/{}: changed meanwhile (attempt {}), reading again", reference, attempt);
    }
    throw ApiError.conflict("This customer kept changing while it was written; send the update again.");
  }

  /** A new profile with the reference and the body's fields (one transaction with its guards); empty: taken meanwhile. */
  private Optional<ApiResponse> create(String accountId, String reference, CustomerFields fields, String by) {
    CustomerFields withReference = withReference(fields, reference);
    CustomerRules.identifiable(withReference);
    String now = Keys.time(clock.instant());
    CustomerProfile profile = new CustomerProfile("cust-" + UUID.randomUUID(), null, null, null, null, null, null, true,
        null, null, null, null, null, now, by).edited(withReference, now);
    customers.create(accountId, profile);
    LOG.info("customer {} created by the DMS (reference {}, key {})", profile.customerId(), reference, by);
    return Optional.of(answer(201, profile, true, null));
  }

  /** The body's fields over the profile's (conditional on its updatedAt); empty: changed meanwhile. */
  private Optional<ApiResponse> update(String accountId, CustomerProfile before, CustomerFields fields, String by) {
    if (fields.equals(before.fields())) {
      return Optional.of(answer(200, before, false, null));   // the same update again: nothing to write
    }
    CustomerRules.identifiable(fields);
    CustomerProfile after = before.edited(fields, Keys.time(clock.instant()));
    if (after.updatedAt().equals(before.updatedAt())) {
      after = before.edited(fields, Keys.time(clock.instant().plusMillis(1)));
    }
    if (!customers.edit(accountId, before, after)) {
      return Optional.empty();
    }
    LOG.info("customer {} updated by the DMS (reference {}, key {})", after.customerId(), after.reference(), by);
    return Optional.of(answer(200, after, false, null));
  }

  static CustomerFields withReference(CustomerFields f, String reference) {
    return new CustomerFields(f.firstName(), f.lastName(), f.mobile(), f.email(), f.language(), f.address(), f.birthDate(),
        reference, f.otherPhones());
  }

  private static ApiResponse answer(int status, CustomerProfile profile, boolean created, Map<String, Object> merge) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", CustomerView.of(profile));
    body.put("created", created);
    if (merge != null) {
      body.put("merge", merge);
    }
    return new ApiResponse(status, body);
  }

  /** The region numbers without a country code are read in: the company's number's. */
  private String region(String accountId) {
    Account account = accounts.get(accountId);
    return CustomerRules.region(account == null ? null : account.number(), fallbackRegion);
  }
}
