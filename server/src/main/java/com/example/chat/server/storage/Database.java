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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL the server runs on: an existing one reached by URL, or an embedded one whose
 * data lives in a persistent folder. Either way the schema is migrated by Flyway on open, and
 * queries go through a connection pool.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  private final EmbeddedPostgres embedded;

  private Database(String jdbcUrl, String user, String password, int poolSize,
      EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("chat-db");
    this.pool = new HikariDataSource(config);
    this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
  }

  /** Connects to an existing PostgreSQL and migrates it. */
  public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
    Database db = new Database(jdbcUrl, user, password, poolSize, null);
    db.migrate();
    return db;
  }

  /**
   * Starts an embedded PostgreSQL on {@code dataDir} (created on first use, kept afterwards,
   * so a restart keeps all data) and migrates it.
   */
  public static Database embedded(Path dataDir, int poolSize) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200")
        .start();
    LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
    try {
      Database db = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
          poolSize, pg);
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  private void migrate() {
    Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
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

  public javax.sql.DataSource dataSource() {
    return pool;
  }

  public DSLContext dsl() {
    return dsl;
  }

  /** A connection outside the pool, for the long-lived LISTEN session (named chat-listener in pg_stat_activity). */
  public Connection openDedicatedConnection() throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", "chat-listener");
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  @Override
  public void close() throws IOException {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
