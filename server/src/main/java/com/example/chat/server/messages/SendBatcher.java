package com.example.chat.server.messages;

import com.example.chat.server.changes.Change;
import com.example.chat.server.messages.MessageRepository.Sent;
import com.example.chat.server.notifications.NotificationOutbox;
import com.example.chat.server.storage.DatabaseFailure;
import com.example.chat.server.storage.Tx;
import com.example.chat.server.storage.UnitOfWork;
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
import java.util.Optional;
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

/**
 * Group commit for sends: concurrent sends are stored by one statement and one commit, and
 * each is acknowledged only after that commit.
 *
 * <p>Rooms are spread over independent lanes by their id. Within a lane, the first sender to
 * find no batch running becomes the leader and stores everything queued meanwhile; the others
 * wait for their result. Lanes commit in parallel, so independent senders never wait for each
 * other's commit, and PostgreSQL shares one WAL flush among the commits that meet. A room always
 * goes to the same lane, so two batches never hold the same room row: no lock waits or
 * deadlocks between lanes, and a room's seq order stays its commit order.
 *
 * <p>Each batch is a unit of work of its own, one statement committed by itself
 * ({@link UnitOfWork#runAsOneStatement}): the statement stores the messages together with their
 * notification rows, and the batch records a {@link Change.MessageSent} per stored message, so
 * delivery is announced after the commit. A batch that fails (most often a
 * request id used before) is retried one send at a time, which handles repeats, so one bad
 * send never costs the others.
 */
public final class SendBatcher {
  private static final Logger LOG = Logger.getLogger(SendBatcher.class.getName());
  private static final int MAX_BATCH = 200;

  /** A stored message's seq and time, as the batch statement returned them. */
  private record Stored(long seq, OffsetDateTime time, UUID sender) {}

  /** One send waiting for its batch; its result is empty when the sender is not a member. */
  private record Pending(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId,
      String text, CompletableFuture<Optional<Sent>> result) {}

  private final UnitOfWork work;
  private final Lane[] lanes;
  private final AtomicInteger largestBatch = new AtomicInteger();

  /** One queue of sends and at most one batch storing them at a time. */
  private static final class Lane {
    final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean leading = new AtomicBoolean();
  }

  /** @param lanes how many batches may commit at the same time (each holds a connection meanwhile) */
  public SendBatcher(UnitOfWork work, int lanes) {
    this.work = work;
    this.lanes = new Lane[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new Lane();
    }
  }

