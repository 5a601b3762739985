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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for sends: concurrent sends are stored by one statement and one commit, and
 * each is acknowledged only after that commit.
 *
 * <p>One batch stores at a time, and the next takes everything queued while it committed: the
 * first sender to find nothing running becomes the leader, stores the queue, and goes on until
 * the queue is empty; the others wait for their result. The leader's own caller is answered as
 * soon as its message is committed, not when the leading ends. Fewer, larger commits cost
 * PostgreSQL far less per message than many small ones side by side (BENCHMARKS.md, "Third
 * round": a third of the CPU per message at 32 senders).
 *
 * <p>A batch that runs longer than {@link #SLOW} (most often a room row locked by a long
 * transaction elsewhere) does not hold up the rest: a waiting sender then starts another batch
 * beside it, up to {@code parallel} at once. A batch never takes a send for a room another
 * running batch holds, so batches never wait for each other's row locks or deadlock, and a
 * room's sends are stored in the order they came (seq order stays commit order).
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
  /** How long a batch may run before another may start beside it. */
  private static final long SLOW = TimeUnit.MILLISECONDS.toNanos(20);
  /** How often a waiting sender looks whether the running batches have become slow. */
  private static final long LOOK_AGAIN_MILLIS = 5;

  /** A stored message's seq and time, as the batch statement returned them. */
  private record Stored(long seq, OffsetDateTime time, UUID sender) {}

  /** One send waiting for its batch; its result is empty when the sender is not a member. */
  private record Pending(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId,
      String text, CompletableFuture<Optional<Sent>> result) {}

  /** A batch being stored: its sends, the rooms it holds, and when it started. */
  private record Running(List<Pending> sends, Set<UUID> rooms, long startNanos) {}

  private final UnitOfWork work;
  private final int parallel;
  private final AtomicInteger largestBatch = new AtomicInteger();
  // Guarded by this.
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Running> running = new ArrayList<>();

  /** @param parallel how many batches may store at the same time (each holds a connection meanwhile) */
  public SendBatcher(UnitOfWork work, int parallel) {
    this.work = work;
    this.parallel = parallel;
  }

  /**
   * Stores a message (or finds the one stored earlier with the request id) and returns it
   * once committed; empty when the sender is not a member of the room when it is stored.
   * {@code stored} hears of the stored message as soon as it is committed, in this thread:
   * a sender that leads goes on storing the sends queued meanwhile before this returns, and
   * its caller's answer must not wait for those.
   */
  public Optional<Sent> send(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId, String text,
      Consumer<Sent> stored) {
    Pending mine = new Pending(companyId, roomId, sender, senderName, requestId, text, new CompletableFuture<>());
    synchronized (this) {
      queue.add(mine);
    }
    Answer answer = new Answer(mine.result(), stored);
    while (!mine.result().isDone()) {
      Running batch = claim();
      if (batch == null) {
        // A batch is running; ours is in it, or its leader takes ours next, unless it turns slow.
        waitBriefly(mine.result());
        continue;
      }
      // Lead until the queue is empty, so that nothing queued waits for a look-again.
      while (batch != null) {
        batch = storeThenTakeNext(batch);
        answer.onceStored();
      }
    }
    answer.onceStored();
    answer.throwIfFailed();
    try {
      return mine.result().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Tells a sender's caller of its stored message once, as soon as it is stored. What the caller
   * throws then (an answer to a call cancelled meanwhile) is thrown when the sender stops
   * leading, so that the sends it leads are stored and answered all the same.
   */
  private static final class Answer {
    private final CompletableFuture<Optional<Sent>> result;
    private final Consumer<Sent> stored;
    private boolean given;
    private RuntimeException failure;

    Answer(CompletableFuture<Optional<Sent>> result, Consumer<Sent> stored) {
      this.result = result;
      this.stored = stored;
    }

    void onceStored() {
      if (given || !result.isDone() || result.isCompletedExceptionally()) {
        return;
      }
      given = true;
      try {
        result.join().ifPresent(stored);
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    void throwIfFailed() {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * Takes the next batch off the queue, if one may start now: when nothing runs, or when every
   * running batch is slow and fewer than {@code parallel} run. It takes queued sends in order,
   * skipping rooms a running batch holds; null when there is nothing to take.
   */
  private synchronized Running claim() {
    if (queue.isEmpty() || running.size() >= parallel) {
      return null;
    }
    long now = System.nanoTime();
    Set<UUID> held = new HashSet<>();
    for (Running r : running) {
      if (now - r.startNanos() < SLOW) {
        return null;
      }
      held.addAll(r.rooms());
    }
    List<Pending> sends = new ArrayList<>();
    Set<UUID> rooms = new HashSet<>();
    for (Iterator<Pending> it = queue.iterator(); it.hasNext() && sends.size() < MAX_BATCH; ) {
      Pending p = it.next();
      if (!held.contains(p.roomId())) {
        it.remove();
        sends.add(p);
        rooms.add(p.roomId());
      }
    }
    if (sends.isEmpty()) {
      return null;
    }
    Running batch = new Running(sends, rooms, now);
    running.add(batch);
    return batch;
  }

  /**
   * Stores the batch, then lets it go and takes the next in one step, so that a waiting sender
   * looking again meanwhile cannot take the lead from a leader that has more to store.
   */
  private Running storeThenTakeNext(Running batch) {
    try {
      store(batch.sends());
    } catch (RuntimeException | Error e) {
      release(batch);
      throw e;
    }
    synchronized (this) {
      release(batch);
      return claim();
    }
  }

  private synchronized void release(Running batch) {
    running.remove(batch);
    // store() answers every send; should it have been cut short, nobody may wait forever.
    batch.sends().forEach(p -> p.result().completeExceptionally(new IllegalStateException("the batch storing this send failed")));
  }

  private static void waitBriefly(CompletableFuture<Optional<Sent>> result) {
    try {
      result.get(LOOK_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the loop looks at the result again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
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
