package com.textinbox.appointments;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.appointments.AppointmentBook;
import com.textinbox.shared.invoices.store.InvoiceStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;

/**
 * API of appointments (AP1), of the before-an-appointment automation's settings (AP2) and of
 * invoices for staff (AP3; the DMS writes them through IntegrationApi). Admins and users; free
 * users get 403; only admins change the automation. Texting a customer about an appointment (C9)
 * is MessagesApi's {@code POST /appointments/{appointmentId}/messages}.
 * Wiring: template.yaml, function AppointmentsApi.
 */
public final class AppointmentsApi extends ApiHandler {
  public AppointmentsApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC());
  }

  public AppointmentsApi(DynamoTable table, Clock clock) {
    AppointmentBook book = AppointmentBook.on(table, clock);
    // the company's zone, kept a minute per warm container (decision 63)
    BookRoutes appointments = new BookRoutes(book, new AccountCache(new AccountStore(table), clock));
    ReminderSettingsRoutes settings = new ReminderSettingsRoutes(book.appointments(), clock);
    InvoiceReadRoutes invoices = new InvoiceReadRoutes(new InvoiceStore(table), book.customers());
    route("POST", "/appointments", appointments::create);
    route("GET", "/appointments", appointments::day);
    route("GET", "/appointments/{appointmentId}", appointments::get);
    route("PATCH", "/appointments/{appointmentId}", appointments::patch);
    route("DELETE", "/appointments/{appointmentId}", appointments::delete);
    route("GET", "/settings/appointment-reminders", settings::get);
    route("PUT", "/settings/appointment-reminders", settings::put);
    route("GET", "/invoices/{number}", invoices::get);
    route("GET", "/customers/{customerId}/invoices", invoices::ofCustomer);
  }

  /** SnapStart priming (docs/decisions.md 46): a day's list read for an account that does not exist. */
  @Override
  protected void prime() {
    super.prime();
    primeGet("/settings/appointment-reminders");
  }
}
