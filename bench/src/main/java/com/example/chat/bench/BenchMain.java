package com.example.chat.bench;

import com.example.chat.bench.Comparison.Side;
import com.example.chat.bench.Measured.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load generator: starts the embedded PostgreSQL, our chat server (its jar, in a JVM of
 * its own), the trivial streaming baseline (its own JVM) and, if installed, the peer
 * (ejabberd); runs every scenario against each side in interleaved repeats, reading the
 * servers' and PostgreSQL's CPU and memory from /proc; and writes the report to BENCHMARKS.md.
 *
 * <p>Arguments: {@code [report.md] [--only 123456] [--peer auto|ejabberd|none|jar:PATH] [--repeats 3] [--seconds 6] [--idle-streams 10000]}.
 */
public final class BenchMain {
  static final String RUN_COMMAND = "bench/run.sh";
  private static final String ANALYSIS_MARKER = "<!-- analysis: kept across runs -->";
  private static final int ROOM_SIZE = 4;
  private static final int FAN_OUT_IN_FLIGHT = 4;

  private final BenchEnv env;
  private final OurServer ours;
  private final SystemUnderTest peer; // null when no peer is installed or asked for
  private final TrivialServer trivial;
  private final Report report = new Report();
  private final int repeats;
  private final double seconds;
  private final int idleStreams;

