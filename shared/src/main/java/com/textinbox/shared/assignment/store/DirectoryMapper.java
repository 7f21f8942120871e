package com.textinbox.shared.assignment.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.AssignmentSettings;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the user, team, membership and account attributes assignment needs. These items are
 * written by the users and teams aggregate: when its mapper is in place, this one should read
 * through it (so each name is spelled once).
 */
final class DirectoryMapper {
  static final String NAME = "name";
  static final String ROLE = "role";
  static final String AWAY = "away";
  static final String AWAY_DELEGATE_ID = "awayDelegateId";
  static final String AWAY_SINCE = "awaySince";
  static final String USER_ID = "userId";
  static final String UNANSWERED_AFTER_HOURS = "unansweredAfterHours";
  static final String DEFAULT_ASSIGNEE_KIND = "defaultAssigneeKind";
  static final String DEFAULT_ASSIGNEE_ID = "defaultAssigneeId";
  static final String DEFAULT_ASSIGNEE_CHANGED_AT = "defaultAssigneeChangedAt";

  private DirectoryMapper() {}

  static DirectoryEntry entry(String kind, String id, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new DirectoryEntry(kind, id, r.str(NAME), r.str(ROLE), r.bool(AWAY), r.str(AWAY_DELEGATE_ID), r.str(AWAY_SINCE));
  }

  static String memberUserId(Map<String, AttributeValue> item) {
    return ItemReader.of(item).str(USER_ID);
  }

  static AssignmentSettings settings(Map<String, AttributeValue> account) {
    if (account == null) {
      return AssignmentSettings.NONE;
    }
    ItemReader r = ItemReader.of(account);
    String kind = r.str(DEFAULT_ASSIGNEE_KIND);
    String id = r.str(DEFAULT_ASSIGNEE_ID);
    return new AssignmentSettings((int) r.num(UNANSWERED_AFTER_HOURS, AssignmentSettings.DEFAULT_UNANSWERED_HOURS),
        kind == null || id == null ? null : new Assignee(kind, id, null));
  }
}
