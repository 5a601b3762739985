package com.example.chat.server.delivery;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one room's timeline to this instance's subscribers. Everything about the room
 * happens on one thread at a time (a work counter schedules it on the delivery pool), so
 * catching up, replays for new subscribers and membership changes never interleave: per
 * room, every subscriber gets each event once, in seq order, and only while a member.
 */
final class RoomActor implements Runnable {
  private static final Logger LOG = Logger.getLogger(RoomActor.class.getName());
  private static final int BATCH = 500;

  /** What a room actor needs from the hub that owns it, and nothing more. */
  interface Host {
    /** The actor failed to read the database: run it again shortly. */
    void retryLater(RoomActor actor);

    /** The actor has nobody to deliver to and nothing to do: it may be dropped. */
    void idle(RoomActor actor);

    /** The timeline shows a membership of this user beginning or ending. */
    void membershipChanged(UUID userId);
  }

  /** Something for the room to do besides catching up. */
  sealed interface Command {}

  /**
   * Hands a subscriber the room's events after {@code after} up to {@code through}, stopping
   * after their own removal, preceded by {@code announcement} (RoomCreated) when not null.
   * With {@code live} the subscriber then stays (unless that replay ended with their removal).
   * {@code done} (may be null) runs afterwards.
   */
  record Replay(Subscriber subscriber, long after, long through, byte[] announcement, boolean live, Runnable done)
      implements Command {

    static Replay live(Subscriber s, long after, byte[] announcement, Runnable done) {
      return new Replay(s, after, Long.MAX_VALUE, announcement, true, done);
    }

    static Replay upTo(Subscriber s, long after, long through, Runnable done) {
      return new Replay(s, after, through, null, false, done);
    }
  }

  /** A subscriber leaves (its stream ended). */
  record Leave(Subscriber subscriber) implements Command {}

  final UUID roomId;
  private final EventStore store;
  private final Executor executor;
  private final Host host;
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  /** The newest seq an announcement named: events up to it exist, to be read unless delivered. */
  private final AtomicLong announcedSeq = new AtomicLong();
  /**
   * Messages handed over so that they need not be read here: this instance's own commits, and
   * messages the hub read for many rooms at once.
   */
  private final ConcurrentLinkedQueue<TimelineEvent> handedOver = new ConcurrentLinkedQueue<>();
  private final AtomicInteger work = new AtomicInteger();
  /** The live subscribers and, for each, the last seq they have (events up to it are skipped). */
  private final Map<Subscriber, Long> live = new HashMap<>();
  /** Members who muted the room (they get notify = false); null when it must be read again. */
  private volatile Set<UUID> muted;
  /** The newest seq handed to the live subscribers; -1 until read. */
  private volatile long deliveredSeq = -1;

  RoomActor(UUID roomId, EventStore store, Executor executor, Host host) {
    this.roomId = roomId;
    this.store = store;
    this.executor = executor;
    this.host = host;
  }

  long deliveredSeq() {
    return deliveredSeq;
  }

  void enqueue(Command command) {
    inbox.add(command);
  }

  boolean idle() {
    return live.isEmpty() && inbox.isEmpty();
  }

  /** Someone (un)muted the room: read the muted members again before the next event. */
  void mutedChanged() {
    muted = null;
  }

  private Set<UUID> muted() {
    Set<UUID> known = muted;
    if (known == null) {
      known = store.mutedMembers(roomId);
      muted = known;
    }
    return known;
  }

  /** New events may exist: read them. */
  void wake() {
    dirty.set(true);
    schedule();
  }

  /** Events up to {@code seq} exist: read those not delivered yet. */
  void wake(long seq) {
    announcedSeq.accumulateAndGet(seq, Math::max);
    if (seq > deliveredSeq) {
      schedule(); // otherwise it was handed over and is delivered
    }
  }

  /**
   * New messages of the room, known without this room reading them (this instance committed
   * them, or the hub read them with other rooms'), and the timeline has reached at least
   * {@code through}: each is delivered without reading it when it is the next one; anything
   * else (what came between: other instances' commits, edits, membership) is read as usual.
   */
  void handOver(Collection<TimelineEvent> messages, long through) {
    handedOver.addAll(messages);
    wake(through);
  }

  void schedule() {
    if (work.getAndIncrement() == 0) {
      executor.execute(this);
    }
  }

