package com.example.chat.server.delivery;

import com.example.chat.server.changes.Change;
import com.example.chat.server.storage.ChangeListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces committed changes to every instance with PostgreSQL NOTIFY. The unit of work hands
 * each committed use case's changes to {@link #afterCommit}; they are queued and sent by one
 * thread in batches (many per NOTIFY), so the notify lock is never taken inside a write
 * transaction. A payload names
 * rooms only, never content: {@code t:<room>:<seq>} timeline grew to seq (or {@code t:<room>}
 * by an unknown amount), {@code m:<room>} membership grew
 * or room created, {@code u:<room>} someone (un)muted it, {@code r:<room>:<user>} a read
 * cursor moved, {@code a:<user>} a user's account changed (deactivated, new role or company).
 */
public final class PgAnnouncer implements ChangeListener, AutoCloseable {
  public static final String CHANNEL = "chat_events";
  private static final Logger LOG = Logger.getLogger(PgAnnouncer.class.getName());
  /** PostgreSQL refuses payloads of 8000 bytes or more. */
  private static final int MAX_PAYLOAD = 7000;
  /**
   * The least time between two NOTIFYs. Each is a transaction of its own that PostgreSQL
   * commits and signals to every listening instance, so at thousands of sends a second one
   * per send cost more than the sends' own statements; this many milliseconds of a busy moment
   * go out as one. A quiet moment's announcement is never held: the gap has long passed.
   */
  private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** Opens the announcer's own connection (see {@code Database.openAnnouncerConnection}). */
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private Connection connection;
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile boolean running = true;

  public PgAnnouncer(Connector connector) {
    this.connector = connector;
    this.sender = new Thread(this::run, "pg-announcer");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void afterCommit(List<Change> changes) {
    for (Change change : changes) {
      if (change instanceof Change.MembersAdded c) {
        queue.add("m:" + c.roomId());
      } else if (change instanceof Change.MuteChanged c) {
        queue.add("u:" + c.roomId());
      } else if (change instanceof Change.ReadCursorMoved c) {
        queue.add("r:" + c.roomId() + ":" + c.userId());
      } else if (change instanceof Change.MessageSent c) {
        announce(c.roomId(), c.seq());
      } else if (change instanceof Change.MessageEdited c) {
        announce(c.roomId(), c.eventSeq());
      } else if (change instanceof Change.MessageDeleted c) {
        announce(c.roomId(), c.eventSeq());
      } else if (change instanceof Change.MemberRemoved c) {
        announce(c.roomId(), c.seq());
      } else if (change instanceof Change.RoomRenamed c) {
        announce(c.roomId(), c.seq());
      } else if (change instanceof Change.UserChanged c
          && (c.kind() == Change.UserChange.DEACTIVATED || c.kind() == Change.UserChange.UPDATED)) {
        // The person's open streams may have to end (deactivated, new role or company).
        queue.add("a:" + c.userId());
      }
    }
  }

  /** A room's timeline grew (also for tools and tests that wake delivery by hand). */
  public void announce(UUID roomId) {
    queue.add("t:" + roomId);
  }

  /** A room's timeline grew to {@code seq}: instances that have delivered it need not read. */
  private void announce(UUID roomId, long seq) {
    queue.add("t:" + roomId + ":" + seq);
  }

  private void run() {
    List<String> batch = new ArrayList<>();
    long lastSent = System.nanoTime() - MIN_GAP_NANOS;
    try {
      while (running) {
        try {
          batch.add(queue.take());
          long early = lastSent + MIN_GAP_NANOS - System.nanoTime();
          if (early > 0) {
            LockSupport.parkNanos(early);
          }
          queue.drainTo(batch, 5000);
          lastSent = System.nanoTime();
          send(newestOnly(batch));
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException | SQLException e) {
          // Lost announcements are found by the subscribers' periodic sweep.
          LOG.log(Level.WARNING, "could not announce " + batch.size() + " changes", e);
        }
        batch.clear();
      }
    } finally {
      closeConnection();
    }
  }

  /** The batch without repeats, and of a room's timeline only its newest seq. */
  private static Collection<String> newestOnly(List<String> batch) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String entry : batch) {
      int seqAt = entry.lastIndexOf(':');
      if (entry.startsWith("t:") && seqAt > 1) {
        entries.merge(entry.substring(0, seqAt), entry, (a, b) -> seqOf(a) >= seqOf(b) ? a : b);
      } else {
        entries.putIfAbsent(entry, entry);
      }
    }
    return entries.values();
  }

  private static long seqOf(String entry) {
    return Long.parseLong(entry.substring(entry.lastIndexOf(':') + 1));
  }

  private void send(Collection<String> entries) throws SQLException {
    boolean opened = connection == null;
    try {
      if (opened) {
        connection = connector.open();
      }
      notifyAll(connection, entries);
    } catch (SQLException e) {
      closeConnection();
      if (opened) {
        throw e;
      }
      // The connection kept from earlier may have died meanwhile (a restart): once more on a new one.
      send(entries);
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is gone either way
      }
      connection = null;
    }
  }

  private static void notifyAll(Connection c, Collection<String> entries) throws SQLException {
    try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
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
