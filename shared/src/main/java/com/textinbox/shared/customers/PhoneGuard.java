package com.textinbox.shared.customers;

/** One profile per mobile number in a company ({@code A#<acct>#PHONE#<e164>}): written with the profile, in its transaction. */
public record PhoneGuard(String mobile, String customerId) {}
