package com.textinbox.localcloud.engines;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ speaking the SQS protocol: FIFO, DLQ redrive and batches behave as on AWS. */
public final class SqsEngine implements AutoCloseable {
  private final SQSRestServer server;
  private final URI endpoint;

  private SqsEngine(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static SqsEngine start(int port, String region, String accountId) {
    int chosen = Ports.pick(port);
    SQSRestServer server = SQSRestServerBuilder
        .withInterface("127.0.0.1")
        .withPort(chosen)
        .withAWSRegion(region)
        .withAWSAccountId(accountId)
        .withServerAddress(new org.elasticmq.NodeAddress("http", "127.0.0.1", chosen, ""))
        .start();
    server.waitUntilStarted();
    return new SqsEngine(server, URI.create("http://127.0.0.1:" + chosen));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
