package com.textinbox.shared.users;

import java.time.Instant;

/** The Telegram chat a user connected (N1): notifications go there too. */
public record TelegramChat(long chatId, String username, Instant linkedAt) {}
