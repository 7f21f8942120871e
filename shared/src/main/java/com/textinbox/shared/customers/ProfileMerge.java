package com.textinbox.shared.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How two profiles of one person become one (C14, docs/decisions.md 49): the survivor is the
 * profile the DMS named, already carrying the DMS's fields; the other is the profile that had the
 * mobile. A plain rule: no store, no AWS type.
 *
 * <ul>
 *   <li>Each field of the survivor stays; the other's fills only what the survivor lacks (first
 *       and last name each, email, language, address, birth date, other numbers when the survivor
 *       has none; the single {@code name} of older profiles only when the survivor has no name at
 *       all). The mobile and the reference are the survivor's.
 *   <li>Custom attributes: the survivor's, plus the other's keys the survivor does not have.
 *   <li>Consent follows the number, because STOP is the law's and was texted from that number:
 *       if the other is unsubscribed, the survivor becomes unsubscribed as the other was (who, when);
 *       a survivor unsubscribed stays so. The first-message notice ({@code stopNoticeSentAt}) is
 *       the number's: the other's when it had one.
 * </ul>
 */
public final class ProfileMerge {
  private ProfileMerge() {}

  /** The merged survivor, and what the other profile changed in it (field names, attribute keys). */
  public record Result(CustomerProfile merged, List<String> fieldsChanged, List<String> attributesAdded) {}

  /** {@code survivor} with {@code other} merged in, its {@code updatedAt} set to {@code at}. */
  public static Result resolve(CustomerProfile survivor, CustomerProfile other, String at) {
    if (survivor.customerId().equals(other.customerId())) {
      throw new IllegalArgumentException("a profile is never merged into itself: " + survivor.customerId());
    }
    List<String> changed = new ArrayList<>();
    boolean survivorNamed = survivor.firstName() != null || survivor.lastName() != null || survivor.name() != null;
    String firstName = fill("firstName", survivor.firstName(), other.firstName(), changed);
    String lastName = fill("lastName", survivor.lastName(), other.lastName(), changed);
    String name = survivor.name();
    if (!survivorNamed && other.firstName() == null && other.lastName() == null) {
      name = fill("name", null, other.name(), changed);
    }
    String email = fill("email", survivor.email(), other.email(), changed);
    String language = fill("language", survivor.language(), other.language(), changed);
    String address = fill("address", survivor.address(), other.address(), changed);
    String birthDate = fill("birthDate", survivor.birthDate(), other.birthDate(), changed);
    List<OtherPhone> otherPhones = survivor.otherPhones();
    if (otherPhones.isEmpty() && !other.otherPhones().isEmpty()) {
      otherPhones = other.otherPhones().stream().filter(p -> !p.number().equals(survivor.mobile())).toList();
      if (!otherPhones.isEmpty()) {
        changed.add("otherPhones");
      }
    }
    // consent follows the number: the other's STOP holds for the survivor, which now has its number
    boolean subscribed = survivor.subscribed();
    String unsubscribedAt = survivor.unsubscribedAt();
    String unsubscribedBy = survivor.unsubscribedBy();
    String resubscribedAt = survivor.resubscribedAt();
    String subscriptionChangedAt = survivor.subscriptionChangedAt();
    if (survivor.subscribed() && !other.subscribed()) {
      subscribed = false;
      unsubscribedAt = other.unsubscribedAt();
      unsubscribedBy = other.unsubscribedBy();
      resubscribedAt = null;
      subscriptionChangedAt = other.subscriptionChangedAt();
      changed.add("subscribed");
    }
    String stopNoticeSentAt = survivor.stopNoticeSentAt();
    if (other.stopNoticeSentAt() != null && !other.stopNoticeSentAt().equals(stopNoticeSentAt)) {
      stopNoticeSentAt = other.stopNoticeSentAt();
      changed.add("stopNoticeSentAt");
    }
    Map<String, CustomerAttributes.Value> attributes = new TreeMap<>(survivor.attributes().values());
    List<String> added = new ArrayList<>();
    other.attributes().values().forEach((key, value) -> {
      if (!attributes.containsKey(key)) {
        attributes.put(key, value);
        added.add(key);
      }
    });
    CustomerProfile merged = new CustomerProfile(survivor.customerId(), firstName, lastName, name, survivor.mobile(),
        language, survivor.reference(), subscribed, unsubscribedAt, resubscribedAt, subscriptionChangedAt,
        stopNoticeSentAt, survivor.activeConversationId(), survivor.createdAt(), survivor.createdBy(), email, address,
        birthDate, otherPhones, unsubscribedBy, at, new CustomerAttributes(attributes));
    return new Result(merged, changed, added);
  }

  private static String fill(String field, String mine, String theirs, List<String> changed) {
    if (mine == null && theirs != null) {
      changed.add(field);
      return theirs;
    }
    return mine;
  }

  /** Whether {@code a} and {@code b} are one company's two profiles that may merge (never one into itself). */
  public static boolean mergeable(String survivorId, String otherId) {
    return survivorId != null && otherId != null && !Objects.equals(survivorId, otherId);
  }
}
