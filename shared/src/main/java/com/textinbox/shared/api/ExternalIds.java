package com.textinbox.shared.api;

import com.textinbox.shared.data.Keys;

/**
 * Ids another system of the company names things by (AP1, AP3: the DMS's references, invoice
 * numbers), held to {@link Keys#isExternalId}: anything else is a 400 naming the field, not a 404,
 * because the caller sent something no id can be.
 */
public final class ExternalIds {
  private ExternalIds() {}

  /** {@code value} when it is such an id; a 400 naming {@code field} otherwise (null included). */
  public static String require(String value, String field) {
    if (!Keys.isExternalId(value)) {
      throw ApiError.invalid(field, field + " must be at most " + Keys.MAX_EXTERNAL_ID
          + " letters, digits and . _ : @ / - characters.");
    }
    return value;
  }
}
