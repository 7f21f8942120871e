package com.textinbox.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.users.Away;
import com.textinbox.shared.users.Directory;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.UserView;
import com.textinbox.shared.users.store.DirectoryStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The caller: GET /me (everyone, free users included: N10) and their away mode, PUT /me/away (A1-A3). */
record MeRoutes(UserStore users, DirectoryStore directory, Clock clock) {

  /** The caller's user, role and company: one BatchGetItem of the user and account items. */
  ApiResponse get(ApiRequest request) {
    Caller caller = request.caller();
    Directory read = directory.read(caller.accountId(), true, List.of(caller.userId()), List.of());
    User user = read.user(caller.userId());
    if (user == null || read.account() == null) {
      throw ApiError.notFound("Your user");
    }
    return ApiResponse.ok(UserView.me(user, caller.role(), read.account()));
  }

  /**
   * Turns the caller's away mode on or off (A1), with an optional delegate (A2) and return date
   * (A3): one GetItem of the delegate, if any, and one UpdateItem ({@link UserStore#setAway}).
   */
  ApiResponse setAway(ApiRequest request) {
    Caller caller = request.caller();
    JsonNode body = request.json();
    if (!body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    JsonNode onNode = body.get("on");
    if (onNode == null || !onNode.isBoolean()) {
      throw ApiError.invalid("on", "'on' is required: true turns away mode on, false turns it off.");
    }
    boolean on = onNode.booleanValue();
    String delegateId = on ? optionalText(body, "delegateId") : null;
    Instant returnAt = on ? returnAt(body) : null;

    String delegateName = null;
    if (delegateId != null) {
      if (delegateId.equals(caller.userId())) {
        throw ApiError.invalid("delegateId", "You cannot be your own delegate: choose a teammate, or none.");
      }
      User delegate = users.get(caller.accountId(), delegateId);
      if (delegate == null) {
        throw ApiError.invalid("delegateId", "No such user in your company: " + delegateId + ".");
      }
      if (delegate.isFree()) {
        throw ApiError.invalid("delegateId", "A free user cannot take conversations: choose another teammate.");
      }
      delegateName = delegate.name();
    }
    // since when this away period runs (A5 compares a reply while away with it): kept while on
    Away away = on ? Away.on(delegateId, returnAt, clock.instant()) : Away.OFF;
    if (!users.setAway(caller.accountId(), caller.userId(), away)) {
      throw ApiError.notFound("Your user");
    }
    return ApiResponse.ok(UserView.away(away, delegateName));
  }

  /**
   * The optional return date: an ISO-8601 instant ({@code 2026-12-01T13:00:00Z}, an offset is
   * converted to UTC) or a date ({@code 2026-12-01}: the start of that day in UTC). Must be in the
   * future.
   */
  private Instant returnAt(JsonNode body) {
    String value = optionalText(body, "returnAt");
    if (value == null) {
      return null;
    }
    Instant instant;
    try {
      instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("returnAt",
          "'returnAt' must be a date (2026-12-01, the start of that day in UTC) or a time (2026-12-01T13:00:00Z).");
    }
    if (!instant.isAfter(clock.instant())) {
      throw ApiError.invalid("returnAt", "'returnAt' must be in the future.");
    }
    return instant;
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(field, "'" + field + "' must be a string.");
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }
}
