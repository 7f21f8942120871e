package com.textinbox.searchapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One result of a search, as a list shows it (docs/openapi.yaml, SearchHit): what it is, why it
 * matched ({@code highlights}: per field, fragments with the matched words in {@code <em>}, the
 * rest HTML-escaped), and its customer's name and number, its conversation, an appointment's time,
 * an invoice's amount. Fields a kind does not have are left out.
 */
record SearchHitView(
    String type,
    String id,
    String customerId,
    String customerName,
    String customerPhone,
    String conversationId,
    String reference,
    String text,
    String direction,
    String at,
    String appointmentType,
    String repairOrder,
    String invoiceNumber,
    BigDecimal amount,
    String currency,
    Map<String, List<String>> highlights) {}
