package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every socket the local cloud listens on is on loopback (issue 16): its engines and stand-ins
 * run without authentication (S3Proxy, DynamoDB Local, ElasticMQ, OpenSearch, the SNS/SES
 * stand-ins), so one on 0.0.0.0 would let anyone on the network read and write them. Read from
 * Linux's socket tables: the process's socket inodes (/proc/PID/fd) in LISTEN state in
 * /proc/net/tcp and tcp6.
 */
class LoopbackOnlyTest {
  private static final String IPV4_LOOPBACK = "0100007F";
  private static final Set<String> IPV6_LOOPBACK = Set.of(
      "00000000000000000000000001000000", // ::1
      "0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1

  @Test
  void theLocalCloudListensOnLoopbackOnly() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/net")), "Linux's /proc is needed to list sockets");
    long pid = LocalCloudProcess.pid();
    Set<String> inodes = socketInodes(pid);
    List<String> listening = new ArrayList<>();
    List<String> exposed = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (!f[3].equals("0A") || !inodes.contains(f[9])) { // 0A: LISTEN
          continue;
        }
        String[] local = f[1].split(":");
        int port = Integer.parseInt(local[1], 16);
        listening.add(port + "");
        boolean loopback = local[0].length() == 8 ? local[0].equals(IPV4_LOOPBACK) : IPV6_LOOPBACK.contains(local[0]);
        if (!loopback) {
          exposed.add(table.substring(table.lastIndexOf('/') + 1) + " port " + port + " on " + local[0]);
        }
      }
    }
    assertFalse(listening.isEmpty(), "no listening socket found for process " + pid);
    assertEquals(List.of(), exposed, "sockets of the local cloud not bound to loopback (of " + listening.size() + " listening)");
  }

  private static Set<String> socketInodes(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // an fd closed while listing
        }
      }
    }
    return inodes;
  }
}
