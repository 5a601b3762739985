package com.example.chat.server.delivery;

import com.example.chat.server.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for announcements on a dedicated connection and wakes the hub. When the connection
 * is lost it is opened again, and the hub then reads every room it delivers (a catch-up),
 * because announcements sent meanwhile are gone.
 */
public final class PgListener implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PgListener.class.getName());

  private final Database database;
  private final DeliveryHub hub;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;
  private volatile boolean listening;

  public PgListener(Database database, DeliveryHub hub) {
    this.database = database;
    this.hub = hub;
    this.thread = new Thread(this::run, "pg-listener");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the LISTEN session is up; for health and tests. */
  public boolean listening() {
    return listening;
  }

  private void run() {
    long backoffMillis = 100;
    while (running) {
      try (Connection c = database.openDedicatedConnection()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + PgAnnouncer.CHANNEL);
        }
        listening = true;
        backoffMillis = 100;
        hub.catchUpAll();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications == null || notifications.length == 0) {
            // Quiet: make sure the session is still alive.
            try (Statement s = c.createStatement()) {
              s.execute("SELECT 1");
            }
            continue;
          }
          Map<UUID, Long> timelines = new HashMap<>();
          for (PGNotification n : notifications) {
            dispatch(n.getParameter(), timelines);
          }
          wakeTimelines(timelines);
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (running) {
          LOG.log(Level.WARNING, "lost the notification connection; reconnecting", e);
          sleep(backoffMillis);
          backoffMillis = Math.min(backoffMillis * 2, 2000);
        }
      }
    }
    listening = false;
  }

  /**
   * Handles one notification's entries. Timeline entries are gathered in {@code timelines}
   * (a room's newest seq) and handed to the hub together after the batch, so that it can read
   * many rooms at once; the rest are handled at once. An account change is handled after the
   * timeline entries before it and before those after it, so that streams that must end do so
   * before anything committed after the change reaches them.
   */
  private void dispatch(String payload, Map<UUID, Long> timelines) {
    for (String entry : payload.split(",")) {
      try {
        String[] parts = entry.split(":");
        UUID id = UUID.fromString(parts[1]); // a room, or for "a" a user
        switch (parts[0]) {
          case "t" -> timelines.merge(id, parts.length > 2 ? Long.parseLong(parts[2]) : DeliveryHub.SEQ_UNKNOWN,
              Math::max);
          case "m" -> hub.membershipChanged(id);
          case "u" -> hub.mutedChanged(id);
          case "r" -> hub.readCursorMoved(id, UUID.fromString(parts[2]));
          case "a" -> {
            wakeTimelines(timelines);
            hub.accountChanged(id);
          }
          default -> LOG.warning(() -> "unknown announcement " + entry);
        }
      } catch (RuntimeException e) {
        LOG.warning(() -> "malformed announcement " + entry);
      }
    }
  }

  private void wakeTimelines(Map<UUID, Long> timelines) {
    if (!timelines.isEmpty()) {
      hub.timelinesChanged(timelines);
      timelines.clear();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
