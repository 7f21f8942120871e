package com.textinbox.shared.users;

import com.textinbox.shared.assignment.AwayRules;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.data.Keys;

/**
 * A user of a company ({@code A#<acct>} / {@code USER#<userId>}): who they are, their role, their
 * away mode and the Telegram chat they connected, if any.
 *
 * @param away never null ({@link Away#OFF})
 * @param telegram null until they connect a chat
 */
public record User(String accountId, String userId, String name, String email, Role role, Away away,
    TelegramChat telegram) {

  public User {
    away = away == null ? Away.OFF : away;
    role = role == null ? Role.FREE : role;
  }

  public static User of(String accountId, String userId, String name, String email, Role role) {
    return new User(accountId, userId, name, email, role, Away.OFF, null);
  }

  public boolean isFree() {
    return role == Role.FREE;
  }

  public boolean isAway() {
    return away.on();
  }

  /** The away state as {@link AwayRules} reads it. */
  public AwayRules.UserAway awayState() {
    return new AwayRules.UserAway(userId, name, away.on(), away.delegateId(),
        away.since() == null ? null : Keys.time(away.since()));
  }

  public User withAway(Away newAway) {
    return new User(accountId, userId, name, email, role, newAway, telegram);
  }

  public User withTelegram(TelegramChat chat) {
    return new User(accountId, userId, name, email, role, away, chat);
  }
}
