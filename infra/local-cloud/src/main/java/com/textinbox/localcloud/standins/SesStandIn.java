package com.textinbox.localcloud.standins;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * Amazon SES on a laptop, for the real SDK's {@code SesClient} (v1, Query protocol) and
 * {@code SesV2Client} (v2, REST-JSON) on the same endpoint. Nothing is delivered: each email is
 * checked as SES checks it and kept, read back the way a mail client would show it. Identities are
 * verified as soon as they are asked for. State lives in memory only.
 */
public final class SesStandIn implements AutoCloseable {
  private final StandInServer server;
  private final SesOutbox outbox = new SesOutbox();

  private SesStandIn(int port) {
    SesQueryApi v1 = new SesQueryApi(outbox);
    SesV2Api v2 = new SesV2Api(outbox);
    server = StandInServer.bind("ses", port);
    server.serve(request -> request.path().startsWith("/v2/")
        ? v2.serve(request)
        : QueryProtocol.serve(request, SesQueryApi.NAMESPACE, v1));
  }

  /** Starts listening on 127.0.0.1 at {@code port} (0 for a free one). */
  public static SesStandIn start(int port) {
    return new SesStandIn(port);
  }

  /** The URL to give an SDK client's {@code endpointOverride}. */
  public URI endpoint() {
    return server.endpoint();
  }

  /** Every email sent so far, oldest first. */
  public List<SentEmail> sentEmails() {
    return outbox.sentEmails();
  }

  /** Adds a listener told of each email as it is kept, on the sending thread, before SES answers. */
  public void onEmail(Consumer<SentEmail> listener) {
    outbox.onEmail(listener);
  }

  @Override
  public void close() {
    server.close();
  }
}
