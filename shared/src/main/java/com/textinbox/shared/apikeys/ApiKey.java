package com.textinbox.shared.apikeys;

/**
 * A company's API key (AP4), as stored: never the key itself, only its SHA-256 ({@link ApiKeySecret})
 * and its last four characters for people to tell keys apart.
 *
 * @param keyId {@code key-<uuid>}: the id admins revoke it by, and the caller id of its requests
 * @param name what the admin called it ("Dealer DMS")
 * @param lastFour the key's last four characters
 * @param createdBy the admin's user id
 */
public record ApiKey(String accountId, String keyId, String name, String hash, String lastFour, String createdAt,
    String createdBy) {}
