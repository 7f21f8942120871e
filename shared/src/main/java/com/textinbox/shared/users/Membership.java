package com.textinbox.shared.users;

/** A user's membership of a team ({@code MEMBER#<teamId>#<userId>}, in the user's team list on GSI1). */
public record Membership(String accountId, String teamId, String userId) {}
