package com.textinbox.notifications;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.notifications.store.DeviceStore;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * API of a user's own notifications: their settings (N1, N5), their notification center (N7) and
 * the mobile devices push goes to. Every route is the caller's own, free users included (N10: they
 * keep the notification center). Wiring: template.yaml, function NotificationsApi.
 */
public final class NotificationsApi extends ApiHandler {
  public NotificationsApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(),
        // built by the first device registered or removed (or by priming), not by every cold start (decision 69)
        AwsClients.lazy(SnsClient::builder, "SNS"), Env.require("PUSH_PLATFORM_APPLICATION_ARN"),
        Cursors.fromEnvironment());
  }

  public NotificationsApi(DynamoTable table, Clock clock, SnsClient sns, String pushApplicationArn, Cursors cursors) {
    this(table, clock, () -> sns, pushApplicationArn, cursors);
  }

  /** @param sns the client of the device routes, asked for when one calls SNS */
  NotificationsApi(DynamoTable table, Clock clock, Supplier<SnsClient> sns, String pushApplicationArn, Cursors cursors) {
    SettingsRoutes settings = new SettingsRoutes(new NotificationSettingsStore(table), clock);
    CenterRoutes center = new CenterRoutes(new NotificationStore(table), clock, cursors);
    DeviceRoutes devices = new DeviceRoutes(new DeviceStore(table), clock, sns, pushApplicationArn);
    routeForEveryone("GET", "/me/notification-settings", settings::get);
    routeForEveryone("PUT", "/me/notification-settings", settings::put);
    routeForEveryone("GET", "/notifications", center::list);
    routeForEveryone("GET", "/notifications/unread-count", center::unreadCount);
    routeForEveryone("POST", "/notifications/{notificationId}/read", center::markRead);
    routeForEveryone("POST", "/notifications/read-all", center::markAllRead);
    routeForEveryone("POST", "/me/devices", devices::register);
    routeForEveryone("DELETE", "/me/devices/{deviceId}", devices::remove);
  }

  /** SnapStart priming (docs/decisions.md 46): GET /notifications of an account that does not exist (Queries of an empty list). */
  @Override
  protected void prime() {
    super.prime();
    primeGet("/notifications");
  }
}
