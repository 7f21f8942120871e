package com.textinbox.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.AutoCloseSetting;
import com.textinbox.shared.conversations.store.AutoCloseStore;
import com.textinbox.shared.data.Keys;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET / PUT /settings/auto-close} (C6, admins): whether the company's inactive
 * conversations close by themselves, after how many days (1 to 15), and whether unanswered ones
 * too. Here because ConversationsApi keeps the company's settings (docs/decisions.md 51); the
 * AutoClose function applies it.
 */
record AutoCloseRoutes(AutoCloseStore store, Clock clock) {

  ApiResponse get(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    return ApiResponse.ok(view(store.get(caller.accountId())));
  }

  /** PUT: the whole setting ({@code closeUnanswered} false when left out; {@code days} kept when off and left out). */
  ApiResponse put(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    JsonNode body = request.json();   // an object of the route's fields only: its schema was checked first (decision 55)
    JsonNode enabled = body.path("enabled");
    if (!enabled.isBoolean()) {
      throw ApiError.invalid("enabled", "'enabled' is required: true or false.");
    }
    JsonNode days = body.path("days");
    int chosenDays;
    if (days.isMissingNode() || days.isNull()) {
      if (enabled.booleanValue()) {
        throw ApiError.invalid("days", "'days' is required to turn auto-close on: a whole number from 1 to 15.");
      }
      chosenDays = store.get(caller.accountId()).days();
    } else if (!days.isIntegralNumber() || !days.canConvertToInt() || !AutoCloseSetting.validDays(days.intValue())) {
      throw ApiError.invalid("days", "'days' must be a whole number from " + AutoCloseSetting.MIN_DAYS + " to "
          + AutoCloseSetting.MAX_DAYS + ".");
    } else {
      chosenDays = days.intValue();
    }
    JsonNode unanswered = body.path("closeUnanswered");
    if (!unanswered.isMissingNode() && !unanswered.isBoolean()) {
      throw ApiError.invalid("closeUnanswered", "'closeUnanswered' must be true or false.");
    }
    AutoCloseSetting setting = new AutoCloseSetting(enabled.booleanValue(), chosenDays, unanswered.asBoolean(false),
        Keys.time(clock.instant()), caller.userId());
    if (!store.put(caller.accountId(), setting)) {
      throw ApiError.notFound("Your company");
    }
    return ApiResponse.ok(view(setting));
  }

  /** The AutoCloseSetting schema of docs/openapi.yaml. */
  static Map<String, Object> view(AutoCloseSetting setting) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("enabled", setting.enabled());
    view.put("days", setting.days());
    view.put("closeUnanswered", setting.closeUnanswered());
    if (setting.updatedAt() != null) {
      view.put("updatedAt", setting.updatedAt());
      view.put("updatedBy", setting.updatedBy());
    }
    return view;
  }
}
