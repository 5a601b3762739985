package com.example.chat.server.delivery;

import com.example.chat.server.rooms.RoomAnnouncer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Announces committed changes to every instance with PostgreSQL NOTIFY. Announcements are
 * queued by the writers after their commit and sent by one thread in batches (many per
 * NOTIFY), so the notify lock is never taken inside a write transaction. A payload names
 * rooms only, never content: {@code t:<room>} timeline grew, {@code m:<room>} membership grew
 * or room created, {@code u:<room>} someone (un)muted it, {@code r:<room>:<user>} a read
 * cursor moved.
 */
public final class PgAnnouncer implements RoomAnnouncer, AutoCloseable {
  public static final String CHANNEL = "chat_events";
  private static final Logger LOG = Logger.getLogger(PgAnnouncer.class.getName());
  /** PostgreSQL refuses payloads of 8000 bytes or more. */
  private static final int MAX_PAYLOAD = 7000;

  private final DataSource dataSource;
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile boolean running = true;

  public PgAnnouncer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.sender = new Thread(this::run, "pg-announcer");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void announce(UUID roomId) {
    queue.add("t:" + roomId);
  }

  @Override
  public void announceMembership(UUID roomId) {
    queue.add("m:" + roomId);
  }

  @Override
  public void announceMuted(UUID roomId) {
    queue.add("u:" + roomId);
  }

  @Override
  public void announceRead(UUID roomId, UUID userId) {
    queue.add("r:" + roomId + ":" + userId);
  }

  private void run() {
    List<String> batch = new ArrayList<>();
    while (running) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, 5000);
        send(new LinkedHashSet<>(batch));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | SQLException e) {
        // Lost announcements are found by the subscribers' periodic sweep.
        LOG.log(Level.WARNING, "could not announce " + batch.size() + " changes", e);
      }
      batch.clear();
    }
  }

  private void send(Set<String> entries) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
      StringBuilder payload = new StringBuilder();
      for (String entry : entries) {
        if (payload.length() + entry.length() + 1 > MAX_PAYLOAD) {
          notify.setString(1, payload.toString());
          notify.execute();
          payload.setLength(0);
        }
        if (!payload.isEmpty()) {
          payload.append(',');
        }
        payload.append(entry);
      }
      notify.setString(1, payload.toString());
      notify.execute();
    }
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
  }
}
