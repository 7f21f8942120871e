package com.textinbox.localcloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Form-encoded parameters (a query string, a form body), read leniently: a name alone maps to "",
 * the first of repeated names wins, and a pair that is not valid encoding is skipped. The SNS and
 * SES stand-ins use their own strict reader (QueryProtocol), which answers AWS's error instead.
 */
public final class FormEncoding {
  private FormEncoding() {}

  public static Map<String, String> parse(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        params.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not form encoding: nothing to read from this pair
      }
    }
    return params;
  }
}
