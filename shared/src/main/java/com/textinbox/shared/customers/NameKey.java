package com.textinbox.shared.customers;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The customer list's sort key (GSI1 {@code A#<acct>#CUSTOMERS}): the name as "last first",
 * without accents, lower case, spaces collapsed, then {@code #<customerId>}. Searching a name
 * prefix ({@code q}) is then a key range: {@code begins_with(<normalized q>)}, accents and case
 * ignored ("trem", "Trem" and "trém" all find "Tremblay").
 */
public final class NameKey {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private NameKey() {}

  /** Accents off, lower case, single spaces, trimmed; '#' (the key separator) becomes a space. */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text.replace('#', ' '), Normalizer.Form.NFKD);
    String plain = MARKS.matcher(decomposed).replaceAll("").replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
        .replace("Æ", "ae").replace("Œ", "oe").replace("ø", "o").replace("Ø", "o");
    return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** {@code <last first>#<id>}, or {@code <name>#<id>} for a single name; unnamed customers sort first. */
  public static String sortKey(String firstName, String lastName, String name, String customerId) {
    String lastFirst = normalize((lastName == null ? "" : lastName) + " " + (firstName == null ? "" : firstName));
    return (lastFirst.isEmpty() ? normalize(name) : lastFirst) + "#" + customerId;
  }

  /** The key prefix a search for {@code q} reads; empty when {@code q} has nothing to search by. */
  public static String prefix(String q) {
    return normalize(q);
  }
}
