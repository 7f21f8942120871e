package com.textinbox.localcloud.standins;

import java.time.Instant;

/**
 * A mobile push notification the SNS stand-in was asked to send to a platform endpoint. The
 * {@code message} is what the publisher gave: with {@code MessageStructure=json}, the whole JSON.
 */
public record SentPush(
    String messageId, String endpointArn, String token, String platform, String message, Instant sentAt) {}
