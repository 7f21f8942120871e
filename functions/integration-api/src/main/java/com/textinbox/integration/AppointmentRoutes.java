package com.textinbox.integration;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.api.ExternalIds;
import com.textinbox.shared.appointments.AppointmentBook;
import com.textinbox.shared.appointments.AppointmentInput;
import com.textinbox.shared.appointments.AppointmentView;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.ZoneId;

/**
 * {@code PUT /integration/appointments/{reference}} (AP1): the DMS creates or replaces one of the
 * company's appointments by its own reference, for a customer it pushed before
 * ({@code customerReference}: 404 naming it otherwise). The same rules as staff's
 * ({@link AppointmentBook}: a time to come, an advisor of the company); 201 when created, 200 after.
 */
record AppointmentRoutes(AppointmentBook book, AccountCache accounts) {

  static AppointmentRoutes on(DynamoTable table, Clock clock) {
    return new AppointmentRoutes(AppointmentBook.on(table, clock), new AccountCache(new AccountStore(table), clock));
  }

  ApiResponse put(ApiRequest request) {
    String accountId = request.caller().accountId();
    String reference = ExternalIds.require(request.pathParameter("reference"), "reference");
    Account account = accounts.get(accountId);
    ZoneId zone = Account.zoneOf(account);
    AppointmentBook.Written written = book.putByReference(accountId, zone, reference, AppointmentInput.dms(request.json(), zone));
    Object view = AppointmentView.of(written.appointment(), null);
    return written.created() ? ApiResponse.created(view) : ApiResponse.ok(view);
  }
}
