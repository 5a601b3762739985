package com.example.chat.bench;


import com.example.chat.server.ChatServer;
import com.example.chat.server.ServerConfig;
import com.example.chat.server.auth.TokenMinter;
import com.example.chat.server.rooms.RoomRepository;
import com.example.chat.server.storage.Database;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The benchmark's world: one embedded PostgreSQL with default durability (fsync and
 * synchronous_commit on, as in production), the chat server in this JVM, and helpers to
 * create users and rooms in bulk.
 */
final class BenchEnv implements AutoCloseable {
  static final String SECRET = "benchmark-secret-long-enough-for-hs256-signing-0123456789";

  final Path dir;
  final Database db;
  final ChatServer server;
  final ManagedChannel channel;
  final UUID company;
  private final TokenMinter minter = new TokenMinter(SECRET, "chat", "chat");
  private final List<AutoCloseable> extras = new ArrayList<>();
  private int users;

  BenchEnv() throws Exception {
    dir = Files.createTempDirectory("chat-bench");
    db = Database.embedded(dir, 32, config().databaseTimeout());
    server = ChatServer.start(config(), db);
    channel = channel(server);
    company = server.components().directoryRepository().createCompany("Bench", "bench", "bench").id();
  }

  static ServerConfig config() {
    return ServerConfig.parse("--port", "0", "--jwt-secret", SECRET, "--subscriber-queue", "20000", "--handler-threads", "32",
        "--web-port", "-1",
        // The history scenario fills a room with a million messages in one statement.
        "--database-timeout-ms", "60000");
  }

  static ManagedChannel channel(ChatServer server) {
    return NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
  }

  /** A second server instance on the same PostgreSQL (own pool, own LISTEN connection). */
  ChatServer secondInstance() throws Exception {
    Database other = Database.connect(db.jdbcUrl(), db.user(), db.password(), 16, config().databaseTimeout());
    ChatServer second = ChatServer.start(config(), other);
    extras.add(0, other);
    extras.add(0, second);
    return second;
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
    dsl().transaction(cfg -> {
      DSLContext tx = cfg.dsl();
      long last = tx.fetchSingle("select last_seq, message_count from chat_room where id = ? for update", room).get(0, Long.class);
      long messages = tx.fetchSingle("select message_count from chat_room where id = ?", room).get(0, Long.class);
      tx.execute("""
          insert into chat_message (room_id, seq, company_id, ordinal, sender_id, content)
          select ?, ? + g, ?, ? + g, ?, 'history message number ' || g from generate_series(1, ?) g""",
          room, last, company, messages, sender, count);
      tx.execute("update chat_room set last_seq = last_seq + ?, message_count = message_count + ?, last_message_seq = last_seq + ? where id = ?",
          count, count, count, room);
    });
  }

  String token(UUID user) {
    return minter.mint(user.toString(), Duration.ofHours(2));
  }

  <S extends AbstractStub<S>> S as(UUID user, S stub) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token(user));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow();
    for (AutoCloseable c : extras) {
      c.close();
    }
    server.close();
    db.close();
  }
}
