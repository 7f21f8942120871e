package com.textinbox.shared.imports;

import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mapping proposed for a file from its column titles, English or French (P4): "Prénom" and
 * "First name" are firstName, "Cellulaire" and "Mobile" the mobile, "No client" and "Customer
 * reference" the reference. A title naming one of the company's attributes maps to it; any other
 * becomes a new attribute, typed from the first rows (all numbers: a number; all dates in one
 * format: a date with that format; else text). Staff change what they want before running.
 */
public final class MappingProposal {
  private static final Map<String, ImportField> TITLES = new HashMap<>();

  static {
    titles(ImportField.FIRST_NAME, "first name", "firstname", "first", "given name", "prenom", "prenoms");
    titles(ImportField.LAST_NAME, "last name", "lastname", "last", "surname", "family name", "nom", "nom de famille");
    titles(ImportField.MOBILE, "mobile", "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "cell number",
        "cellular", "cellulaire", "cell.", "tel cellulaire", "telephone cellulaire", "numero de cellulaire", "mobile tel",
        "portable", "telephone mobile", "sms");
    titles(ImportField.HOME_PHONE, "home phone", "home", "phone home", "telephone maison", "tel maison", "maison",
        "telephone domicile", "tel domicile", "domicile", "residence", "telephone residence");
    titles(ImportField.WORK_PHONE, "work phone", "work", "business phone", "office phone", "telephone travail",
        "tel travail", "travail", "bureau", "telephone bureau", "tel bureau");
    titles(ImportField.OTHER_PHONE, "phone", "telephone", "tel", "other phone", "autre telephone", "phone number",
        "numero de telephone");
    titles(ImportField.EMAIL, "email", "e mail", "email address", "mail", "courriel", "adresse courriel",
        "adresse electronique", "adresse email", "adresse e mail");
    titles(ImportField.LANGUAGE, "language", "lang", "langue", "preferred language", "langue preferee");
    titles(ImportField.ADDRESS, "address", "street address", "adresse", "adresse postale", "mailing address");
    titles(ImportField.BIRTH_DATE, "birth date", "birthdate", "date of birth", "dob", "birthday", "date de naissance",
        "naissance", "anniversaire");
    // the columns a report adds (ImportReport): a fixed rejected-rows file uploads again as it is
    titles(ImportField.IGNORE, "reason", "raison", "outcome", "resultat", "import error");
    titles(ImportField.REFERENCE, "reference", "ref", "customer reference", "customer ref", "customer number",
        "customer no", "customer id", "customer", "client", "client id", "reference client", "numero de client",
        "numero client", "no client", "no de client", "dms id", "dms number", "id");
  }

  private static void titles(ImportField field, String... titles) {
    for (String title : titles) {
      TITLES.put(normalized(title), field);
    }
  }

  private MappingProposal() {}

  /** The proposal for {@code titles}, typed from {@code rows} (the preview's first rows). */
  public static ImportMapping propose(List<String> titles, List<List<String>> rows, List<AttributeDefinition> definitions) {
    Map<String, AttributeDefinition> byTitle = new HashMap<>();
    for (AttributeDefinition d : definitions) {
      byTitle.put(normalized(d.name()), d);
      byTitle.put(normalized(d.key()), d);
    }
    Set<ImportField> taken = EnumSet.noneOf(ImportField.class);
    Set<String> keys = new HashSet<>();
    definitions.forEach(d -> keys.add(d.key()));
    Set<String> used = new HashSet<>();
    List<ColumnMapping> columns = new ArrayList<>();
    for (int c = 0; c < titles.size(); c++) {
      String title = normalized(titles.get(c));
      List<String> samples = samples(rows, c);
      ImportField field = TITLES.get(title);
      AttributeDefinition existing = byTitle.get(title);
      if (field == ImportField.IGNORE) {
        columns.add(ColumnMapping.ignore());
      } else if (field != null && taken.add(field)) {
        columns.add(field == ImportField.BIRTH_DATE
            ? new ColumnMapping(field, null, null, null, orDefault(DateFormats.guess(samples))) : ColumnMapping.field(field));
      } else if (existing != null && used.add(existing.key()) && existing.type() != AttributeType.TEXT_LIST) {
        columns.add(ColumnMapping.attribute(existing.key(), existing.name(), existing.type(),
            existing.type() == AttributeType.DATE ? orDefault(DateFormats.guess(samples)) : null));
      } else if (samples.isEmpty() && title.isEmpty()) {
        columns.add(ColumnMapping.ignore());
      } else {
        columns.add(newAttribute(titles.get(c), samples, keys));
      }
    }
    return new ImportMapping(columns);
  }

  private static ColumnMapping newAttribute(String title, List<String> samples, Set<String> keys) {
    String key = uniqueKey(keyOf(title), keys);
    String name = title.strip().length() > 60 ? title.strip().substring(0, 60) : title.strip();
    if (!samples.isEmpty() && samples.stream().allMatch(MappingProposal::isNumber)) {
      return ColumnMapping.attribute(key, name, AttributeType.NUMBER, null);
    }
    String format = DateFormats.guess(samples);
    if (format != null) {
      return ColumnMapping.attribute(key, name, AttributeType.DATE, format);
    }
    return ColumnMapping.attribute(key, name, AttributeType.TEXT, null);
  }

  /** "Prochain entretien" -> {@code prochainEntretien}: letters and digits, camel case, starting with a letter. */
  static String keyOf(String title) {
    String[] words = normalized(title).split(" ");
    StringBuilder key = new StringBuilder();
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      key.append(key.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    String clean = key.toString().replaceAll("[^A-Za-z0-9]", "");
    if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
      clean = "column" + clean;
    }
    return clean.length() > 36 ? clean.substring(0, 36) : clean;
  }

  private static String uniqueKey(String key, Set<String> keys) {
    String unique = key;
    for (int n = 2; !keys.add(unique); n++) {
      unique = key + n;
    }
    return unique;
  }

  private static String orDefault(String format) {
    return format == null ? "yyyy-MM-dd" : format;
  }

  private static boolean isNumber(String text) {
    try {
      new BigDecimal(text.replace(" ", "").replace(',', '.'));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<String> samples(List<List<String>> rows, int column) {
    List<String> samples = new ArrayList<>();
    for (List<String> row : rows) {
      if (column < row.size() && !row.get(column).isBlank()) {
        samples.add(row.get(column).strip());
      }
    }
    return samples;
  }

  /** Lower case, accents dropped, anything but letters and digits a single space. */
  static String normalized(String title) {
    String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
  }
}
