package com.example.chat.server.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one room's timeline to this instance's subscribers. Everything about the room
 * happens on one thread at a time (a work counter schedules it on the delivery pool), so
 * catching up, replays for new subscribers and membership changes never interleave: per
 * room, every subscriber gets each event once, in seq order.
 */
final class RoomActor implements Runnable {
  private static final Logger LOG = Logger.getLogger(RoomActor.class.getName());
  private static final int BATCH = 500;

  /** Something for the room to do besides catching up. */
  sealed interface Command {}

  /** A subscriber joins: replay after {@code cursor} (null: live only), announce the room if new to them. */
  record Join(Subscriber subscriber, Long cursor, boolean announce, boolean initial) implements Command {}

  /** A subscriber leaves (cancelled). */
  record Leave(Subscriber subscriber) implements Command {}

  final UUID roomId;
  private final DeliveryHub hub;
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final AtomicInteger work = new AtomicInteger();
  /** The subscribers and, for each, the last seq they have (events up to it are skipped). */
  private final Map<Subscriber, Long> live = new HashMap<>();
  /** Members who muted the room (they get notify = false); null when it must be read again. */
  private volatile Set<UUID> muted;
  /** The newest seq handed to the live subscribers; -1 until read. */
  private volatile long deliveredSeq = -1;

  RoomActor(UUID roomId, DeliveryHub hub) {
    this.roomId = roomId;
    this.hub = hub;
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
      known = hub.store().mutedMembers(roomId);
      muted = known;
    }
    return known;
  }

  /** New events may exist: read them. */
  void wake() {
    dirty.set(true);
    schedule();
  }

  void schedule() {
    if (work.getAndIncrement() == 0) {
      hub.executor().execute(this);
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
        hub.retryLater(this);
      }
      missed = work.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    if (deliveredSeq < 0) {
      deliveredSeq = hub.store().lastSeqs(Set.of(roomId)).getOrDefault(roomId, 0L);
    }
    live.keySet().removeIf(s -> !s.isOpen());
    if (dirty.getAndSet(false)) {
      catchUp();
    }
    Command command;
    while ((command = inbox.poll()) != null) {
      if (command instanceof Join join) {
        join(join);
      } else {
        live.remove(((Leave) command).subscriber());
      }
    }
    hub.retireIfIdle(this);
  }

  /** Hands every event after {@link #deliveredSeq} to the live subscribers. */
  private void catchUp() {
    while (true) {
      List<TimelineEvent> events = hub.store().after(roomId, deliveredSeq, BATCH);
      if (events.isEmpty()) {
        return;
      }
      Set<UUID> muted = muted();
      for (TimelineEvent event : events) {
        if (event.seq() != deliveredSeq + 1) {
          // Not expected (seqs are gapless and commit in order), but never skip: read again soon.
          LOG.warning(() -> "gap in room " + roomId + " after seq " + deliveredSeq + "; reading again");
          dirty.set(true);
          hub.retryLater(this);
          return;
        }
        if (event.kind() == TimelineEvent.Kind.MEMBER_ADDED) {
          for (Subscriber s : hub.subscribersOf(event.member().userId())) {
            if (!live.containsKey(s) && s.isOpen()) {
              hub.announceRoom(s, roomId);
              track(s, event.seq() - 1);
            }
          }
        }
        dispatch(event, live, muted);
        if (event.kind() == TimelineEvent.Kind.MEMBER_REMOVED) {
          live.keySet().removeIf(s -> s.userId().equals(event.member().userId()));
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

  private void join(Join join) {
    Subscriber s = join.subscriber();
    if (live.containsKey(s) || !s.isOpen()) {
      finishJoin(join);
      return;
    }
    if (join.announce()) {
      hub.announceRoom(s, roomId);
    }
    long cursor = join.cursor() == null ? deliveredSeq : join.cursor();
    if (cursor < deliveredSeq) {
      Set<UUID> muted = muted();
      Map<Subscriber, Long> only = Map.of(s, cursor);
      long at = cursor;
      while (at < deliveredSeq && s.isOpen()) {
        List<TimelineEvent> events = hub.store().after(roomId, at, BATCH);
        for (TimelineEvent event : events) {
          if (event.seq() > deliveredSeq) {
            break;
          }
          dispatch(event, only, muted);
          at = event.seq();
        }
        if (events.isEmpty()) {
          break;
        }
      }
    }
    track(s, Math.max(cursor, deliveredSeq));
    finishJoin(join);
  }

  /**
   * Adds a live subscriber. The check after recording the room pairs with
   * {@link Subscriber#end}, which marks the stream ended before its rooms are read: either it
   * sees this room and sends a Leave, or this sees the stream ended.
   */
  private void track(Subscriber s, long cursor) {
    live.put(s, cursor);
    s.rooms().add(roomId);
    if (!s.isOpen()) {
      live.remove(s);
    }
  }

  private static void finishJoin(Join join) {
    if (join.initial() && join.subscriber().replayDone()) {
      join.subscriber().offer(EventProtos.CAUGHT_UP);
    }
  }
}
