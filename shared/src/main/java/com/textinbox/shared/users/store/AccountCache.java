package com.textinbox.shared.users.store;

import com.textinbox.shared.cache.ContainerCache;
import com.textinbox.shared.users.Account;
import java.time.Clock;

/**
 * The account item as a warm container keeps it (docs/decisions.md 63): for what a function reads
 * on every invocation and an operator changes rarely (the company's number, name, help text, time
 * zone, {@code unansweredAfterHours}). A change reaches a warm container within
 * {@link ContainerCache#DEFAULT_TTL}. The item also holds settings the app changes (the default
 * assignee, auto-close): never read those from here; a user who changes them expects the next
 * text or the next page to follow them, so they are read from {@link AccountStore} each time.
 */
public final class AccountCache {
  private final AccountStore store;
  private final ContainerCache<String, Account> accounts;

  public AccountCache(AccountStore store, Clock clock) {
    this.store = store;
    this.accounts = ContainerCache.of(clock);
  }

  /** The account, or null (one GetItem when not kept, or kept for a minute already; a missing one is not kept). */
  public Account get(String accountId) {
    return accounts.get(accountId, store::get);
  }
}
