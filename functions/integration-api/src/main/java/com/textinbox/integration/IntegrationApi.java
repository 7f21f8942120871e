package com.textinbox.integration;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.invoices.InvoiceBook;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API of a company's other systems (AP4): every {@code /integration/*} route, reached only with
 * a company's API key ({@code Authorization: ApiKey <key>}; a user's token is refused, as a key is
 * everywhere else: docs/decisions.md 48). The caller is the key ({@code Caller.isApiKey()}), its
 * company the key's. One class of routes per resource: {@link CustomerRoutes} (the DMS's customers,
 * merges: C14), {@link AppointmentRoutes} (its appointments, AP1), {@link InvoiceRoutes} (its
 * invoices, AP3). Wiring: template.yaml, function IntegrationApi.
 */
public final class IntegrationApi extends ApiHandler {
  public IntegrationApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"),
        EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("NOTIFICATION_EVENTS_QUEUE_URL")));
  }

  /** Without the notification events queue: for tests that push no paid invoice. */
  public IntegrationApi(DynamoTable table, Clock clock, String fallbackRegion) {
    this(table, clock, fallbackRegion, (eventId, type, json) -> {
      throw new IllegalStateException("no notification events queue for " + type);
    });
  }

  /** @param fallbackRegion where numbers without a country code are read when the company has no number */
  public IntegrationApi(DynamoTable table, Clock clock, String fallbackRegion, EventQueue notifications) {
    CustomerRoutes customers = CustomerRoutes.on(table, clock, fallbackRegion);
    routeForApiKeys("PUT", "/integration/customers/{reference}", customers::put);
    AppointmentRoutes appointments = AppointmentRoutes.on(table, clock);
    routeForApiKeys("PUT", "/integration/appointments/{reference}", appointments::put);
    InvoiceRoutes invoices = new InvoiceRoutes(InvoiceBook.on(table, notifications, clock));
    routeForApiKeys("PUT", "/integration/invoices/{number}", invoices::put);
  }

  /**
   * A DMS's customer PUT as the API key of an account that does not exist, with a mobile (read by
   * libphonenumber, its metadata) and a birth date in the future, which the body's rules refuse
   * (400) after reading nothing (the account, the reference): the router, the request schema, the
   * customer rules and the phone metadata, never a write.
   */
  private static final String PRIMING_PUT = """
      {"httpMethod": "PUT", "resource": "/integration/customers/{reference}", "path": "/integration/customers/priming",
       "pathParameters": {"reference": "priming"}, "headers": {"Accept": "application/json", "Content-Type": "application/json"},
       "body": "{\\"mobile\\": \\"(202) 555-0143\\", \\"birthDate\\": \\"2999-01-01\\"}",
       "requestContext": {"authorizer": {"accountId": "PRIMING#none", "userId": "PRIMING#none", "principal": "apiKey"}}}""";

  /** Priming (decision 46): {@link #PRIMING_PUT} through the router, and its answer's JSON round trip. */
  @Override
  protected void prime() {
    super.prime();
    primed = primeWith(PRIMING_PUT);
  }

  /** The answer of the last priming request (tests: it is the 400 of the birth date). */
  com.textinbox.shared.api.ApiResponse primed;
}
