package com.textinbox.notify;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Email (N3, N5): sent now through SES, or, for a user who chose the daily digest, kept as a digest
 * item that the DailyDigest schedule sends with the others at their hour.
 */
final class EmailChannel implements NotificationChannel {
  private final EmailSender sender;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String webAppBaseUrl;

  EmailChannel(EmailSender sender, DynamoDbClient dynamoDb, String table, String webAppBaseUrl) {
    this.sender = sender;
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.webAppBaseUrl = webAppBaseUrl;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public boolean wanted(Recipient recipient, Notification notification) {
    return recipient.email() != null && NotificationChannel.super.wanted(recipient, notification);
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    if (recipient.settings().emailMode() == EmailMode.DIGEST) {
      keepForDigest(recipient, notification);
    } else {
      sender.send(NotificationEmails.single(recipient.email(), notification.content(), webAppBaseUrl));
    }
  }

  /** The digest item: what the digest email lists. Written once (a redelivery finds it there). */
  private void keepForDigest(Recipient r, Notification n) {
    String time = Keys.time(n.at());
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.digestOf(r.accountId(), r.userId()), Keys.activitySk(time, n.notificationId())));
    item.put(Table.TYPE, s("DigestItem"));
    item.put("notificationId", s(n.notificationId()));
    item.put("title", s(n.content().title()));
    if (n.content().body() != null) {
      item.put("body", s(n.content().body()));
    }
    if (n.content().linkPath() != null) {
      item.put("linkPath", s(n.content().linkPath()));
    }
    item.put("linkLabel", s(n.content().linkLabel()));
    item.put("createdAt", s(time));
    try {
      dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    } catch (ConditionalCheckFailedException alreadyKept) {
      // kept by an earlier delivery of the event
    }
  }
}
