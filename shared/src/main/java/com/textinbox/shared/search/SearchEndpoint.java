package com.textinbox.shared.search;

/**
 * The search domain's endpoint as the OpenSearch client's SigV4 transport takes it: a host name
 * (with a port locally), always reached over https. On AWS {@code SEARCH_ENDPOINT} is the domain's
 * {@code DomainEndpoint} (a host name); the local cloud gives the host and port of its TLS front.
 * A plain {@code http://} URL is refused: there is no unencrypted path to the index (C15).
 */
public final class SearchEndpoint {
  private SearchEndpoint() {}

  /** The host (and port) of a configured endpoint: {@code host}, {@code host:port} or {@code https://host[:port]}. */
  public static String host(String configured) {
    String value = configured == null ? "" : configured.strip();
    if (value.startsWith("https://")) {
      value = value.substring("https://".length());
    }
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.isEmpty() || value.contains("://") || value.contains("/") || value.contains("@")) {
      throw new IllegalArgumentException("not a search domain endpoint (a host name, reached over https): " + configured);
    }
    return value;
  }
}
