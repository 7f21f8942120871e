package com.textinbox.customers;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerBody;
import com.textinbox.shared.customers.CustomerConflict;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.CustomerView;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountCache;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST, GET and PATCH of one profile (P1, P2; with custom attribute values, P3). A new or changed mobile or reference takes its
 * guard in the same transaction as the profile: another profile of the company with it is a 409
 * naming that profile, and nothing changes.
 */
record ProfileRoutes(CustomerStore customers, AccountCache accounts, AttributeDefinitionStore definitions, Clock clock,
    String fallbackRegion) {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileRoutes.class);
  private static final int EDIT_ATTEMPTS = 3;

  ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(CustomerView.of(Ids.customer(customers, request)));
  }

  /** The customer's merge log (C14), newest first: GetItem of the profile (404), one Query. */
  ApiResponse merges(ApiRequest request) {
    CustomerProfile customer = Ids.customer(customers, request);
    var merges = customers.merges(request.caller().accountId(), customer.customerId(), 100).stream()
        .map(com.textinbox.shared.customers.CustomerMergeView::of).toList();
    return ApiResponse.ok(java.util.Map.of("merges", merges));
  }

  ApiResponse create(ApiRequest request) {
    String accountId = request.caller().accountId();
    CustomerFields fields = CustomerBody.staff(request.json(), CustomerFields.none(), region(accountId), today());
    CustomerRules.identifiable(fields);
    CustomerAttributeRules.Change attributes = CustomerBody.attributes(request.json(), () -> definitions.get(accountId));
    String now = Keys.time(clock.instant());
    CustomerProfile profile = new CustomerProfile("cust-" + UUID.randomUUID(), null, null, null, null, null, null, true,
        null, null, null, null, null, now, request.caller().userId()).edited(fields, now);
    if (attributes != null) {
      profile = profile.withAttributes(CustomerAttributes.NONE.with(attributes.set(), attributes.removed()));
    }
    try {
      customers.create(accountId, profile);
    } catch (CustomerConflict conflict) {
      throw conflict(accountId, conflict);
    } catch (TransactionCancelled raced) {
      throw new ApiError(409, "conflict", "Another change to this number or reference is under way; try again.", "mobile");
    }
    LOG.info("customer {} created by {} (mobile {})", profile.customerId(), request.caller().userId(),
        PhoneNumbers.masked(profile.mobile()));
    return ApiResponse.created(CustomerView.of(profile));
  }

  /** The fields the body names change; a profile changed meanwhile is read again (up to 3 tries). */
  ApiResponse patch(ApiRequest request) {
    String accountId = request.caller().accountId();
    CustomerProfile before = Ids.customer(customers, request);
    String region = region(accountId);
    CustomerAttributeRules.Change attributes = CustomerBody.attributes(request.json(), () -> definitions.get(accountId));
    for (int attempt = 1; ; attempt++) {
      CustomerFields fields = CustomerBody.staff(request.json(), before.fields(), region, today());
      CustomerRules.identifiable(fields);
      CustomerProfile after = before.edited(fields, Keys.time(clock.instant()));
      if (after.updatedAt().equals(before.updatedAt())) {
        // two edits in the same millisecond: the condition on updatedAt must still tell them apart
        after = before.edited(fields, Keys.time(clock.instant().plusMillis(1)));
      }
      if (attributes != null) {
        after = after.withAttributes(before.attributes().with(attributes.set(), attributes.removed()));
      }
      try {
        if (customers.edit(accountId, before, after, attributes)) {
          return ApiResponse.ok(CustomerView.of(after));
        }
      } catch (CustomerConflict conflict) {
        throw conflict(accountId, conflict);
      }
      if (attempt == EDIT_ATTEMPTS) {
        throw ApiError.conflict("The customer was changed by someone else meanwhile; read it again and retry.");
      }
      before = Ids.customer(customers, request);
    }
  }

  /** 409 naming the other profile (its id and name), with the field at stake. */
  private ApiError conflict(String accountId, CustomerConflict conflict) {
    String other = conflict.otherCustomerId();
    String name = other == null ? null : customers.find(accountId, other).map(CustomerProfile::fullName).orElse(null);
    String who = other == null ? "another customer" : "customer " + other + (name == null ? "" : " (" + name + ")");
    String what = "mobile".equals(conflict.field()) ? "mobile number" : "reference";
    return new ApiError(409, conflict.field() + "_in_use", "This " + what + " belongs to " + who + ".", conflict.field());
  }

  /** The region numbers without a country code are read in: the company's number's (kept a minute, decision 63). */
  private String region(String accountId) {
    Account account = accounts.get(accountId);
    return CustomerRules.region(account == null ? null : account.number(), fallbackRegion);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