  /**
   * Stores a message (or finds the one stored earlier with the request id) and returns it
   * once committed; empty when the sender is not a member of the room when it is stored.
   */
  public Optional<Sent> send(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId, String text) {
    Pending mine = new Pending(companyId, roomId, sender, senderName, requestId, text, new CompletableFuture<>());
    Lane lane = lanes[Math.floorMod(roomId.hashCode(), lanes.length)];
    lane.queue.add(mine);
    while (!mine.result().isDone()) {
      if (lane.leading.compareAndSet(false, true)) {
        lead(lane);
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

  private static void waitBriefly(CompletableFuture<Optional<Sent>> result) {
    try {
      result.get(5, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the loop looks at the result again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    }
  }

  /** Stores batches until the lane's queue is empty, then lets another sender lead. */
  private void lead(Lane lane) {
    do {
      try {
        drain(lane.queue);
      } finally {
        lane.leading.set(false);
      }
      // A send queued after the last poll would otherwise wait for its waiter's timeout.
    } while (!lane.queue.isEmpty() && lane.leading.compareAndSet(false, true));
  }

  private void drain(ConcurrentLinkedQueue<Pending> queue) {
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
    List<Optional<Sent>> results = null;
    try {
      results = work.runAsOneStatement(tx -> tx.dsl().connectionResult(c -> storeTogether(c, batch)).recordedOn(tx, batch));
    } catch (RuntimeException e) {
      if (DatabaseFailure.of(e).filter(f -> f == DatabaseFailure.UNAVAILABLE).isPresent()) {
        // The database is out of reach: one by one would only wait that long again per send.
        batch.forEach(p -> p.result().completeExceptionally(e));
        return;
      }
      // Nothing of the batch was stored (one statement): store them one by one instead.
      LOG.log(Level.FINE, "batch of " + batch.size() + " sends failed; storing them one by one", e);
    }
    if (results != null) {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
      return;
    }
    for (Pending p : batch) {
      try {
        p.result().complete(storeAlone(p));
      } catch (RuntimeException e) {
        p.result().completeExceptionally(e);
      }
    }
  }

  /** One send in its own unit of work; a repeated request id answers with the first message. */
  private Optional<Sent> storeAlone(Pending p) {
    try {
      return work.run(tx -> {
        Optional<Sent> sent = new MessageRepository(tx.dsl())
            .send(p.companyId(), p.roomId(), p.sender(), p.senderName(), p.requestId(), p.text());
        sent.ifPresent(s -> tx.record(new Change.MessageSent(p.companyId(), s.message(), Change.Outbox.TO_WRITE)));
        return sent;
      });
    } catch (MessageRepository.RepeatedRequest repeated) {
      return work.read(db -> new MessageRepository(db).earlier(p.roomId(), p.sender(), p.requestId()));
    }
  }

  /**
   * Runs the batch statement: each room's stored messages, in seq order. A batch of one runs the
   * single send's statement, which costs PostgreSQL a third of the batch statement's time.
   */
  private static Batch storeTogether(Connection c, List<Pending> batch) throws SQLException {
    if (batch.size() == 1) {
      return storeOne(c, batch.get(0));
    }
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
    boolean notified = false;
    try (PreparedStatement insert = c.prepareStatement(SEND_MANY)) {
      Array[] arrays = {c.createArrayOf("uuid", rooms), c.createArrayOf("uuid", companies),
          c.createArrayOf("uuid", senders), c.createArrayOf("text", texts), c.createArrayOf("text", requestIds)};
      for (int i = 0; i < arrays.length; i++) {
        insert.setArray(i + 1, arrays[i]);
      }
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          storedByRoom.computeIfAbsent(rows.getObject(1, UUID.class), k -> new ArrayDeque<>())
              .add(new Stored(rows.getLong(2), rows.getObject(3, OffsetDateTime.class), rows.getObject(4, UUID.class)));
          notified |= rows.getLong(5) > 0;
        }
      }
    }
    for (ArrayDeque<Stored> stored : storedByRoom.values()) {
      List<Stored> sorted = new ArrayList<>(stored);
      sorted.sort((a, b) -> Long.compare(a.seq(), b.seq()));
      stored.clear();
      stored.addAll(sorted);
    }
    return new Batch(storedByRoom, notified ? Change.Outbox.WRITTEN : Change.Outbox.NONE);
  }

  private static Batch storeOne(Connection c, Pending p) throws SQLException {
    Map<UUID, ArrayDeque<Stored>> stored = new HashMap<>();
    boolean notified = false;
    try (PreparedStatement insert = c.prepareStatement(MessageRepository.SEND_NOTIFYING)) {
      MessageRepository.bindSend(insert, p.companyId(), p.roomId(), p.sender(), p.requestId(), p.text());
      try (ResultSet row = insert.executeQuery()) {
        if (row.next()) {
          stored.computeIfAbsent(p.roomId(), k -> new ArrayDeque<>())
              .add(new Stored(row.getLong(1), row.getObject(2, OffsetDateTime.class), p.sender()));
          notified = row.getLong(3) > 0;
        }
      }
    }
    return new Batch(stored, notified ? Change.Outbox.WRITTEN : Change.Outbox.NONE);
  }

  /**
   * What the batch statement stored, by room in seq order, and whether it wrote notification
   * rows for them.
   */
  private record Batch(Map<UUID, ArrayDeque<Stored>> storedByRoom, Change.Outbox outbox) {

    /**
     * Each room's seqs were handed out in batch order: gives them back in that order and records
     * each stored message on the transaction. A send of a non-member was not stored (empty).
     */
    List<Optional<Sent>> recordedOn(Tx tx, List<Pending> batch) {
      List<Optional<Sent>> results = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        ArrayDeque<Stored> room = storedByRoom.get(p.roomId());
        Stored stored = room == null || room.isEmpty() || !room.peek().sender().equals(p.sender()) ? null : room.poll();
        if (stored == null) {
          results.add(Optional.empty());
          continue;
        }
        MessageRecord message = new MessageRecord(p.roomId(), stored.seq(), p.sender(), p.senderName(),
            p.text(), stored.time().toInstant(), null, null, p.requestId());
        tx.record(new Change.MessageSent(p.companyId(), message, outbox));
        results.add(Optional.of(new Sent(message, true)));
      }
      return results;
    }
  }

  /**
   * Many sends in one statement: each room's seq and message count move by the number of its
   * messages in the batch (locking the room row, so seq order stays commit order), the messages
   * take those seqs in batch order (each sender's own messages are read without a write: see
   * {@code member_read_state}).
   * Sends of people who are not (or no longer) members of the room are left out. The
   * notification rows of the stored messages are written by the same statement.
   */
  static final String SEND_MANY = """
      with input as (
        select t.* from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[]) with ordinality
          as t(room_id, company_id, sender_id, content, request_id, n)
         where exists (select 1 from chat_participant p
                        where p.room_id = t.room_id and p.user_id = t.sender_id and p.left_seq is null)),
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
        returning room_id, seq, ordinal, sender_id, create_time, company_id),
      notified as (
        """ + NotificationOutbox.messageEvents("message c") + """
        returning 1)
      select room_id, seq, create_time, sender_id, (select count(*) from notified) from message""";
}
