package com.example.chat.server.testing;

import com.example.chat.server.ChatServer;
import com.example.chat.server.ServerConfig;
import com.example.chat.server.auth.TokenMinter;
import com.example.chat.server.demo.DemoData;
import com.example.chat.server.storage.Database;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jooq.DSLContext;

/**
 * A real chat server for tests: Netty on a free port, all interceptors, a database of its own
 * cloned from the migrated template, the demo companies loaded, and tokens for every demo user.
 *
 * <p>Most test classes share one per class as a JUnit 5 extension:
 * {@code @RegisterExtension static final TestServer server = TestServer.perClass();} (started
 * before the class's {@code @BeforeAll} methods, stopped after its tests). Tests that restart
 * servers or run several use {@link #start()} and close them themselves.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-and-for-hs384-and-hs512-keys!!";
  public static final String ISSUER = "chat";
  public static final String AUDIENCE = "chat";

  private final TokenMinter minter = new TokenMinter(SECRET, ISSUER, AUDIENCE);
  private final UnaryOperator<ServerConfig> settings;
  private String databaseUrl;
  private Database database;
  private ChatServer server;
  private ManagedChannel channel;
  private Map<String, UUID> demo;
  private TestData data;

  private TestServer(UnaryOperator<ServerConfig> settings) {
    this.settings = settings;
  }

  private TestServer open(String url) throws IOException {
    ServerConfig config = settings.apply(config(0));
    this.databaseUrl = url;
    this.database = Database.connect(url, "postgres", "postgres", 8, config.databaseTimeout());
    this.server = ChatServer.start(config, database);
    this.demo = DemoData.load(server.components().directoryRepository());
    this.channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    this.data = new TestData(this);
    return this;
  }

  /** A server for one test class, started and stopped by JUnit (register it as an extension). */
  public static TestServer perClass() {
    return new TestServer(UnaryOperator.identity());
  }

  /** The same with changed settings. */
  public static TestServer perClass(UnaryOperator<ServerConfig> change) {
    return new TestServer(change);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    open(TestDatabases.newDatabaseUrl());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  public static TestServer start() throws IOException {
    return perClass().open(TestDatabases.newDatabaseUrl());
  }

  /** A server with changed settings on a database of its own. */
  public static TestServer start(UnaryOperator<ServerConfig> change) throws IOException {
    return perClass(change).open(TestDatabases.newDatabaseUrl());
  }

  /** A server on a database of the test's choosing (e.g. a PostgreSQL the test stops and starts). */
  public static TestServer startOn(String databaseUrl, UnaryOperator<ServerConfig> change) throws IOException {
    return perClass(change).open(databaseUrl);
  }

  /**
   * A second instance on the database of another, with the other's settings on a port of its
   * own: several instances share one PostgreSQL.
   */
  public static TestServer startBeside(TestServer other) throws IOException {
    return new TestServer(c -> other.server.config().with("--port", "0")).open(other.databaseUrl);
  }

  /** Builds rooms, messages and people through the API (see {@link TestData}). */
  public TestData data() {
    return data;
  }

  /** Settings of a test server: HS256 with {@link #SECRET}. */
  public static ServerConfig config(int port) {
    return ServerConfig.parse("--port", String.valueOf(port), "--jwt-secret", SECRET, "--data-dir",
        Path.of("target", "test-data").toString(), "--shutdown-grace-seconds", "1", "--sweep-seconds", "2",
        // No web port unless a test asks for one (then port 0): most tests need only gRPC.
        "--web-port", "-1");
  }

  /** Stops the server and starts it again on the same port and database (clients reconnect). */
  public void restart() throws IOException {
    ServerConfig config = server.config().with("--port", String.valueOf(server.port()));
    server.close();
    server = ChatServer.start(config, database);
  }

  public int port() {
    return server.port();
  }

  public ChatServer server() {
    return server;
  }

  /** The JDBC URL of this server's database (user and password "postgres"), for server processes beside it. */
  public String databaseUrl() {
    return databaseUrl;
  }

  public DSLContext dsl() {
    return database.dsl();
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** The id of a demo user by e-mail. */
  public UUID id(String email) {
    UUID id = demo.get(email);
    if (id == null) {
      throw new IllegalArgumentException("no demo user " + email);
    }
    return id;
  }

  public String token(String email) {
    return minter.mint(id(email).toString(), Duration.ofMinutes(10));
  }

  public String tokenForSubject(String subject) {
    return minter.mint(subject, Duration.ofMinutes(10));
  }

  /** A stub that calls as the given demo user. */
  public <S extends AbstractStub<S>> S as(String email, S stub) {
    return withToken(token(email), stub);
  }

  public static <S extends AbstractStub<S>> S withToken(String token, S stub) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    database.close();
  }
}
