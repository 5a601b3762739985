package com.example.chat.server.testing;

import com.example.chat.server.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM. The schema is migrated once into a template database;
 * every test class gets its own database cloned from it ({@code CREATE DATABASE ... TEMPLATE}),
 * which takes milliseconds and isolates classes from each other.
 */
public final class TestDatabases {
  private static final String TEMPLATE = "chat_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off") // tests need no crash safety; benchmarks keep it on
            .start();
        execute("CREATE DATABASE " + TEMPLATE);
        try (Database template = Database.connect(url(TEMPLATE), "postgres", "postgres", 2, java.time.Duration.ofSeconds(2))) {
          // migrated by connect()
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /** A fresh, migrated database of its own: its JDBC URL. */
  public static synchronized String newDatabaseUrl() {
    EmbeddedPostgres pg = postgres();
    String name = "chat_test_" + COUNTER.incrementAndGet();
    execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return pg.getJdbcUrl("postgres", name);
  }

  private static String url(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  /** Runs a statement as superuser on the maintenance database. */
  public static void execute(String sql) {
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
