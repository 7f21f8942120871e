package com.textinbox.shared.live;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.live.store.LiveConnectionStore;
import java.net.URI;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes a JSON payload to every open browser connection of a user (N11), through the API Gateway
 * Management API of the WebSocket API ({@code POST @connections/{id}}). A connection API Gateway
 * says is gone (410) is forgotten on the spot. Other failures (throttling, a 5xx) are counted, not
 * thrown: a live push is a courtesy copy of the notification center item, never worth failing or
 * repeating the whole notification for.
 *
 * <p>The endpoint is configuration ({@code LIVE_MANAGEMENT_ENDPOINT}:
 * {@code https://<api-id>.execute-api.<region>.amazonaws.com/<stage>}; the local cloud points it at
 * its own WebSocket API). The function needs {@code execute-api:ManageConnections} on
 * {@code <api>/<stage>/POST/@connections/*} (docs/least-privilege.md).
 */
public final class LiveSender {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSender.class);

  /** What one push did: connections written to, connections found gone (and forgotten), failures. */
  public record Result(int sent, int gone, int failed) {}

  /** Built at the first push to an open connection (or by priming): a user with none costs no client. */
  private final Supplier<ApiGatewayManagementApiClient> api;
  private final LiveConnectionStore connections;

  public LiveSender(ApiGatewayManagementApiClient api, LiveConnectionStore connections) {
    this(() -> api, connections);
  }

  private LiveSender(Supplier<ApiGatewayManagementApiClient> api, LiveConnectionStore connections) {
    this.api = api;
    this.connections = connections;
  }

  /**
   * Production wiring: the management endpoint from {@code LIVE_MANAGEMENT_ENDPOINT}, its client
   * built on first use (docs/decisions.md 69).
   */
  public static LiveSender fromEnvironment(LiveConnectionStore connections) {
    URI endpoint = URI.create(Env.require("LIVE_MANAGEMENT_ENDPOINT"));
    return new LiveSender(AwsClients.lazyAt(ApiGatewayManagementApiClient::builder, endpoint), connections);
  }

  /** Sends {@code payload} (any value Jackson writes) to each open connection of the user. */
  public Result sendToUser(String accountId, String userId, Object payload) {
    SdkBytes data = SdkBytes.fromByteArray(Json.bytes(payload));
    int sent = 0;
    int gone = 0;
    int failed = 0;
    for (String connectionId : connections.of(accountId, userId)) {
      try {
        api.get().postToConnection(b -> b.connectionId(connectionId).data(data));
        sent++;
      } catch (GoneException e) {
        connections.remove(accountId, userId, connectionId);
        gone++;
      } catch (SdkException e) {
        LOG.warn("live push to a connection failed: {}", e.getMessage());
        failed++;
      }
    }
    return new Result(sent, gone, failed);
  }
}
