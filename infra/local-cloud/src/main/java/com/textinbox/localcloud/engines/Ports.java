package com.textinbox.localcloud.engines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on loopback: a fixed one when asked, else a free one below the kernel's ephemeral range.
 * A port is picked some seconds before its server binds it (the functions' environment names it
 * first). An ephemeral port freed at pick time could meanwhile go to one of the many outgoing
 * connections the start makes, or to a server binding port 0, and the start failed with "Address
 * already in use"; a port below that range is only taken by a program that asks for it by number.
 * No port is handed out twice by one process.
 */
public final class Ports {
  static final int LOWEST = 20_000;
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768; // Linux's default; macOS and Windows start at 49152
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {}

  public static int pick(int wanted) {
    if (wanted > 0) {
      return wanted;
    }
    int below = ephemeralLow();
    for (int attempt = 0; attempt < 1_000 && below > LOWEST; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (isFree(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    return anyFree(); // a kernel whose ephemeral range starts low: as before, a port it chooses
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (Linux says it; elsewhere 32768, below every default). */
  static int ephemeralLow() {
    try {
      // readAllLines, not readString: a file of /proc reports size 0, and readString then read "3"
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }
}
