package com.textinbox.shared.customers;

/**
 * One custom attribute of a company's customers (P3; docs/data-model.md, "Custom attributes").
 *
 * @param key what values and placeholders use ({@code {{attributes.vehicle}}}): letters, digits, _
 * @param name what the staff read ("Vehicle")
 */
public record AttributeDefinition(String key, String name, AttributeType type) {}
