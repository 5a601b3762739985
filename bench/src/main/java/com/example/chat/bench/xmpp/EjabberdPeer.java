package com.example.chat.bench.xmpp;

import com.example.chat.bench.Load;
import com.example.chat.bench.SystemUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * ejabberd 23.01 (Debian's package, installed by bench/ejabberd/setup.sh) as a same-run peer:
 * started on the benchmark's PostgreSQL with all storage in SQL, archive (mod_mam) on in every
 * room, no traffic shaper, an SQL pool the size of ours, run as user ejabberd with a raised
 * file limit, and Erlang schedulers that do not busy-wait (which would show up as CPU that does
 * no work on a 2-core machine shared with the client).
 */
public final class EjabberdPeer implements SystemUnderTest {
  public static final String HOST = "bench.local";
  static final String DATABASE = "ejabberd";
  static final String PASSWORD = "pw";
  private static final Path SCHEMA = Path.of("/usr/share/ejabberd/sql/pg.sql");
  private static final String OS_USER = "ejabberd";
  /** Erlang ports (sockets, files): 10,000 sessions plus the SQL pool and ejabberd's own. */
  private static final int MAX_PORTS = 100_000;
  private static final int READER_THREADS = 1;

  private final Path workDir;
  private final Process launcher;
  private final ProcessHandle beam;
  private final int c2sPort;
  private final Connection sql;
  private final Properties credentials;
  private final XmppClient client;
  private final Thread stopOnExit;
  private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
  private int users;
  private int rooms;

  private EjabberdPeer(Path workDir, Process launcher, ProcessHandle beam, int c2sPort, Connection sql, Properties credentials)
      throws IOException {
    this.workDir = workDir;
    this.launcher = launcher;
    this.beam = beam;
    this.c2sPort = c2sPort;
    this.sql = sql;
    this.credentials = credentials;
    this.client = new XmppClient(new InetSocketAddress("127.0.0.1", c2sPort), HOST, READER_THREADS);
    // A benchmark stopped with Ctrl-C or a timeout must not leave ejabberd running.
    stopOnExit = new Thread(beam::destroy, "ejabberd-stop-on-exit");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts on the PostgreSQL that {@code jdbcUrl} (as the chat server's Database has it) points to. */
  public static EjabberdPeer start(Path workDir, String jdbcUrl, String pgUser, String pgPassword, int sqlPoolSize) throws Exception {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return start(workDir, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), pgUser, pgPassword, sqlPoolSize);
  }

  /**
   * Creates database {@value #DATABASE} (dropped first if it exists) with ejabberd's schema,
   * writes the configuration into {@code workDir} and starts ejabberd; returns once it accepts
   * client connections. {@code pgUser} must be a superuser (it creates the database).
   */
  public static EjabberdPeer start(Path workDir, String pgHost, int pgPort, String pgUser, String pgPassword, int sqlPoolSize)
      throws Exception {
    if (!Files.exists(SCHEMA)) {
      throw new IllegalStateException("ejabberd is not installed: run bench/ejabberd/setup.sh as root first");
    }
    Properties credentials = new Properties();
    credentials.setProperty("user", pgUser);
    credentials.setProperty("password", pgPassword);
    Connection sql = createDatabase(pgHost, pgPort, credentials);
    int c2sPort = freePort();
    Path config = writeConfig(workDir, Map.of(
        "HOST", HOST, "PG_HOST", pgHost, "PG_PORT", String.valueOf(pgPort), "PG_DATABASE", DATABASE,
        "PG_USER", pgUser, "PG_PASSWORD", pgPassword, "SQL_POOL_SIZE", String.valueOf(sqlPoolSize),
        "C2S_PORT", String.valueOf(c2sPort)));
    Path ctlConfig = writeCtlConfig(workDir, freePort());
    handOver(workDir);

    // The soft file limit is raised to the hard one (20,000 here; a container may not raise the
    // hard one), and setpriv keeps it: su's PAM session would cap open files at 1,024.
    String command = "ulimit -n $(ulimit -H -n) && exec setpriv --reuid=" + OS_USER + " --regid=" + OS_USER
        + " --init-groups /usr/sbin/ejabberdctl --ctl-config " + ctlConfig + " --config " + config
        + " --spool " + workDir.resolve("spool") + " --logs " + workDir.resolve("logs") + " foreground";
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("logs/console.log").toFile()));
    // Erlang keeps its distribution cookie in $HOME, which must be the ejabberd user's to write.
    builder.environment().put("HOME", workDir.toString());
    Process launcher = builder.start();
    try {
      ProcessHandle beam = awaitStarted(launcher, c2sPort, workDir);
      return new EjabberdPeer(workDir, launcher, beam, c2sPort, sql, credentials);
    } catch (Exception e) {
      launcher.descendants().forEach(ProcessHandle::destroy);
      launcher.destroy();
      sql.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "ejabberd";
  }

  /** The OS pid of ejabberd's Erlang VM (beam.smp), for CPU and RSS from /proc. */
  @Override
  public long pid() {
    return beam.pid();
  }

  public int c2sPort() {
    return c2sPort;
  }

  /** N senders, each alone with 3 (or {@code roomSize} - 1) listeners in its own room. */
  @Override
  public Load sendLoad(int senders, int roomSize) throws Exception {
    return SendLoad.open(this, senders, roomSize);
  }

  /** One sender in a room with {@code members} other occupants; {@code inFlight} messages at a time. */
  @Override
  public Load fanOutLoad(int members, int inFlight) throws Exception {
    return FanOutLoad.open(this, members, inFlight);
  }

  /** {@code count} sessions, each in a room of 10, logged in and joined when this returns. */
  @Override
  public AutoCloseable idleSessions(int count) throws Exception {
    return IdleSessions.open(this, count, 10);
  }

  /** Messages ejabberd has archived so far (one row per room message). */
  public long archivedMessages() throws SQLException {
    try (Statement s = sql.createStatement(); ResultSet r = s.executeQuery("select count(*) from archive")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Groupchat messages the loads have sent so far, to compare with {@link #archivedMessages}. */
  public long messagesSent() {
    return sent.get();
  }

  /**
   * synchronous_commit as a new session on ejabberd's database sees it, as ejabberd's own
   * connections do: "on" means each archived message is flushed to the WAL before the echo.
   */
  public String synchronousCommit() throws SQLException {
    try (Connection fresh = DriverManager.getConnection(sql.getMetaData().getURL(), credentials);
        Statement s = fresh.createStatement(); ResultSet r = s.executeQuery("show synchronous_commit")) {
      r.next();
      return r.getString(1);
    }
  }

  void countSent() {
    sent.incrementAndGet();
  }

  XmppClient client() {
    return client;
  }

  /** Creates {@code count} users with password {@value #PASSWORD} in one statement; returns their names. */
  synchronized List<String> createUsers(int count) throws SQLException {
    int from = users + 1;
    users += count;
    try (var insert = sql.prepareStatement(
        "insert into users (username, password) select 'u' || g, ? from generate_series(?, ?) g")) {
      insert.setString(1, PASSWORD);
      insert.setInt(2, from);
      insert.setInt(3, users);
      insert.executeUpdate();
    }
    List<String> names = new ArrayList<>(count);
    for (int i = from; i <= users; i++) {
      names.add("u" + i);
    }
    return names;
  }

  /** A new room name; the room itself is created by the first occupant who joins it. */
  synchronized String newRoom() {
    return "r" + (++rooms);
  }

  @Override
  public void close() throws Exception {
    client.close();
    // SIGTERM makes the Erlang VM (OTP 23+) run init:stop(): applications stop in order.
    beam.destroy();
    if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
      beam.destroyForcibly();
      launcher.destroyForcibly();
    }
    sql.close();
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
  }

  // --- start-up -----------------------------------------------------------------------------

  private static Connection createDatabase(String host, int port, Properties credentials) throws Exception {
    String server = "jdbc:postgresql://" + host + ":" + port + "/";
    try (Connection admin = DriverManager.getConnection(server + "postgres", credentials); Statement s = admin.createStatement()) {
      s.execute("drop database if exists " + DATABASE + " with (force)");
      s.execute("create database " + DATABASE);
      // The issue asks for durable commits on both sides; the embedded PostgreSQL's default
      // (zonky) is synchronous_commit=off, so ejabberd's database asks for it explicitly.
      s.execute("alter database " + DATABASE + " set synchronous_commit = on");
    }
    Connection sql = DriverManager.getConnection(server + DATABASE, credentials);
    try (Statement s = sql.createStatement()) {
      // The whole file in one execute: the driver splits it into statements itself.
      s.execute(Files.readString(SCHEMA, StandardCharsets.UTF_8));
    }
    return sql;
  }

  private static Path writeConfig(Path workDir, Map<String, String> values) throws IOException {
    String template;
    try (InputStream in = EjabberdPeer.class.getResourceAsStream("ejabberd.yml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> v : values.entrySet()) {
      template = template.replace("${" + v.getKey() + "}", v.getValue());
    }
    Files.createDirectories(workDir.resolve("spool"));
    Files.createDirectories(workDir.resolve("logs"));
    Path config = workDir.resolve("ejabberd.yml");
    Files.writeString(config, template);
    return config;
  }

  /**
   * Settings ejabberdctl reads before starting the VM. A fixed distribution port means no epmd
   * daemon is started (nothing stays behind after the benchmark) and no clash with another node.
   */
  private static Path writeCtlConfig(Path workDir, int distPort) throws IOException {
    Path ctl = workDir.resolve("ejabberdctl.cfg");
    Files.writeString(ctl, String.join("\n",
        "ERLANG_NODE=ejabberd-bench@localhost",
        "ERL_DIST_PORT=" + distPort,
        // Busy-waiting schedulers burn the CPU the client and PostgreSQL need on 2 cores.
        "ERL_OPTIONS=\"+sbwt none +sbwtdcpu none +sbwtdio none -env ERL_CRASH_DUMP_BYTES 0\"",
        "ERL_PROCESSES=1000000",
        "ERL_MAX_PORTS=" + MAX_PORTS,
        "EJABBERD_PID_PATH=" + workDir.resolve("ejabberd.pid"),
        "EJABBERD_BYPASS_WARNINGS=true",
        ""));
    return ctl;
  }

  /**
   * Gives the work directory to the ejabberd user, and lets it pass through the directories
   * above (search permission only), which the benchmark creates private to root.
   */
  private static void handOver(Path workDir) throws IOException {
    UserPrincipalLookupService lookup = workDir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal owner = lookup.lookupPrincipalByName(OS_USER);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(OS_USER);
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
      }
    }
    for (Path dir = workDir.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(dir, perms);
      }
    }
  }

  private static ProcessHandle awaitStarted(Process launcher, int c2sPort, Path workDir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!launcher.isAlive()) {
        throw new IllegalStateException("ejabberd exited with " + launcher.exitValue() + "; see " + workDir.resolve("logs"));
      }
      try (Socket probe = new Socket("127.0.0.1", c2sPort)) {
        Optional<ProcessHandle> beam = launcher.descendants()
            .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
            .findFirst();
        if (beam.isPresent()) {
          return beam.get();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("ejabberd did not accept connections within 60 s; see " + workDir.resolve("logs"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
