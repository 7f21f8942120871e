package com.textinbox.integration;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;

/**
 * The API of a company's other systems (AP4): every {@code /integration/*} route, reached only with
 * a company's API key ({@code Authorization: ApiKey <key>}; a user's token is refused, as a key is
 * everywhere else: docs/decisions.md 48). The caller is the key ({@code Caller.isApiKey()}), its
 * company the key's. One class of routes per resource: {@link CustomerRoutes} (the DMS's customers,
 * merges: C14). Wiring: template.yaml, function IntegrationApi.
 */
public final class IntegrationApi extends ApiHandler {
  public IntegrationApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"));
  }

  /** @param fallbackRegion where numbers without a country code are read when the company has no number */
  public IntegrationApi(DynamoTable table, Clock clock, String fallbackRegion) {
    CustomerRoutes customers = CustomerRoutes.on(table, clock, fallbackRegion);
    routeForApiKeys("PUT", "/integration/customers/{reference}", customers::put);
  }
}