  private BenchMain(BenchEnv env, OurServer ours, SystemUnderTest peer, TrivialServer trivial, Options options) {
    this.env = env;
    this.ours = ours;
    this.peer = peer;
    this.trivial = trivial;
    this.repeats = options.repeats();
    this.seconds = options.seconds();
    this.idleStreams = options.idleStreams();
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    long started = System.nanoTime();
    Report report;
    String durability;
    try (BenchEnv env = new BenchEnv();
        OurServer ours = new OurServer(env);
        TrivialServer trivial = new TrivialServer(env);
        SystemUnderTest peer = Peers.start(options.peer(), env)) {
      BenchMain bench = new BenchMain(env, ours, peer, trivial, options);
      report = bench.report;
      durability = env.durability();
      // Idle streams first: "before any client" must be before any client.
      if (options.only().contains("6")) {
        bench.idleConnections();
      }
      if (options.only().contains("1")) {
        bench.send(8);
        bench.send(32);
      }
      if (options.only().contains("2")) {
        bench.fanOut();
      }
      if (options.only().contains("3")) {
        OneServerScenarios.latency(env, ours, report);
      }
      if (options.only().contains("4")) {
        OneServerScenarios.history(env, ours, report);
      }
      if (options.only().contains("5")) {
        OneServerScenarios.roomList(env, ours, report);
      }
      if (peer == null) {
        report.note("No peer in this run (" + options.peer() + "): the goals against ejabberd are not judged.");
      } else if (peer instanceof OurServer) {
        Path jar = Peers.otherBuild(options.peer());
        report.note("The peer is our server built from " + jar + " (JVM options " + JavaProcess.optionsOf(jar)
            + "): each ratio is this build's figure over that build's, and the goals are not ejabberd's.");
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    Path out = options.out();
    // Keep the hand-written analysis (everything from the marker on) of the previous file.
    String analysis = "";
    if (Files.exists(out)) {
      String previous = Files.readString(out);
      int marker = previous.indexOf(ANALYSIS_MARKER);
      if (marker >= 0) {
        analysis = "\n" + previous.substring(marker);
      }
    }
    Files.writeString(out, header(options, minutes, durability) + report.markdown() + analysis);
    System.out.println(Files.readString(out));
  }

  // 1. Send throughput --------------------------------------------------------------------

  private void send(int senders) throws Exception {
    String label = senders + " senders";
    List<Side> sides = new ArrayList<>();
    sides.add(new Side("ours", ours.sendLoad(senders, ROOM_SIZE), ours.pid()));
    if (peer != null) {
      sides.add(new Side(peer.name(), peer.sendLoad(senders, ROOM_SIZE), peer.pid()));
    }
    sides.add(new Side("raw INSERT", new RawInsertLoad(env, senders, Streams.PADDING), 0));
    // The empty calls run on our server only: beside another build of it they would warm one of
    // the two (its JIT, its heap): in a run of two identical builds, the one that also served them
    // spent 5-22 % less CPU per send in every round; without them neither build led.
    boolean emptyCalls = !(peer instanceof OurServer);
    if (emptyCalls) {
      sides.add(new Side("empty gRPC call", ours.emptyCallLoad(senders), ours.pid()));
    }
    Comparison c = Comparison.run(label, "msg", repeats, seconds, env, sides);
    closeAll(sides);
    String other = peer != null ? peer.name() : "ejabberd";
    report.goal("Send, " + label + ": throughput ≥ 1.5x " + other, c, "ours", other, Figure.RATE, 1.5);
    report.goal("Send, " + label + ": ack p50 ≤ " + other + "'s", c, "ours", other, Figure.P50, 1.0);
    report.goal("Send, " + label + ": ack p99 ≤ " + other + "'s", c, "ours", other, Figure.P99, 1.0);
    report.goal("Send, " + label + ": PostgreSQL CPU per message ≤ " + other + "'s", c, "ours", other, Figure.POSTGRES_CPU, 1.0);
    report.goal("Send, " + label + ": throughput ≥ 0.7x the raw durable INSERT", c, "ours", "raw INSERT", Figure.RATE, 0.7);
    if (emptyCalls) {
      report.goal("Send, " + label + ": throughput ≥ 0.5x the empty gRPC call", c, "ours", "empty gRPC call", Figure.RATE, 0.5);
    }
    sendGroup().comparisons().add(c);
  }

  private Report.Group sendGroup() {
    for (Report.Group g : report.groups) {
      if (g.title().startsWith("1.")) {
        return g;
      }
    }
    report.group("1. Send throughput", """
        Each sender has one message in flight to its own room of 4 members (the sender and 3 members, each \
        with a stream open that receives it); an operation is an acknowledged send, latency is send to \
        acknowledgement. **ours**: SendMessage (unary gRPC, bearer token): authentication, the access check, \
        one durable transaction (the message row, the room's seq and counters), \
        NOTIFY, then delivery to the 3 streams. **ejabberd**: a groupchat message to a MUC room of 4 \
        occupants, archived by mod_mam in PostgreSQL, acknowledged by the room's echo (see \
        bench/ejabberd). **raw INSERT**: the same row inserted over JDBC, one INSERT per commit, no \
        server process. **empty gRPC call**: a health check on our server, same client and concurrency.""",
        new ArrayList<>());
    return report.groups.get(report.groups.size() - 1);
  }

  // 2. Fan-out ----------------------------------------------------------------------------

  private void fanOut() throws Exception {
    List<Comparison> comparisons = new ArrayList<>();
    for (int members : new int[] {200, 1000}) {
      int receivers = members - 1; // the sender is a member too
      List<Side> sides = new ArrayList<>();
      sides.add(new Side("ours", ours.fanOutLoad(receivers, FAN_OUT_IN_FLIGHT), ours.pid()));
      if (peer != null) {
        sides.add(new Side(peer.name(), peer.fanOutLoad(receivers, FAN_OUT_IN_FLIGHT), peer.pid()));
      }
      sides.add(new Side("trivial streams", trivial.fanOutLoad(receivers, FAN_OUT_IN_FLIGHT), trivial.pid()));
      String label = String.format(Locale.ROOT, "1 room × %,d members", members);
      Comparison c = Comparison.run(label, "event", repeats, seconds, env, sides);
      closeAll(sides);
      comparisons.add(c);
      String other = peer != null ? peer.name() : "ejabberd";
      report.goal("Fan-out, " + label + ": server CPU per delivered event ≤ 0.5x " + other + "'s", c, "ours", other, Figure.SERVER_CPU, 0.5);
      report.goal("Fan-out, " + label + ": send-to-deliver p99 lower than " + other + "'s", c, "ours", other, Figure.P99, 1.0);
      report.goal("Fan-out, " + label + ": PostgreSQL CPU per delivered event ≤ 1.5x " + other + "'s", c, "ours", other,
          Figure.POSTGRES_CPU, 1.5);
    }
    int rooms = 1000;
    int perRoom = 10;
    int messagesPerRoom = 5;
    List<Side> sides = List.of(
        new Side("ours", ours.deliveryLoad(rooms, perRoom, messagesPerRoom), ours.pid()),
        new Side("trivial streams", trivial.deliveryLoad(rooms, perRoom, messagesPerRoom), trivial.pid()));
    Comparison c = Comparison.run("1,000 rooms × 10 subscribers, delivery only", "event", repeats, seconds, env, sides);
    closeAll(sides);
    comparisons.add(c);
    report.goal("Fan-out, 1,000 rooms × 10 subscribers (delivery only): ≥ 0.9x the trivial streaming baseline", c, "ours",
        "trivial streams", Figure.RATE, 0.9);
    report.group("2. Fan-out", String.format(Locale.ROOT, """
        One sender into one room (200 or 1,000 members, the sender included); every other member has a stream open. At most %d messages are in flight \
        (sent but not yet delivered to every member); an operation is one delivered event, latency is send \
        to delivery. **ours**: SendMessage (stored durably as in the send scenario), then each member's \
        Subscribe stream gets the event, serialized once; the instance that committed it hands it to \
        its own subscribers without reading it back. **ejabberd**: a groupchat message to a MUC room, archived by mod_mam \
        in PostgreSQL, broadcast to every occupant. **trivial streams**: a gRPC service in its own JVM that pushes the bytes it is given to \
        every stream of a group, without storage or checks. *Delivery only*: %d messages per room are \
        committed beforehand (in SQL, not measured), then announced with one NOTIFY from the load generator \
        (ours) or pushed (trivial); latency is from that release to delivery.""", FAN_OUT_IN_FLIGHT, messagesPerRoom),
        comparisons);
  }

  // 6. Idle streams -----------------------------------------------------------------------

  /** Memory of open idle streams, from each server process's RSS (/proc), before and after. */
  private void idleConnections() throws Exception {
    // "Before any client" means idle: every server (ours, the baseline, ejabberd) has had ten
    // seconds since the bench started them to finish starting (JIT, lazy initialisation) and
    // give back what starting took (G1's periodic collection, glibc trimming, Erlang's GC).
    Thread.sleep(10_000);
    long oursStart = Proc.rssBytes(ours.pid());
    double oursPerStream = rssPerSession(ours.pid(), () -> ours.idleSessions(idleStreams));
    long trivialStart = Proc.rssBytes(trivial.pid());
    double trivialPerStream = rssPerSession(trivial.pid(), () -> trivial.idleStreams(idleStreams));
    String streams = String.format(Locale.ROOT, "%,d", idleStreams);
    if (peer != null) {
      long peerStart = Proc.rssBytes(peer.pid());
      double peerPerSession = rssPerSession(peer.pid(), () -> peer.idleSessions(idleStreams));
      report.add("6. Idle connections", "server RSS before any client, ours vs " + peer.name(),
          oursStart / 1048576.0, peerStart / 1048576.0, "MiB", "≤ 1.5x", oursStart <= 1.5 * peerStart);
      report.add("6. Idle connections", "RSS per open Subscribe stream vs " + peer.name() + "'s per idle session, " + streams + " of each",
          oursPerStream / 1024, peerPerSession / 1024, "KiB", "≤ 1x", oursPerStream <= peerPerSession);
    }
    report.add("6. Idle connections", "RSS per open Subscribe stream vs the trivial streaming server's, " + streams + " of each",
        oursPerStream / 1024, trivialPerStream / 1024, "KiB", "(context)", true);
    report.note(String.format(Locale.ROOT, "Idle connections: RSS before any client: ours %.0f MiB, trivial streams %.0f MiB "
        + "(both JVMs with %s).", oursStart / 1048576.0, trivialStart / 1048576.0, JavaProcess.JVM_OPTIONS));
  }

  /** Opens sessions, waits for the server to settle, and returns its RSS growth per session. */
  private double rssPerSession(long pid, Opener opener) throws Exception {
    long before = Proc.rssBytes(pid);
    try (AutoCloseable sessions = opener.open()) {
      Thread.sleep(2000);
      return (Proc.rssBytes(pid) - before) / (double) idleStreams;
    }
  }

  private interface Opener {
    AutoCloseable open() throws Exception;
  }

  // -----------------------------------------------------------------------------------------

  private static void closeAll(List<Side> sides) throws Exception {
    for (Side side : sides) {
      side.load().close();
    }
  }

  private static String header(Options options, double minutes, String durability) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Written by the benchmark module (`bench/`); run it again (it installs ejabberd first, as root) with:\n\n");
    md.append("```sh\n").append(RUN_COMMAND).append("\n```\n\n");
    md.append(String.format(Locale.ROOT, "Run on %s: %d cores, Java %s, %s %s; whole run %.1f minutes; "
            + "%d interleaved repeats of %.0f s per load (after one unmeasured warm-up run of the same length each).%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"), minutes, options.repeats(), options.seconds()));
    md.append("PostgreSQL: embedded (zonky binaries), ").append(durability).append(" (as in production), one instance for all sides. ")
        .append("Placement: the load generator in one JVM; our chat server (`server/target/chat-server.jar`, ")
        .append(JavaProcess.JVM_OPTIONS).append(", 32 handler threads and so 32 pooled connections) in its own JVM; the trivial ")
        .append("streaming baseline in its own JVM (").append(JavaProcess.JVM_OPTIONS).append("); ejabberd in its own Erlang VM; ")
        .append("PostgreSQL in its own processes. Nothing is pinned; all share the machine's cores.\n\n");
    md.append("CPU is user + system time from /proc/<pid>/stat (clock ticks of 1/").append(Proc.TICKS_PER_SECOND)
        .append(" s), read right before and after each measured run: the server's process, and PostgreSQL's postmaster ")
        .append("with all its child processes (live ones, and reaped ones through cutime/cstime). Memory is VmRSS ")
        .append("from /proc/<pid>/status.\n\n");
    return md.toString();
  }

  /** Command-line options. */
  record Options(Path out, String only, String peer, int repeats, double seconds, int idleStreams) {
    static Options parse(String[] args) {
      Path out = Path.of("BENCHMARKS.md");
      String only = "123456";
      String peer = "auto";
      int repeats = 3;
      double seconds = 6;
      int idleStreams = 10_000;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--only" -> only = args[++i];
          case "--peer" -> peer = args[++i];
          case "--repeats" -> repeats = Integer.parseInt(args[++i]);
          case "--seconds" -> seconds = Double.parseDouble(args[++i]);
          case "--idle-streams" -> idleStreams = Integer.parseInt(args[++i]);
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + args[i]
                  + "; usage: [report.md] [--only 123456] [--peer auto|ejabberd|none|jar:PATH] [--repeats 3] [--seconds 6] [--idle-streams 10000]");
            }
            out = Path.of(args[i]);
          }
        }
      }
      return new Options(out, only, peer, repeats, seconds, idleStreams);
    }
  }
}
