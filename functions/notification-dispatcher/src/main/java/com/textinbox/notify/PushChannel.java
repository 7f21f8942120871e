package com.textinbox.notify;

import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.aws.XmlAnswers;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Device;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.store.DeviceStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Mobile push through SNS platform endpoints: one Publish per device the user registered (one
 * Query of their devices). A device whose endpoint SNS reports disabled (the app was uninstalled,
 * the token expired) or gone is cleaned up: its endpoint and its device item are deleted. The SNS
 * client is asked for only when a device is found (built then, or by priming: decision 69).
 */
record PushChannel(Supplier<SnsClient> sns, DeviceStore devices) implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);
  /** Priming's push goes nowhere: an endpoint of an account that does not exist (and it is stopped before it leaves). */
  private static final String PRIMING_ENDPOINT = "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/priming/none";

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  /**
   * The platforms' JSON payload, built and published as {@link #deliver} publishes it, stopped
   * before transmission ({@link PrimingInterceptor}: nothing sent), to an endpoint that does not
   * exist; the answer's model and XML, which a stopped publish never reads.
   */
  @Override
  public void prime(Notification notification) {
    String message = payload(notification);
    PrimingInterceptor.unsent(() -> sns.get().publish(b -> b.targetArn(PRIMING_ENDPOINT).messageStructure("json")
        .message(message).overrideConfiguration(PrimingInterceptor.UNSENT)));
    PublishResponse.builder().messageId("priming").build();
    XmlAnswers.prime();
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    String message = payload(notification);
    for (Device device : devices.devicesOf(recipient.accountId(), recipient.userId())) {
      String endpointArn = device.endpointArn();
      try {
        sns.get().publish(b -> b.targetArn(endpointArn).messageStructure("json").message(message));
      } catch (EndpointDisabledException | NotFoundException gone) {
        cleanUp(recipient, device);
      } catch (InvalidParameterException e) {
        if (e.getMessage() == null || !e.getMessage().contains("No endpoint found")) {
          throw e;
        }
        cleanUp(recipient, device);
      }
    }
  }

  private void cleanUp(Recipient recipient, Device device) {
    LOG.info("push endpoint of device {} is disabled or gone: removing it", device.deviceId());
    sns.get().deleteEndpoint(b -> b.endpointArn(device.endpointArn()));
    devices.delete(recipient.accountId(), recipient.userId(), device.deviceId());
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
