package com.example.chat.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the server runs on: an existing one reached by URL, or an embedded one whose
 * data lives in a persistent folder. Either way the schema is migrated by Flyway on open, and
 * queries go through a connection pool.
 *
 * <p>Every wait for the database is bounded by one timeout (a pooled connection, connecting, a
 * socket read), so that when the database is unreachable, frozen or the pool is exhausted a
 * call fails within that time (and is answered UNAVAILABLE) instead of hanging; the pool and
 * the driver reconnect by themselves when it returns.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Duration timeout;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  private final EmbeddedPostgres embedded;
  private Connection probe;

  private Database(String jdbcUrl, String user, String password, int poolSize, Duration timeout,
      EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.timeout = timeout;
    this.embedded = embedded;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("chat-db");
    // A call waits at most this long for a connection, then fails (UNAVAILABLE).
    config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
    config.setValidationTimeout(Math.max(250, timeout.toMillis() / 2));
    driverTimeouts(timeout).forEach((k, v) -> config.addDataSourceProperty((String) k, v));
    this.pool = new HikariDataSource(config);
    this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
  }

  /** How many database timeouts a statement may run before its connection is given up. */
  private static final int STATEMENT_TIMEOUTS = 10;

  /**
   * The PostgreSQL driver's own timeouts, in whole seconds: connecting and logging in within the
   * database timeout, and reading from the socket within ten of them, so that a frozen server
   * (or a lost network) ends a statement too, while a statement that is only slow (a large
   * group, a machine under load) is not cut off at the first pause.
   */
  private static Properties driverTimeouts(Duration timeout) {
    long whole = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String seconds = String.valueOf(whole);
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("loginTimeout", seconds);
    properties.setProperty("socketTimeout", String.valueOf(whole * STATEMENT_TIMEOUTS));
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  /** Connects to an existing PostgreSQL and migrates it. */
  public static Database connect(String jdbcUrl, String user, String password, int poolSize, Duration timeout) {
    Database db = new Database(jdbcUrl, user, password, poolSize, timeout, null);
    try {
      db.migrate();
    } catch (RuntimeException e) {
      db.pool.close();
      throw e;
    }
    return db;
  }

  /**
   * Starts an embedded PostgreSQL on {@code dataDir} (created on first use, kept afterwards,
   * so a restart keeps all data) and migrates it.
   */
  public static Database embedded(Path dataDir, int poolSize, Duration timeout) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200")
        // The embedded binaries turn durability off by default (made for tests); a send is
        // acknowledged only once its commit is on disk.
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("full_page_writes", "on")
        .start();
    LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
    try {
      Database db = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
          poolSize, timeout, pg);
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  private void migrate() {
    // Not through the pool: a migration may run longer than the per-call timeout allows.
    Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load().migrate();
  }

  /** The JDBC URL, user and password, for a second instance or a benchmark's baseline. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The most connections the pool opens. */
  public int poolSize() {
    return pool.getMaximumPoolSize();
  }

  public javax.sql.DataSource dataSource() {
    return pool;
  }

  public DSLContext dsl() {
    return dsl;
  }

  /**
   * A connection outside the pool, for the long-lived LISTEN session (named chat-listener in
   * pg_stat_activity). It has the same timeouts, so a frozen server ends it too.
   */
  public Connection openDedicatedConnection() throws SQLException {
    return openDedicatedConnection("chat-listener");
  }

  /**
   * A connection outside the pool for announcements (named chat-announcer), committing
   * asynchronously: a NOTIFY transaction is given a transaction id, so with the default it would
   * wait for its own WAL flush, doubling the flushes per send. An announcement is a hint, never
   * data: one lost in a crash is found by the subscribers' catch-up and sweep.
   */
  public Connection openAnnouncerConnection() throws SQLException {
    Connection c = openDedicatedConnection("chat-announcer");
    try (var set = c.createStatement()) {
      set.execute("SET synchronous_commit TO off");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private Connection openDedicatedConnection(String applicationName) throws SQLException {
    Properties properties = driverTimeouts(timeout);
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", applicationName);
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /**
   * Whether the database answers now, within the timeout. Checked on a connection of its own
   * (kept open between checks), so that a busy pool does not look like an outage.
   */
  public synchronized boolean reachable() {
    try {
      if (probe == null || probe.isClosed()) {
        probe = openDedicatedConnection("chat-health");
      }
      if (probe.isValid((int) Math.max(1, (timeout.toMillis() + 999) / 1000))) {
        return true;
      }
    } catch (SQLException e) {
      LOG.debug("database probe failed: {}", e.getMessage());
    }
    closeProbe();
    return false;
  }

  private synchronized void closeProbe() {
    if (probe != null) {
      try {
        probe.close();
      } catch (SQLException ignored) {
        // it is gone either way
      }
      probe = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeProbe();
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
