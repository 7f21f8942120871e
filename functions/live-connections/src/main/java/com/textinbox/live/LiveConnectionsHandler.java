package com.textinbox.live;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.live.WebSocketHandler;
import com.textinbox.shared.live.store.LiveConnectionStore;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WebSocket API's function (N11: browser notifications arrive live). Routes, as template.yaml
 * wires them (LiveApi):
 * <ul>
 *   <li>{@code $connect} (after the REQUEST authorizer verified the {@code token} parameter): the
 *       connection is stored under the caller ({@link LiveConnectionStore});
 *   <li>{@code $disconnect}: it is forgotten;
 *   <li>{@code ping} ({@code {"action":"ping"}}): {@code {"type":"pong"}} is pushed through the
 *       Management API to every open connection of the caller, the same path a notification takes
 *       ({@link LiveSender}); a web client uses it to check its live channel end to end.
 * </ul>
 * Free users may connect: the notification center is theirs too (N10).
 */
public final class LiveConnectionsHandler extends WebSocketHandler {
  private final LiveConnectionStore connections;
  private final LiveSender sender;
  private final Clock clock;

  public LiveConnectionsHandler() {
    this(new LiveConnectionStore(DynamoTable.fromEnvironment(), Clock.systemUTC()), Clock.systemUTC());
  }

  private LiveConnectionsHandler(LiveConnectionStore connections, Clock clock) {
    this(connections, LiveSender.fromEnvironment(connections), clock);
  }

  public LiveConnectionsHandler(LiveConnectionStore connections, LiveSender sender, Clock clock) {
    this.connections = connections;
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  protected int handle(WebSocketEvent event) {
    String accountId = event.caller().accountId();
    String userId = event.caller().userId();
    switch (event.routeKey()) {
      case "$connect" -> connections.add(accountId, userId, event.connectionId());
      case "$disconnect" -> connections.remove(accountId, userId, event.connectionId());
      case "ping" -> {
        Map<String, Object> pong = new LinkedHashMap<>();
        pong.put("type", "pong");
        pong.put("connectionId", event.connectionId());
        pong.put("at", Keys.time(clock.instant()));
        sender.sendToUser(accountId, userId, pong);
      }
      default -> {
        return 400;
      }
    }
    return 200;
  }
}