  @Override
  public void run() {
    int missed = 1;
    do {
      try {
        step();
      } catch (RuntimeException e) {
        // The database is unreachable or a query failed: try again shortly; nothing was skipped.
        LOG.log(Level.WARNING, "delivery of room " + roomId + " failed; retrying", e);
        dirty.set(true);
        host.retryLater(this);
      }
      missed = work.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    if (deliveredSeq < 0) {
      deliveredSeq = store.lastSeqs(Set.of(roomId)).getOrDefault(roomId, 0L);
    }
    live.keySet().removeIf(s -> !s.isOpen());
    // Read before taking the handed-over messages: a hand-over queues its messages before it
    // raises this, so what it announced is then among them and need not be read.
    long announced = announcedSeq.get();
    deliverHandedOver();
    if (dirty.getAndSet(false) || deliveredSeq < announced) {
      catchUp();
    }
    Command command;
    while ((command = inbox.peek()) != null) {
      if (command instanceof Replay replay) {
        // Everything committed before the command was sent is delivered with it (CaughtUp
        // means caught up), and a removal still unread is applied before a re-join. If this
        // read fails the command stays queued and is retried.
        catchUp();
        inbox.poll();
        try {
          replay(replay);
        } catch (RuntimeException e) {
          // Part of the replay may have been sent: the client resumes from its cursors instead.
          replay.subscriber().end(Status.UNAVAILABLE.withDescription(
              "Delivery could not read the database. Subscribe again with your cursors."));
          if (replay.done() != null) {
            replay.done().run();
          }
          throw e;
        }
      } else {
        inbox.poll();
        live.remove(((Leave) command).subscriber());
      }
    }
    host.idle(this);
  }

  /**
   * Delivers the handed-over messages that continue the timeline without a gap. Only new
   * messages are handed over, and everything else (membership, edits) is read, so what is
   * delivered from memory is exactly what {@link #catchUp} would have read.
   */
  private void deliverHandedOver() {
    List<TimelineEvent> events = new ArrayList<>();
    TimelineEvent next;
    while ((next = handedOver.poll()) != null) {
      events.add(next);
    }
    if (events.isEmpty()) {
      return;
    }
    events.sort(Comparator.comparingLong(TimelineEvent::seq));
    Set<UUID> muted = null;
    for (TimelineEvent event : events) {
      if (event.seq() != deliveredSeq + 1 || event.kind() != TimelineEvent.Kind.MESSAGE_CREATED) {
        continue; // delivered already, or behind a gap that catchUp reads (as it reads all but new messages)
      }
      if (muted == null) {
        muted = muted();
      }
      dispatch(event, live, muted);
      deliveredSeq = event.seq();
    }
  }

  /** Hands every event after {@link #deliveredSeq} to the live subscribers. */
  private void catchUp() {
    while (true) {
      List<TimelineEvent> events = store.after(roomId, deliveredSeq, BATCH);
      if (events.isEmpty()) {
        return;
      }
      Set<UUID> muted = muted();
      for (TimelineEvent event : events) {
        if (event.seq() != deliveredSeq + 1) {
          // Not expected (seqs are gapless and commit in order), but never skip: read again soon.
          LOG.warning(() -> "gap in room " + roomId + " after seq " + deliveredSeq + "; reading again");
          dirty.set(true);
          host.retryLater(this);
          return;
        }
        dispatch(event, live, muted);
        if (event.kind() == TimelineEvent.Kind.MEMBER_REMOVED) {
          UUID gone = event.member().userId();
          live.keySet().removeIf(s -> {
            boolean leaves = s.userId().equals(gone);
            if (leaves) {
              s.rooms().remove(roomId);
            }
            return leaves;
          });
          host.membershipChanged(gone);
        } else if (event.kind() == TimelineEvent.Kind.MEMBER_ADDED) {
          host.membershipChanged(event.member().userId());
        }
        deliveredSeq = event.seq();
      }
      if (events.size() < BATCH) {
        return;
      }
    }
  }

  /** Sends one event to each subscriber that does not have it yet, serialized at most twice. */
  private static void dispatch(TimelineEvent event, Map<Subscriber, Long> to, Set<UUID> muted) {
    byte[] notifying = null;
    byte[] silent = null;
    for (Map.Entry<Subscriber, Long> entry : to.entrySet()) {
      if (event.seq() <= entry.getValue()) {
        continue;
      }
      Subscriber s = entry.getKey();
      boolean notify = !s.userId().equals(event.actorId()) && !muted.contains(s.userId());
      if (notify) {
        if (notifying == null) {
          notifying = EventProtos.event(event, true).toByteArray();
        }
        s.offer(notifying);
      } else {
        if (silent == null) {
          silent = EventProtos.event(event, false).toByteArray();
        }
        s.offer(silent);
      }
    }
  }

  private void replay(Replay replay) {
    Subscriber s = replay.subscriber();
    if (s.isOpen() && !live.containsKey(s)) {
      if (replay.announcement() != null) {
        s.offer(replay.announcement());
      }
      boolean removed = replayTo(s, replay.after(), Math.min(replay.through(), deliveredSeq));
      if (replay.live() && !removed) {
        track(s);
      }
    }
    if (replay.done() != null) {
      replay.done().run();
    }
  }

  /** Sends events (after, through] to one subscriber; true if it ended with their removal. */
  private boolean replayTo(Subscriber s, long after, long through) {
    Map<Subscriber, Long> only = Map.of(s, after);
    long at = after;
    while (at < through && s.isOpen()) {
      List<TimelineEvent> events = store.after(roomId, at, BATCH);
      if (events.isEmpty()) {
        return false;
      }
      Set<UUID> muted = muted();
      for (TimelineEvent event : events) {
        if (event.seq() > through) {
          return false;
        }
        dispatch(event, only, muted);
        at = event.seq();
        if (event.kind() == TimelineEvent.Kind.MEMBER_REMOVED && event.member().userId().equals(s.userId())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Adds a live subscriber from {@link #deliveredSeq} on. The check after recording the room
   * pairs with {@link Subscriber#end}, which marks the stream ended before its rooms are read:
   * either it sees this room and sends a Leave, or this sees the stream ended.
   */
  private void track(Subscriber s) {
    live.put(s, deliveredSeq);
    s.rooms().add(roomId);
    if (!s.isOpen()) {
      live.remove(s);
    }
  }
}
