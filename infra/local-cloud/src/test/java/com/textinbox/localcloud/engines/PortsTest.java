package com.textinbox.localcloud.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void aWantedPortIsKept() {
    assertEquals(4510, Ports.pick(4510));
  }

  @Test
  void freePortsAreBelowTheEphemeralRangeFreeAndNeverHandedOutTwice() throws Exception {
    int below = Ports.ephemeralLow();
    assertTrue(below > Ports.LOWEST, "the ephemeral range starts at " + below);
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = Ports.pick(0);
      assertTrue(picked.add(port), "handed out twice: " + port);
      assertTrue(port >= Ports.LOWEST && port < below, port + " outside " + Ports.LOWEST + ".." + below);
    }
    int port = Ports.pick(0);
    try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, bound.getLocalPort(), "a picked port can be bound");
      assertTrue(!Ports.isFree(port), "a bound port is not free");
    }
  }
}
