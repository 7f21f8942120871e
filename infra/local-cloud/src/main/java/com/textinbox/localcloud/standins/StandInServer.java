package com.textinbox.localcloud.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP side of a stand-in: the JDK's server on the loopback address, one virtual thread a request. */
final class StandInServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StandInServer.class.getName());

  /** One request, read whole: the stand-ins' bodies are small enough (an email is at most 40 MB). */
  record Request(String method, String path, String query, String contentType, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply xml(int status, String xml) {
      return new Reply(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply json(int status, String json, Map<String, String> headers) {
      return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }
  }

  @FunctionalInterface
  interface Handler {
    /** Answers a request; a stand-in turns its own errors into its protocol's error replies. */
    Reply handle(Request request);
  }

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;

  private StandInServer(String name, HttpServer server, ExecutorService executor) {
    this.name = name;
    this.server = server;
    this.executor = executor;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Takes 127.0.0.1 at {@code port}, or a free port when it is 0; requests are answered once
   * {@link #serve} is called, so that a stand-in can build itself knowing its own endpoint.
   */
  static StandInServer bind(String name, int port) {
    HttpServer server;
    try {
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the " + name + " stand-in cannot listen on port " + port, e);
    }
    ExecutorService executor = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name(name + "-stand-in-", 0).factory());
    server.setExecutor(executor);
    return new StandInServer(name, server, executor);
  }

  void serve(Handler handler) {
    server.createContext("/", exchange -> answer(name, exchange, handler));
    server.start();
  }

  private static void answer(String name, HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        URI uri = exchange.getRequestURI();
        Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
            exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes());
        reply = handler.handle(request);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        // a bug of the stand-in, not a caller's error: say so rather than leave the caller with no reply
        LOG.log(System.Logger.Level.ERROR, name + " stand-in failed on " + exchange.getRequestURI(), e);
        reply = new Reply(500, "text/plain", ("stand-in failure: " + e).getBytes(StandardCharsets.UTF_8), Map.of());
      }
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.getResponseHeaders().set("x-amzn-RequestId", QueryProtocol.requestId());
      reply.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      exchange.getResponseBody().write(reply.body());
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
