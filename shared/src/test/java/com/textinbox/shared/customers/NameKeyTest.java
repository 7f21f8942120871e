package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NameKeyTest {
  @Test
  void accentsCaseAndSpacesAreIgnored() {
    assertEquals("tremblay elodie", NameKey.normalize("  TREMBLAY   Élodie "));
    assertEquals("cote francois", NameKey.normalize("Côté François"));
    assertEquals("oeuvre strasse", NameKey.normalize("Œuvre Straße".replace("ß", "ss")));
    assertEquals("", NameKey.normalize(null));
  }

  @Test
  void theSortKeyIsLastFirstThenTheId() {
    assertEquals("tremblay elodie#cust-1", NameKey.sortKey("Élodie", "Tremblay", null, "cust-1"));
    assertEquals("elodie#cust-1", NameKey.sortKey("Élodie", null, null, "cust-1"));
    assertEquals("garage roy#cust-1", NameKey.sortKey(null, null, "Garage Roy", "cust-1"));
    assertEquals("#cust-1", NameKey.sortKey(null, null, null, "cust-1"), "unnamed customers sort first");
  }

  @Test
  void aPrefixWrittenAnyWayMatchesTheKey() {
    String key = NameKey.sortKey("Élodie", "Trémblay", null, "cust-1");
    for (String q : new String[] {"trem", "TRÉM", "Tremblay é", "tremblay elodie"}) {
      assertTrue(key.startsWith(NameKey.prefix(q)), q);
    }
  }

  @Test
  void theKeySeparatorCannotBeTyped() {
    assertEquals("a b", NameKey.normalize("a#b"));
  }
}
