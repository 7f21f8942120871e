package com.textinbox.shared.users;

import com.textinbox.shared.auth.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place a user reaches clients as JSON (docs/openapi.yaml, schemas {@code User},
 * {@code Away} and {@code Me}).
 */
public final class UserView {
  private UserView() {}

  /**
   * {@code {id, name, email, role, teamIds, away}}.
   *
   * @param nameOf the name of a user by id (the delegate's), null when unknown
   */
  public static Map<String, Object> of(User user, List<String> teamIds, Function<String, String> nameOf) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.userId());
    view.put("name", user.name());
    view.put("email", user.email());
    view.put("role", user.role().claim());
    view.put("teamIds", teamIds);
    String delegateId = user.away().on() ? user.away().delegateId() : null;
    view.put("away", away(user.away(), delegateId == null ? null : nameOf.apply(delegateId)));
    return view;
  }

  /**
   * {@code {on, delegate: {id, name} or null, returnAt or null}}: what every user sees of anyone's
   * away mode (A1); the delegate and return date only while on.
   */
  public static Map<String, Object> away(Away away, String delegateName) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("on", away.on());
    String delegateId = away.on() ? away.delegateId() : null;
    if (delegateId != null) {
      Map<String, Object> delegate = new LinkedHashMap<>();
      delegate.put("id", delegateId);
      delegate.put("name", delegateName);
      view.put("delegate", delegate);
    } else {
      view.put("delegate", null);
    }
    view.put("returnAt", away.on() && away.returnAt() != null ? away.returnAt().toString() : null);
    return view;
  }

  /** GET /me: {@code {userId, name, email, role, company: {id, name}}}, the role as the caller's token holds it. */
  public static Map<String, Object> me(User user, Role callerRole, Account account) {
    Map<String, Object> company = new LinkedHashMap<>();
    company.put("id", account.accountId());
    company.put("name", account.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user.userId());
    body.put("name", user.name());
    body.put("email", user.email());
    body.put("role", callerRole.claim());
    body.put("company", company);
    return body;
  }
}
