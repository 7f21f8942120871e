package com.textinbox.shared.conversations;

import com.textinbox.shared.customers.CustomerProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one API shape of a conversation (docs/openapi.yaml, {@code ConversationSummary}): in the
 * lists, and with {@code createdAt} and {@code messageCount} when one conversation is read.
 */
public final class ConversationView {
  private ConversationView() {}

  /**
   * What the summary shows besides the conversation itself.
   *
   * @param profile the customer's profile (null when it is gone)
   * @param assigneeName the assignee's name now (null when unassigned or unknown)
   * @param unreadForMe a customer message the caller has not read
   * @param unansweredFlagged unanswered for longer than the company's limit
   * @param admin whether the caller is an admin: only they see {@code assigneeHasRead}
   * @param assigneeHasRead whether the assignee (a team: any member) read it; null when unassigned
   */
  public record Context(CustomerProfile profile, String assigneeName, boolean unreadForMe, boolean unansweredFlagged,
      boolean admin, Boolean assigneeHasRead) {}

  /** A conversation in a list. */
  public static Map<String, Object> summary(Conversation c, Context context) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("conversationId", c.conversationId());
    view.put("status", c.status());
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", c.customerId());
    customer.put("name", context.profile() == null ? null : context.profile().fullName());
    customer.put("number", context.profile() == null ? null : context.profile().mobile());
    view.put("customer", customer);
    view.put("lastMessagePreview", c.lastMessagePreview());
    view.put("lastMessageDirection", c.lastMessageDirection());
    view.put("lastActivityAt", c.lastActivityAt());
    Map<String, Object> assignee = null;
    if (c.assigned()) {
      assignee = new LinkedHashMap<>();
      assignee.put("kind", c.assignee().apiKind());
      assignee.put("id", c.assignee().id());
      assignee.put("name", context.assigneeName());
    }
    view.put("assignee", assignee);
    view.put("unreadForMe", context.unreadForMe());
    view.put("unansweredSince", c.unansweredSince());
    view.put("unansweredFlagged", context.unansweredFlagged());
    if (context.admin()) {
      view.put("assigneeHasRead", context.assigneeHasRead());
    }
    return view;
  }

  /** One conversation read: the summary without the list's flag, with when it was opened and its message count. */
  public static Map<String, Object> detail(Conversation c, Context context) {
    Map<String, Object> view = summary(c, context);
    view.remove("unansweredFlagged");
    view.put("createdAt", c.createdAt());
    view.put("messageCount", c.messageCount());
    return view;
  }
}
