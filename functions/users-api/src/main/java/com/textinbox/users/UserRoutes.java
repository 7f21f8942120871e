package com.textinbox.users;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.UserView;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The company's users with their teams and away state (A1): GET /users, GET /users/{userId}. */
record UserRoutes(UserStore users, TeamStore teams) {

  /** Every user of the caller's company, by name: two Queries of the account partition (users, memberships). */
  ApiResponse list(ApiRequest request) {
    String accountId = request.caller().accountId();
    List<User> all = new ArrayList<>(users.ofAccount(accountId));
    Map<String, List<String>> teamsByUser = new HashMap<>();
    for (Membership membership : teams.membershipsOf(accountId)) {
      teamsByUser.computeIfAbsent(membership.userId(), u -> new ArrayList<>()).add(membership.teamId());
    }
    Map<String, String> names = new HashMap<>();
    all.forEach(user -> names.put(user.userId(), user.name()));
    all.sort(ByName.order(User::name, User::userId));
    List<Map<String, Object>> views = new ArrayList<>();
    for (User user : all) {
      views.add(UserView.of(user, teamsByUser.getOrDefault(user.userId(), List.of()), names::get));
    }
    return ApiResponse.ok(Map.of("users", views));
  }

  /** One user of the caller's company (GetItem, the Query of their teams, the delegate's GetItem when away); 404 for anyone else's. */
  ApiResponse get(ApiRequest request) {
    String accountId = request.caller().accountId();
    String userId = request.pathParameter("userId");
    User user = users.get(accountId, userId);
    if (user == null) {
      throw ApiError.notFound("User " + userId);
    }
    List<String> teamIds = new ArrayList<>(teams.teamIdsOf(accountId, userId));
    teamIds.sort(Comparator.naturalOrder());
    return ApiResponse.ok(UserView.of(user, teamIds, id -> {
      User delegate = users.get(accountId, id);
      return delegate == null ? null : delegate.name();
    }));
  }
}
