package com.textinbox.localcloud.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A bare '%' in a path gets API Gateway's JSON refusal, not the JDK server's HTML page (issue 16). */
class RequestLineGuardTest {
  private static String raw(int port, String target) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aMalformedTargetIsRefusedInJsonAndTheRestPassesThrough() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getRawPath() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try (RequestLineGuard guard = new RequestLineGuard(0, server.getAddress().getPort(), () -> "{\"error\":{\"code\":\"bad_request\",\"message\":\"no\"}}")) {
      for (String target : new String[] {"/dev/users/%", "/dev/users/%zz", "/dev/a%2"}) {
        String response = raw(guard.port(), target);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.endsWith("{\"error\":{\"code\":\"bad_request\",\"message\":\"no\"}}"), response);
        assertFalse(response.contains("<h1>"), response);
      }
      String passed = raw(guard.port(), "/dev/users/%25");
      assertTrue(passed.startsWith("HTTP/1.1 200"), passed);
      assertTrue(passed.endsWith("{\"path\":\"/dev/users/%25\"}"), passed);
    } finally {
      server.stop(0);
    }
    assertEquals(false, RequestLineGuard.malformedTarget("GET /dev/me HTTP/1.1"));
  }
}
