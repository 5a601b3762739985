package com.example.chat.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The floor for a durable send: {@code senders} JDBC connections, each inserting the same
 * row a send stores (same table, padding, durability) into its own room, one INSERT per
 * commit, one in flight per connection. No server process: only PostgreSQL works.
 */
final class RawInsertLoad implements Load {
  private final List<Connection> connections = new ArrayList<>();
  private final List<PreparedStatement> inserts = new ArrayList<>();
  private final List<UUID> rooms;
  private final List<UUID> senders;
  private final UUID company;
  private final String text;
  private final long[] seqs;

  RawInsertLoad(BenchEnv env, int senderCount, String text) throws Exception {
    this.senders = env.users(senderCount);
    this.rooms = new ArrayList<>();
    for (UUID sender : senders) {
      rooms.add(env.group(sender, List.of()));
    }
    this.company = env.company;
    this.text = text;
    this.seqs = new long[senderCount];
    for (int i = 0; i < senderCount; i++) {
      Connection c = DriverManager.getConnection(env.db.jdbcUrl(), env.db.user(), env.db.password());
      connections.add(c);
      inserts.add(c.prepareStatement(
          "insert into chat_message (room_id, seq, company_id, ordinal, sender_id, content) values (?, ?, ?, ?, ?, ?)"));
    }
  }

  @Override
  public Sample run(double seconds) throws Exception {
    Recorder latency = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < inserts.size(); i++) {
      int sender = i;
      Thread thread = new Thread(() -> {
        while (true) {
          long began = System.nanoTime();
          insert(sender);
          long now = System.nanoTime();
          if (now > end) {
            return;
          }
          completed.incrementAndGet();
          latency.recordValue((now - began) / 1000);
        }
      }, "raw-insert-" + i);
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Sample(completed.get(), (end - start) / 1e9, latency.getIntervalHistogram());
  }

  private void insert(int i) {
    try {
      PreparedStatement insert = inserts.get(i);
      long seq = ++seqs[i];
      insert.setObject(1, rooms.get(i));
      insert.setLong(2, seq);
      insert.setObject(3, company);
      insert.setLong(4, seq);
      insert.setObject(5, senders.get(i));
      insert.setString(6, text);
      insert.executeUpdate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (Connection c : connections) {
      c.close();
    }
  }
}
