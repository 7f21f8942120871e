package com.textinbox.shared.users;

/** A team of a company ({@code A#<acct>} / {@code TEAM#<teamId>}, C12): conversations can be assigned to it. */
public record Team(String accountId, String teamId, String name) {
  public Team withName(String newName) {
    return new Team(accountId, teamId, newName);
  }
}
