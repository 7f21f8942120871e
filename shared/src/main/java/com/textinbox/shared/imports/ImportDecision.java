package com.textinbox.shared.imports;

import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a row does (P4, seed 002): it matches a profile by its customer reference, else by its
 * mobile number, and updates it; a row matching none creates a profile (flagged as a possible
 * duplicate when it has neither a reference nor a mobile). A row whose mobile belongs to another
 * profile than the one its reference names (or, with a reference the company does not know, to a
 * profile with another reference) is rejected with that reason: one profile per mobile.
 */
public final class ImportDecision {
  private ImportDecision() {}

  /**
   * @param byReference the profile with the row's reference, null when none (or no reference)
   * @param byMobile the profile with the row's mobile, null when none (or no mobile)
   * @param newId the id a created profile gets (derived from the import and the row: a replay makes the same)
   */
  public static RowOutcome decide(RowValues row, CustomerProfile byReference, CustomerProfile byMobile, String newId,
      String now, String createdBy) {
    CustomerFields f = row.fields();
    if (byReference != null) {
      if (byMobile != null && !byMobile.customerId().equals(byReference.customerId())) {
        return RowOutcome.reject(mobileTaken(f.mobile(), byMobile));
      }
      return update(byReference, row, now);
    }
    if (byMobile != null) {
      if (f.reference() != null && byMobile.reference() != null) {
        return RowOutcome.reject(mobileTaken(f.mobile(), byMobile));
      }
      return update(byMobile, row, now);
    }
    CustomerProfile created = new CustomerProfile(newId, null, null, null, null, null, null, true, null, null, null, null,
        null, now, createdBy).edited(merged(CustomerFields.none(), f), now);
    created = withAttributes(created, row);
    return new RowOutcome(RowOutcome.Kind.CREATE, null, created, null, f.reference() == null && f.mobile() == null);
  }

  private static RowOutcome update(CustomerProfile before, RowValues row, String now) {
    CustomerFields fields = merged(before.fields(), row.fields());
    CustomerProfile after = withAttributes(before.edited(fields, before.updatedAt()), row);
    if (after.equals(before)) {
      return new RowOutcome(RowOutcome.Kind.UNCHANGED, before, null, null, false);
    }
    return new RowOutcome(RowOutcome.Kind.UPDATE, before, withAttributes(before.edited(fields, now), row), null, false);
  }

  /** The row's values over the profile's: a blank cell keeps what the profile has; other numbers are added. */
  static CustomerFields merged(CustomerFields profile, CustomerFields row) {
    var others = new ArrayList<>(profile.otherPhones());
    for (var phone : row.otherPhones()) {
      others.removeIf(o -> o.type().equals(phone.type()) || o.number().equals(phone.number()));
      others.add(phone);
    }
    List<com.textinbox.shared.customers.OtherPhone> kept = others.size() > com.textinbox.shared.customers.CustomerRules.MAX_OTHER_PHONES
        ? others.subList(others.size() - com.textinbox.shared.customers.CustomerRules.MAX_OTHER_PHONES, others.size()) : others;
    return new CustomerFields(or(row.firstName(), profile.firstName()), or(row.lastName(), profile.lastName()),
        or(row.mobile(), profile.mobile()), or(row.email(), profile.email()), or(row.language(), profile.language()),
        or(row.address(), profile.address()), or(row.birthDate(), profile.birthDate()),
        or(row.reference(), profile.reference()), kept);
  }

  private static CustomerProfile withAttributes(CustomerProfile p, RowValues row) {
    if (row.attributes().isEmpty()) {
      return p;
    }
    var values = new LinkedHashMap<>(p.attributes().values());
    values.putAll(row.attributes());
    return new CustomerProfile(p.customerId(), p.firstName(), p.lastName(), p.name(), p.mobile(), p.language(),
        p.reference(), p.subscribed(), p.unsubscribedAt(), p.resubscribedAt(), p.subscriptionChangedAt(),
        p.stopNoticeSentAt(), p.activeConversationId(), p.createdAt(), p.createdBy(), p.email(), p.address(),
        p.birthDate(), p.otherPhones(), p.unsubscribedBy(), p.updatedAt(),
        new com.textinbox.shared.customers.CustomerAttributes(values));
  }

  private static String mobileTaken(String mobile, CustomerProfile holder) {
    String name = holder.fullName();
    return "The mobile number " + mobile + " belongs to another customer (" + (name == null ? holder.customerId() : name)
        + (holder.reference() == null ? "" : ", reference " + holder.reference()) + ").";
  }

  private static String or(String value, String otherwise) {
    return value != null ? value : otherwise;
  }
}
