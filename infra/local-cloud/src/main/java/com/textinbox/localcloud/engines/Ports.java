package com.textinbox.localcloud.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on loopback: a fixed one when asked, else a free one. */
public final class Ports {
  private Ports() {}

  public static int pick(int wanted) {
    if (wanted > 0) {
      return wanted;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
