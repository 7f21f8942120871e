package com.textinbox.localcloud.triggers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The API's port, in front of the JDK's HTTP server: that server answers a request line whose
 * target is not a valid URI (a bare {@code %} in the path, as curl sends it) with its own HTML page
 * before any handler runs. API Gateway answers such a request with its DEFAULT_4XX gateway
 * response, which template.yaml sets to the API's JSON error shape; so does this guard (issue
 * 16). Every other connection is passed through byte for byte. Only a connection's first request
 * line is read: a malformed one later on a kept-alive connection still meets the JDK's page
 * (clients that write such paths by hand open a connection per request).
 */
final class RequestLineGuard implements AutoCloseable {
  private static final int MAX_LINE = 16 * 1024;

  private final ServerSocket socket;
  private final int innerPort;
  private final Supplier<String> refusal;
  private final Thread acceptor;

  /**
   * @param port the public port on loopback (0: a free one)
   * @param innerPort the JDK server's port
   * @param refusal the JSON body of the 400 (the template's DEFAULT_4XX)
   */
  RequestLineGuard(int port, int innerPort, Supplier<String> refusal) throws IOException {
    this.socket = new ServerSocket();
    this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.innerPort = innerPort;
    this.refusal = refusal;
    this.acceptor = Thread.ofPlatform().daemon().name("api-gateway-guard").start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && line.size() < MAX_LINE) {
        line.write(b);
        if (b == '\n') {
          break;
        }
      }
      if (line.size() == 0) {
        return;
      }
      if (malformedTarget(line.toString(StandardCharsets.ISO_8859_1))) {
        refuse(client.getOutputStream());
        return;
      }
      try (Socket inner = new Socket(InetAddress.getLoopbackAddress(), innerPort)) {
        OutputStream toInner = inner.getOutputStream();
        toInner.write(line.toByteArray());
        Thread upstream = Thread.ofVirtual().start(() -> {
          try {
            in.transferTo(toInner);
            inner.shutdownOutput();
          } catch (IOException gone) {
            // either side closed
          }
        });
        inner.getInputStream().transferTo(client.getOutputStream());
        client.shutdownOutput();
        upstream.join(1000);
      }
    } catch (IOException | InterruptedException gone) {
      // the client or the server closed the connection
    }
  }

  /** {@code METHOD TARGET HTTP/1.1}: the target as the JDK server reads it. */
  static boolean malformedTarget(String requestLine) {
    String[] parts = requestLine.trim().split(" ");
    if (parts.length != 3) {
      return false; // not ours to judge: the JDK server answers it
    }
    try {
      new URI(parts[1]);
      return false;
    } catch (URISyntaxException e) {
      return true;
    }
  }

  private void refuse(OutputStream out) throws IOException {
    byte[] body = refusal.get().getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nx-amzn-ErrorType: BadRequestException\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
