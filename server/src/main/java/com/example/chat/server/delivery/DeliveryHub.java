package com.example.chat.server.delivery;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.delivery.EventStore.Membership;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.rooms.Rooms;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's live delivery: the open Subscribe streams by user, and a {@link RoomActor}
 * for every room that has at least one of them. Wake-ups come from PostgreSQL notifications
 * ({@link PgListener}); a slow periodic sweep catches anything a lost notification hid.
 */
public final class DeliveryHub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DeliveryHub.class.getName());

  private final EventStore store;
  private final Rooms rooms;
  private final MessageRepository messages;
  private final int queueCapacity;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final ConcurrentHashMap<UUID, RoomActor> actors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, Set<Subscriber>> byUser = new ConcurrentHashMap<>();

  public DeliveryHub(EventStore store, Rooms rooms, MessageRepository messages, int queueCapacity,
      int threads, Duration sweepEvery) {
    this.store = store;
    this.rooms = rooms;
    this.messages = messages;
    this.queueCapacity = queueCapacity;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "delivery-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "delivery-sweep");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::sweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  EventStore store() {
    return store;
  }

  ExecutorService executor() {
    return executor;
  }

  /**
   * Starts delivering to a new stream. The stream is registered under its user before the
   * memberships are read, so a room joined meanwhile is not missed; then each room replays
   * after its cursor (or starts live) and the stream gets CaughtUp when all have.
   */
  void subscribe(Subscriber s, Map<UUID, Long> cursors) {
    byUser.computeIfAbsent(s.userId(), k -> ConcurrentHashMap.newKeySet()).add(s);
    Map<UUID, Membership> memberships;
    try {
      memberships = store.memberships(s.userId());
      for (Map.Entry<UUID, Long> cursor : cursors.entrySet()) {
        Membership m = memberships.get(cursor.getKey());
        if (m == null) {
          throw new NotFoundException("ROOM_NOT_FOUND",
              "A cursor names room " + cursor.getKey() + ", which you are not a member of.");
        }
        if (cursor.getValue() > m.lastSeq()) {
          throw InvalidInputException.of("cursors", "the cursor of room " + cursor.getKey() + " is at seq "
              + cursor.getValue() + ", beyond the room's newest seq " + m.lastSeq());
        }
      }
    } catch (RuntimeException e) {
      forget(s); // the call is answered with this error; nothing was sent on it yet
      throw e;
    }
    s.stream().setOnCancelHandler(() -> s.end(Status.CANCELLED.withDescription("The stream was cancelled.")));
    if (memberships.isEmpty()) {
      s.offer(EventProtos.CAUGHT_UP);
      return;
    }
    s.expectReplays(memberships.size());
    for (Membership m : memberships.values()) {
      Long cursor = cursors.get(m.roomId());
      if (cursor != null && m.joinedSeq() > 0) {
        // Nothing from before this membership began is theirs to see.
        cursor = Math.max(cursor, m.joinedSeq() - 1);
      }
      send(m.roomId(), new RoomActor.Join(s, cursor, false, true));
    }
  }

  private void forget(Subscriber s) {
    byUser.computeIfPresent(s.userId(), (k, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  /** Releases an ended stream: no user index entry, no room delivers to it. */
  private void release(Subscriber s) {
    forget(s);
    for (UUID roomId : s.rooms()) {
      RoomActor actor = actors.get(roomId);
      if (actor != null) {
        actor.enqueue(new RoomActor.Leave(s));
        actor.schedule();
      }
    }
  }

  /** The number of open streams; for tests and metrics. */
  public int subscriberCount() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  /** The number of rooms with live delivery here; for tests and metrics. */
  public int activeRooms() {
    return actors.size();
  }

  private void send(UUID roomId, RoomActor.Command command) {
    RoomActor actor = actors.compute(roomId, (k, a) -> {
      RoomActor target = a == null ? new RoomActor(roomId, this) : a;
      target.enqueue(command);
      return target;
    });
    actor.schedule();
  }

  /** Called by the actor itself when it has nobody to deliver to. */
  void retireIfIdle(RoomActor actor) {
    actors.computeIfPresent(actor.roomId, (k, a) -> a == actor && a.idle() ? null : a);
  }

  void retryLater(RoomActor actor) {
    timer.schedule(actor::wake, 200, TimeUnit.MILLISECONDS);
  }

  Set<Subscriber> subscribersOf(UUID userId) {
    return byUser.getOrDefault(userId, Set.of());
  }

  /** Sends the room as the subscriber sees it (they just got it). */
  void announceRoom(Subscriber s, UUID roomId) {
    s.offer(EventProtos.roomCreated(rooms.view(s.person(), roomId)));
  }

  /** The room's timeline may have grown. */
  public void timelineChanged(UUID roomId) {
    RoomActor actor = actors.get(roomId);
    if (actor != null) {
      actor.wake();
    }
  }

  /**
   * The room's membership may have grown (or the room is new): local users who are now
   * members start receiving it. Rooms already delivered here learn it from their timeline.
   */
  public void membershipChanged(UUID roomId) {
    RoomActor actor = actors.get(roomId);
    if (actor != null) {
      actor.wake();
      return;
    }
    executor.execute(() -> discover(roomId, true));
  }

  private void discover(UUID roomId, boolean announce) {
    try {
      Map<UUID, Long> members = store.membersAmong(roomId, Set.copyOf(byUser.keySet()));
      for (Map.Entry<UUID, Long> member : members.entrySet()) {
        for (Subscriber s : subscribersOf(member.getKey())) {
          if (!s.rooms().contains(roomId)) {
            send(roomId, new RoomActor.Join(s, Math.max(0, member.getValue() - 1), announce, false));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not look up the members of room " + roomId, e);
    }
  }

  /** Someone (un)muted the room: its notify flags must be decided afresh. */
  public void mutedChanged(UUID roomId) {
    RoomActor actor = actors.get(roomId);
    if (actor != null) {
      actor.mutedChanged();
    }
  }

  /** A user's read cursor moved: tell their streams (their other devices). */
  public void readCursorMoved(UUID roomId, UUID userId) {
    Set<Subscriber> streams = subscribersOf(userId);
    if (streams.isEmpty()) {
      return;
    }
    executor.execute(() -> {
      var state = messages.readState(roomId, userId);
      byte[] event = EventProtos.readCursorMoved(roomId, state.lastReadSeq(), state.unread());
      streams.forEach(s -> s.offer(event));
    });
  }

  /** After a lost notification connection: read every room (and its muted members) again. */
  public void catchUpAll() {
    actors.values().forEach(actor -> {
      actor.mutedChanged();
      actor.wake();
    });
    executor.execute(this::sweep);
  }

  /**
   * The safety net for announcements lost between a commit and its notification (a crash in
   * between): wakes rooms whose newest seq is ahead of what was delivered, and finds rooms
   * that local users joined without this instance hearing of it.
   */
  void sweep() {
    try {
      Map<UUID, Long> latest = store.lastSeqs(Set.copyOf(actors.keySet()));
      latest.forEach((roomId, seq) -> {
        RoomActor actor = actors.get(roomId);
        if (actor != null && actor.deliveredSeq() >= 0 && seq > actor.deliveredSeq()) {
          actor.wake();
        }
      });
      Map<UUID, Set<UUID>> roomsOfLocalUsers = store.roomsOf(Set.copyOf(byUser.keySet()));
      roomsOfLocalUsers.forEach((roomId, users) -> {
        boolean missing = users.stream().flatMap(u -> subscribersOf(u).stream())
            .anyMatch(s -> !s.rooms().contains(roomId));
        if (missing && !actors.containsKey(roomId)) {
          discover(roomId, true);
        }
      });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivery sweep failed; next one will retry", e);
    }
  }

  /** Ends every stream with UNAVAILABLE so that clients reconnect (to another instance). */
  @Override
  public void close() {
    Status bye = Status.UNAVAILABLE.withDescription("The server is shutting down; reconnect with your cursors.");
    byUser.values().forEach(set -> set.forEach(s -> s.end(bye)));
    timer.shutdownNow();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Opens a stream for a person with their validated cursors. */
  public void open(Person person, io.grpc.stub.ServerCallStreamObserver<byte[]> out, Map<UUID, Long> cursors) {
    subscribe(new Subscriber(person, out, queueCapacity, this::release), cursors);
  }
}
