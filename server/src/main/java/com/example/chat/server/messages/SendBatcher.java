package com.example.chat.server.messages;

import com.example.chat.server.messages.MessageRepository.Sent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Group commit for sends: concurrent sends are stored by one statement and one commit, and
 * each is acknowledged only after that commit. The first sender to find no batch running
 * becomes the leader and stores everything queued meanwhile; the others wait for their result.
 * One batch runs at a time, so batches never lock rooms against each other.
 *
 * <p>A batch that fails (most often a request id used before) is retried one send at a time
 * through {@link MessageRepository#send}, which handles repeats, so one bad send never costs
 * the others.
 */
public final class SendBatcher {
  private static final Logger LOG = Logger.getLogger(SendBatcher.class.getName());
  private static final int MAX_BATCH = 200;

  /** A stored message's seq and time, as the batch statement returned them. */
  private record Stored(long seq, OffsetDateTime time) {}

  /** One send waiting for its batch. */
  private record Pending(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId,
      String text, CompletableFuture<Sent> result) {}

  private final DataSource dataSource;
  private final MessageRepository single;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicInteger largestBatch = new AtomicInteger();

  public SendBatcher(DataSource dataSource, MessageRepository single) {
    this.dataSource = dataSource;
    this.single = single;
  }

  public Sent send(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId, String text) {
    Pending mine = new Pending(companyId, roomId, sender, senderName, requestId, text, new CompletableFuture<>());
    queue.add(mine);
    while (!mine.result().isDone()) {
      if (leading.compareAndSet(false, true)) {
        try {
          drain();
        } finally {
          leading.set(false);
        }
      } else {
        // Someone else is storing a batch; ours is in it, or in the next one we may have to lead.
        waitBriefly(mine.result());
      }
    }
    try {
      return mine.result().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static void waitBriefly(CompletableFuture<Sent> result) {
    try {
      result.get(5, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the loop looks at the result again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    }
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while ((next = queue.poll()) != null) {
      batch.add(next);
      if (batch.size() == MAX_BATCH) {
        store(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      store(batch);
    }
  }

  /** The most sends stored by one statement so far; for tests and metrics. */
  public int largestBatch() {
    return largestBatch.get();
  }

  private void store(List<Pending> batch) {
    largestBatch.accumulateAndGet(batch.size(), Math::max);
    if (batch.size() > 1) {
      Map<UUID, ArrayDeque<Stored>> stored = null;
      try {
        stored = storeTogether(batch);
      } catch (SQLException e) {
        // Nothing of the batch was stored (one statement): store them one by one instead.
        LOG.log(Level.FINE, "batch of " + batch.size() + " sends failed; storing them one by one", e);
      }
      if (stored != null) {
        complete(batch, stored);
        return;
      }
    }
    for (Pending p : batch) {
      try {
        p.result().complete(single.send(p.companyId(), p.roomId(), p.sender(), p.senderName(), p.requestId(), p.text()));
      } catch (RuntimeException e) {
        p.result().completeExceptionally(e);
      }
    }
  }

  /** Runs the batch statement: each room's stored messages, in seq order. */
  private Map<UUID, ArrayDeque<Stored>> storeTogether(List<Pending> batch) throws SQLException {
    int n = batch.size();
    UUID[] rooms = new UUID[n];
    UUID[] companies = new UUID[n];
    UUID[] senders = new UUID[n];
    String[] texts = new String[n];
    String[] requestIds = new String[n];
    for (int i = 0; i < n; i++) {
      Pending p = batch.get(i);
      rooms[i] = p.roomId();
      companies[i] = p.companyId();
      senders[i] = p.sender();
      texts[i] = p.text();
      requestIds[i] = p.requestId();
    }
    Map<UUID, ArrayDeque<Stored>> storedByRoom = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(SEND_MANY)) {
      Array[] arrays = {c.createArrayOf("uuid", rooms), c.createArrayOf("uuid", companies),
          c.createArrayOf("uuid", senders), c.createArrayOf("text", texts), c.createArrayOf("text", requestIds)};
      for (int i = 0; i < arrays.length; i++) {
        insert.setArray(i + 1, arrays[i]);
      }
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          storedByRoom.computeIfAbsent(rows.getObject(1, UUID.class), k -> new ArrayDeque<>())
              .add(new Stored(rows.getLong(2), rows.getObject(3, OffsetDateTime.class)));
        }
      }
    }
    for (ArrayDeque<Stored> stored : storedByRoom.values()) {
      List<Stored> sorted = new ArrayList<>(stored);
      sorted.sort((a, b) -> Long.compare(a.seq(), b.seq()));
      stored.clear();
      stored.addAll(sorted);
    }
    return storedByRoom;
  }

  /** Each room's seqs were handed out in batch order: gives them back in that order. */
  private static void complete(List<Pending> batch, Map<UUID, ArrayDeque<Stored>> storedByRoom) {
    for (Pending p : batch) {
      ArrayDeque<Stored> room = storedByRoom.get(p.roomId());
      Stored stored = room == null ? null : room.poll();
      if (stored == null) {
        // The room row was not there (deleted meanwhile): this one was not stored.
        p.result().completeExceptionally(new IllegalStateException("room " + p.roomId() + " was not found"));
      } else {
        p.result().complete(new Sent(new MessageRecord(p.roomId(), stored.seq(), p.sender(), p.senderName(),
            p.text(), stored.time().toInstant(), null, null, p.requestId()), true));
      }
    }
  }


  /**
   * Many sends in one statement: each room's seq and message count move by the number of its
   * messages in the batch (locking the room row, so seq order stays commit order), the messages
   * take those seqs in batch order, and each sender's read cursor moves to their newest one.
   */
  static final String SEND_MANY = """
      with input as (
        select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[]) with ordinality
          as t(room_id, company_id, sender_id, content, request_id, n)),
      per_room as (
        select room_id, company_id, count(*) as k from input group by room_id, company_id),
      room as (
        update chat_room r
           set last_seq = r.last_seq + p.k, message_count = r.message_count + p.k,
               last_message_seq = r.last_seq + p.k, last_activity_time = now()
          from per_room p
         where r.id = p.room_id and r.company_id = p.company_id
        returning r.id, r.last_seq, r.message_count, p.k),
      numbered as (
        select i.*, row_number() over (partition by i.room_id order by i.n) as pos from input i),
      message as (
        insert into chat_message (room_id, seq, company_id, ordinal, sender_id, content, request_id)
        select x.room_id, room.last_seq - room.k + x.pos, x.company_id, room.message_count - room.k + x.pos,
               x.sender_id, x.content, x.request_id
          from numbered x join room on room.id = x.room_id
        returning room_id, seq, ordinal, sender_id, create_time),
      latest as (
        select distinct on (room_id, sender_id) room_id, sender_id, seq, ordinal
          from message order by room_id, sender_id, seq desc),
      reader as (
        update chat_participant p
           set last_read_seq = l.seq, read_message_count = l.ordinal
          from latest l
         where p.room_id = l.room_id and p.user_id = l.sender_id)
      select room_id, seq, create_time from message""";
}
