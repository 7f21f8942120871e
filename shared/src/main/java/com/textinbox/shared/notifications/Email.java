package com.textinbox.shared.notifications;

/** An email to one person: plain text and HTML bodies of the same content. */
public record Email(String to, String subject, String text, String html) {}
