package com.textinbox.notify;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Mobile push through SNS platform endpoints: one Publish per device the user registered (one
 * Query of their devices). A device whose endpoint SNS reports disabled (the app was uninstalled,
 * the token expired) or gone is cleaned up: its endpoint and its device item are deleted.
 */
final class PushChannel implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);

  private final SnsClient sns;
  private final DynamoDbClient dynamoDb;
  private final String table;

  PushChannel(SnsClient sns, DynamoDbClient dynamoDb, String table) {
    this.sns = sns;
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    List<Map<String, AttributeValue>> devices = dynamoDb.query(b -> b.tableName(table)
        .keyConditionExpression("PK = :pk")
        .expressionAttributeValues(Map.of(":pk", s(Keys.devicesOf(recipient.accountId(), recipient.userId()))))).items();
    String message = payload(notification);
    for (Map<String, AttributeValue> device : devices) {
      String endpointArn = str(device, "endpointArn");
      try {
        sns.publish(b -> b.targetArn(endpointArn).messageStructure("json").message(message));
      } catch (EndpointDisabledException | NotFoundException gone) {
        cleanUp(device, endpointArn);
      } catch (InvalidParameterException e) {
        if (e.getMessage() == null || !e.getMessage().contains("No endpoint found")) {
          throw e;
        }
        cleanUp(device, endpointArn);
      }
    }
  }

  private void cleanUp(Map<String, AttributeValue> device, String endpointArn) {
    LOG.info("push endpoint of device {} is disabled or gone: removing it", str(device, "deviceId"));
    sns.deleteEndpoint(b -> b.endpointArn(endpointArn));
    dynamoDb.deleteItem(b -> b.tableName(table).key(key(str(device, "PK"), str(device, "SK"))));
  }

  /** SNS's per-platform JSON: FCM ({@code GCM}) and APNs each get their own shape, with the link as data. */
  static String payload(Notification n) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("notificationId", n.notificationId());
    data.put("category", n.category().key());
    if (n.content().linkPath() != null) {
      data.put("link", n.content().linkPath());
    }
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("title", n.content().title());
    if (n.content().body() != null) {
      alert.put("body", n.content().body());
    }
    Map<String, Object> fcm = Map.of("notification", alert, "data", data);
    Map<String, Object> apns = new LinkedHashMap<>(data);
    apns.put("aps", Map.of("alert", alert, "sound", "default"));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("default", n.content().title());
    message.put("GCM", Json.write(fcm));
    message.put("APNS", Json.write(apns));
    message.put("APNS_SANDBOX", Json.write(apns));
    return Json.write(message);
  }
}
