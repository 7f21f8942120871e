package com.textinbox.notify;

import com.textinbox.shared.notifications.NotificationSettings;

/** A user to notify: who they are, where to write, and their settings. */
public record Recipient(String accountId, String userId, String name, String email, String role, NotificationSettings settings) {}
