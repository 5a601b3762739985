package com.example.chat.bench.xmpp;

import com.example.chat.bench.Load;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tries the ejabberd peer alone: an embedded PostgreSQL started as the benchmark starts it (durable),
 * ejabberd on it, each load for a few seconds. Prints rates, latencies and CPU per operation
 * for ejabberd (beam.smp) and for this JVM (the XMPP client).
 *
 * <p>Run as root after bench/ejabberd/setup.sh:
 * {@code java -cp bench/target/chat-bench.jar com.example.chat.bench.xmpp.TryEjabberd [seconds] [idle sessions] [idle-only]}
 */
public final class TryEjabberd {
  private TryEjabberd() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int idle = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    boolean idleOnly = args.length > 2 && args[2].equals("idle-only");
    Path dir = Files.createTempDirectory("try-ejabberd");
    // As BenchEnv starts it: zonky's builder would turn synchronous_commit off.
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("postgres"))
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .start()) {
      long self = ProcessHandle.current().pid();
      try (EjabberdPeer peer = EjabberdPeer.start(dir.resolve("ejabberd"), postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 32)) {
        System.out.printf("ejabberd pid %d, c2s port %d, RSS at start %.1f MB, synchronous_commit %s%n",
            peer.pid(), peer.c2sPort(), ProcStats.rssBytes(peer.pid()) / 1e6, peer.synchronousCommit());
        // Idle sessions first, on a fresh VM: after the fan-out the heap shrinks for a while,
        // which would hide what the sessions cost.
        long before = ProcStats.rssBytes(peer.pid());
        long joinStart = System.nanoTime();
        try (IdleSessions sessions = (IdleSessions) peer.idleSessions(idle)) {
          double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
          Thread.sleep(2000);
          long after = ProcStats.rssBytes(peer.pid());
          System.out.printf("idle: %d sessions in rooms of 10 (joined in %.1f s), RSS %.1f MB -> %.1f MB, %.1f KB per session%n",
              sessions.size(), joinSeconds, before / 1e6, after / 1e6, (after - before) / 1024.0 / sessions.size());
        }
        if (idleOnly) {
          return;
        }
        for (int senders : new int[] {8, 32}) {
          try (Load load = peer.sendLoad(senders, 4)) {
            measure("send, " + senders + " senders in rooms of 4", load, seconds, peer.pid(), self);
          }
        }
        for (int members : new int[] {200, 1000}) {
          try (Load load = peer.fanOutLoad(members, 8)) {
            measure("fan-out, 1 room of " + members + " + sender, 8 in flight", load, seconds, peer.pid(), self);
          }
        }
        System.out.printf("archive rows after the runs: %d, messages sent: %d%n", peer.archivedMessages(), peer.messagesSent());
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void measure(String label, Load load, double seconds, long server, long client) throws Exception {
    load.run(Math.min(2, seconds)); // warm-up
    double serverCpu = ProcStats.cpuSeconds(server);
    double clientCpu = ProcStats.cpuSeconds(client);
    Load.Sample s = load.run(seconds);
    double serverUsed = ProcStats.cpuSeconds(server) - serverCpu;
    double clientUsed = ProcStats.cpuSeconds(client) - clientCpu;
    System.out.println(String.format(Locale.ROOT,
        "%-50s %9.0f /s  p50 %7.2f ms  p99 %7.2f ms  ejabberd %6.1f µs CPU/op  client %6.1f µs CPU/op  (%d in %.1f s)",
        label, s.rate(), s.latencyMicros().getValueAtPercentile(50) / 1000.0,
        s.latencyMicros().getValueAtPercentile(99) / 1000.0,
        serverUsed * 1e6 / s.count(), clientUsed * 1e6 / s.count(), s.count(), s.seconds()));
  }
}
