package com.example.chat.bench;

import com.example.chat.server.auth.TokenMinter;
import com.example.chat.server.delivery.PgAnnouncer;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.rooms.RoomRepository;
import com.example.chat.server.storage.Database;
import io.grpc.ManagedChannel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The benchmark's world: one embedded PostgreSQL with default durability (fsync and
 * synchronous_commit on, as in production) that every server under test uses, helpers to
 * create users and rooms in bulk straight in SQL (set-up is not what is measured), and the
 * means to start our chat server in a JVM of its own.
 */
final class BenchEnv implements AutoCloseable {
  static final String SECRET = "benchmark-secret-long-enough-for-hs256-signing-0123456789";

  final Path dir;
  final Database db;
  private final EmbeddedPostgres postgres;
  final UUID company;
  /** The PostgreSQL server process; its children are the connections and background workers. */
  final long postmasterPid;
  private final TokenMinter minter = new TokenMinter(SECRET, "chat", "chat");
  private int users;
  private int servers;

  BenchEnv() throws Exception {
    dir = Files.createTempDirectory("chat-bench");
    // zonky's builder turns synchronous_commit off by default: durability is set here explicitly,
    // as in production. Connections: two servers' pools, ejabberd's, the baselines'.
    var builder = EmbeddedPostgres.builder();
    // BENCH_PG_STATEMENTS=1: PostgreSQL tracks every statement's time (pg_stat_statements), and
    // the run leaves the top 40 in bench-logs/pg-statements.tsv: where PostgreSQL's CPU went.
    if (STATEMENTS) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track_planning", "on");
    }
    postgres = builder
        .setDataDirectory(dir.resolve("postgres"))
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "300")
        .start();
    // A small pool: the load generator only sets up data through it (and migrates the schema).
    db = Database.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 4, Duration.ofSeconds(60));
    postmasterPid = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    company = new DirectoryRepository(dsl()).createCompany("Bench", "bench", "bench").id();
  }

  /** Our chat server's jar in a JVM of its own, on this PostgreSQL. */
  JavaProcess startChatServer() throws Exception {
    return startChatServer(serverJar());
  }

  /** Starts the chat server of this jar (with the JVM options beside it) on the bench's database. */
  JavaProcess startChatServer(Path jar) throws Exception {
    return JavaProcess.start(dir, "chat-server-" + ++servers, JavaProcess.optionsOf(jar), List.of("-jar", jar.toString()), List.of(
        "--port", "0", "--web-port", "-1", "--jwt-secret", SECRET,
        "--database-url", db.jdbcUrl(), "--database-user", db.user(), "--database-password", db.password(),
        // 32 handler threads, and so (Main sizes the pool by them) 32 pooled connections.
        "--handler-threads", "32", "--subscriber-queue", "20000",
        // The history scenario fills a room with a million messages in one statement.
        "--database-timeout-ms", "60000"));
  }

  /**
   * The server's jar: {@code -Dchat.server.jar=...}, or where the reactor build puts it beside
   * this bench's jar ({@code server/target/chat-server.jar}).
   */
  static Path serverJar() throws Exception {
    String configured = System.getProperty("chat.server.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    Path benchJar = Path.of(BenchEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path beside = benchJar.getParent().resolve("../../server/target/chat-server.jar").normalize();
    if (Files.exists(beside)) {
      return beside;
    }
    Path here = Path.of("server/target/chat-server.jar");
    if (Files.exists(here)) {
      return here;
    }
    throw new IllegalStateException("chat-server.jar not found beside " + benchJar + "; build it or pass -Dchat.server.jar=");
  }

  static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
  }

  static List<ManagedChannel> channels(int port, int count) {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      channels.add(channel(port));
    }
    return channels;
  }

  DSLContext dsl() {
    return db.dsl();
  }

  /** Creates {@code count} executives in one statement. */
  List<UUID> users(int count) {
    int from = users;
    users += count;
    return dsl().resultQuery("""
            insert into app_user (company_id, email, display_name, role, department)
            select ?, 'u' || g || '@bench.example', 'User ' || g, 'EXECUTIVE', 'Bench'
            from generate_series(?, ?) g returning id""", company, from + 1, from + count)
        .fetch(r -> r.get(0, UUID.class));
  }

  UUID group(UUID owner, List<UUID> members) {
    return new RoomRepository(dsl()).createGroup(company, owner, "Room " + UUID.randomUUID(), members, null).roomId();
  }

  /** Fills a room with {@code count} messages in one statement and moves its counters. */
  void fill(UUID room, UUID sender, int count) {
    dsl().transaction(cfg -> fill(cfg.dsl(), room, sender, count));
  }

  private void fill(DSLContext tx, UUID room, UUID sender, int count) {
    long last = tx.fetchSingle("select last_seq, message_count from chat_room where id = ? for update", room).get(0, Long.class);
    long messages = tx.fetchSingle("select message_count from chat_room where id = ?", room).get(0, Long.class);
    tx.execute("""
        insert into chat_message (room_id, seq, company_id, ordinal, sender_id, content)
        select ?, ? + g, ?, ? + g, ?, 'history message number ' || g from generate_series(1, ?) g""",
        room, last, company, messages, sender, count);
    tx.execute("update chat_room set last_seq = last_seq + ?, message_count = message_count + ?, last_message_seq = last_seq + ? where id = ?",
        count, count, count, room);
  }

  /**
   * Fills every room with {@code count} messages and announces them, in one transaction left
   * open: nothing of it is visible (not even to the server's periodic sweep, which would
   * otherwise deliver rooms filled early before the release) until {@link Staged#release}
   * commits it, and the NOTIFY goes out with that commit.
   */
  Staged stageAnnounced(List<UUID> rooms, UUID sender, int count) throws SQLException {
    Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    try {
      c.setAutoCommit(false);
      DSLContext tx = DSL.using(c, SQLDialect.POSTGRES);
      rooms.forEach(room -> fill(tx, room, sender, count));
      announce(tx, rooms);
      return new Staged(c);
    } catch (RuntimeException | SQLException e) {
      c.close();
      throw e;
    }
  }

  /** Messages committed and announced at once by {@link #release}. */
  record Staged(Connection connection) {
    void release() throws SQLException {
      try (connection) {
        connection.commit();
      }
    }
  }

  /**
   * Tells every server instance that these rooms' timelines grew, as the server itself does
   * after a commit (see PgAnnouncer: {@code t:<room>} entries, comma-separated, under 8,000
   * bytes per NOTIFY); sent when {@code dsl}'s transaction commits.
   */
  private static void announce(DSLContext dsl, List<UUID> rooms) {
    StringBuilder payload = new StringBuilder();
    for (UUID room : rooms) {
      if (payload.length() > 6000) {
        dsl.fetch("select pg_notify('" + PgAnnouncer.CHANNEL + "', ?)", payload.toString());
        payload.setLength(0);
      }
      payload.append(payload.isEmpty() ? "" : ",").append("t:").append(room);
    }
    if (!payload.isEmpty()) {
      dsl.fetch("select pg_notify('" + PgAnnouncer.CHANNEL + "', ?)", payload.toString());
    }
  }

  String token(UUID user) {
    return minter.mint(user.toString(), Duration.ofHours(2));
  }

  <S extends AbstractStub<S>> S as(UUID user, S stub) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token(user));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** How many times PostgreSQL has flushed its WAL to disk so far (all databases). */
  /**
   * Writes every dirty page to disk now (CHECKPOINT), so that a run does not pay for the writes
   * of the one before it (sides alternate, and a send load or the raw INSERT leaves far more to
   * write than an empty call).
   */
  void checkpoint() {
    dsl().execute("checkpoint");
  }

  long walSyncs() {
    return ((Number) dsl().fetchValue("select wal_sync from pg_stat_wal")).longValue();
  }

  /** Whether PostgreSQL tracks statements (BENCH_PG_STATEMENTS=1). */
  static final boolean STATEMENTS = System.getenv("BENCH_PG_STATEMENTS") != null;

  /** PostgreSQL's durability settings as it reports them, for the report. */
  String durability() {
    return "fsync " + dsl().fetchValue("show fsync") + ", synchronous_commit " + dsl().fetchValue("show synchronous_commit")
        + ", full_page_writes " + dsl().fetchValue("show full_page_writes");
  }

  @Override
  public void close() throws Exception {
    if (STATEMENTS) {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          var st = c.createStatement()) {
        st.execute("create extension if not exists pg_stat_statements");
        var rs = st.executeQuery("select calls, plans, round((total_exec_time)::numeric,0) as exec_ms,"
            + " round((total_plan_time)::numeric,0) as plan_ms, wal_records, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
            + " from pg_stat_statements order by total_exec_time + total_plan_time desc limit 40");
        StringBuilder out = new StringBuilder("calls\tplans\texec_ms\tplan_ms\twal_rec\tquery\n");
        while (rs.next()) {
          for (int i = 1; i <= 6; i++) {
            out.append(rs.getString(i)).append(i < 6 ? "\t" : "\n");
          }
        }
        Path logs = Files.createDirectories(Path.of(System.getProperty("bench.logs", "bench/target/bench-logs")));
        Files.writeString(logs.resolve("pg-statements.tsv"), out);
      }
    }
    db.close();
    postgres.close();
    // The servers' logs are kept (the last run's, in bench/target/bench-logs) for when a figure
    // looks wrong; the data (a million-message room and more) is several hundred MB a run.
    Path logs = Path.of(System.getProperty("bench.logs", "bench/target/bench-logs"));
    Files.createDirectories(logs);
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
