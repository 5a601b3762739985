package com.example.chat.server.delivery;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.messages.MessageRecord;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.rooms.RoomView;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * This instance's live delivery. It owns the open Subscribe streams ({@link OpenStreams}), a
 * {@link RoomActor} for every room that has at least one of them, each stream's
 * {@link MembershipFeed}, heartbeats for silent streams, and the checks that end streams whose
 * account changed ({@link AccountWatch}). Wake-ups come from PostgreSQL notifications
 * ({@link PgListener}), and many rooms named together are read together
 * ({@link #timelinesChanged}); a slow periodic sweep catches anything a lost notification hid.
 */
public final class DeliveryHub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DeliveryHub.class.getName());
  /** In {@link #timelinesChanged}: the announcement did not say how far (read up to the newest). */
  public static final long SEQ_UNKNOWN = Long.MAX_VALUE;
  /** Rooms whose new messages are read with one statement when an announcement names many. */
  private static final int ROOMS_PER_READ = 200;
  /**
   * Messages read per room that way (a room reads any more itself): at most 5,000 rows a
   * statement, as much as ten of a room's own reads.
   */
  private static final int MESSAGES_PER_ROOM = 25;

  /** The room as a person sees it (NotFoundException when it is not theirs). */
  public interface RoomLookup {
    RoomView view(Person person, UUID roomId);
  }

  /**
   * Delivery settings.
   *
   * @param queueCapacity events a stream may fall behind before it is ended
   * @param threads size of the delivery pool
   * @param sweepEvery how often to look for changes whose announcement never arrived
   * @param heartbeatEvery how long a stream may stay silent before it carries a heartbeat
   * @param accountCheckEvery how often open streams are checked against their accounts
   */
  public record Settings(int queueCapacity, int threads, Duration sweepEvery, Duration heartbeatEvery,
      Duration accountCheckEvery) {}

  private final EventStore store;
  private final RoomLookup rooms;
  private final Settings settings;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final ConcurrentHashMap<UUID, RoomActor> actors = new ConcurrentHashMap<>();
  private final OpenStreams streams = new OpenStreams();
  private final MembershipFeed feed;
  private final ReadCursorFanOut readCursors;
  private final AccountWatch accounts;
  /** The membership clock when a sweep last found every stream up to date with its log (0: none yet). */
  private long settledClock;
  private final RoomActor.Host host = new RoomActor.Host() {
    @Override
    public void retryLater(RoomActor actor) {
      timer.schedule(() -> actor.wake(), 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void idle(RoomActor actor) {
      actors.computeIfPresent(actor.roomId, (k, a) -> a == actor && a.idle() ? null : a);
    }

    @Override
    public void membershipChanged(UUID userId) {
      streams.of(userId).forEach(feed::changed);
    }
  };

  public DeliveryHub(EventStore store, RoomLookup rooms, MessageRepository messages, Settings settings) {
    this.store = store;
    this.rooms = rooms;
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, "delivery-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "delivery-timer");
      t.setDaemon(true);
      return t;
    });
    this.feed = new MembershipFeed(store, this::roomCreated, this::send, executor);
    this.readCursors = new ReadCursorFanOut(streams, messages, executor);
    this.accounts = new AccountWatch(store, streams);
    every(settings.sweepEvery(), this::sweep);
    every(settings.accountCheckEvery(), accounts::checkAll);
    // Checked ten times per interval, so a silent stream hears from us within 1.1 intervals.
    every(settings.heartbeatEvery().dividedBy(10), this::heartbeats);
  }

  private void every(Duration period, Runnable task) {
    long millis = Math.max(10, period.toMillis());
    timer.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens a stream for a person with their validated cursors and membership position (null
   * when the client gave none). The stream is registered before the state is read, so that a
   * change committed meanwhile wakes its feed; the resume then runs room by room on the room
   * actors, and CaughtUp follows when every step has.
   */
  public void open(Person person, ServerCallStreamObserver<byte[]> out, Map<UUID, Long> cursors, Long position) {
    Subscriber s = new Subscriber(person, out, settings.queueCapacity(), this::release);
    streams.add(s);
    List<Map.Entry<UUID, RoomActor.Replay>> replays = new ArrayList<>();
    try {
      EventStore.ResumeState state = store.resumeState(s.userId(), cursors.keySet(), position);
      s.membershipPosition(state.position());
      Runnable done = () -> {
        if (s.replayDone()) {
          feed.changed(s);
        }
      };
      for (ResumePlan.Step step : ResumePlan.of(state, cursors, position)) {
        byte[] announcement = null;
        if (step.announce()) {
          // Positions move only with CaughtUp during a resume: rooms are resumed in parallel.
          announcement = roomCreated(s, step.roomId(), 0);
          if (announcement == null) {
            continue; // lost since the snapshot; the live feed moves past it
          }
        }
        replays.add(Map.entry(step.roomId(),
            new RoomActor.Replay(s, step.after(), step.through(), announcement, step.live(), done)));
      }
    } catch (RuntimeException e) {
      streams.remove(s); // the call is answered with this error; nothing was sent on it yet
      throw e;
    }
    out.setOnCancelHandler(() -> s.end(Status.CANCELLED.withDescription("The stream was cancelled.")));
    s.expectReplays(replays.size());
    replays.forEach(replay -> send(replay.getKey(), replay.getValue()));
    if (s.replayDone()) {
      feed.changed(s);
    }
  }

  private byte[] roomCreated(Subscriber s, UUID roomId, long position) {
    try {
      return EventProtos.roomCreated(rooms.view(s.person(), roomId), position);
    } catch (NotFoundException gone) {
      return null;
    }
  }

  /** Releases an ended stream: no user index entry, no room delivers to it. */
  private void release(Subscriber s) {
    streams.remove(s);
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
    return streams.count();
  }

  /** The number of rooms with live delivery here; for tests and metrics. */
  public int activeRooms() {
    return actors.size();
  }

  private void send(UUID roomId, RoomActor.Command command) {
    RoomActor actor = actors.compute(roomId, (k, a) -> {
      RoomActor target = a == null ? new RoomActor(roomId, store, executor, host) : a;
      target.enqueue(command);
      return target;
    });
    actor.schedule();
  }

  /** The room's timeline may have grown. */
  public void timelineChanged(UUID roomId) {
    RoomActor actor = actors.get(roomId);
    if (actor != null) {
      actor.wake();
    }
  }

  /**
   * Room timelines have grown, each to the seq given for it ({@link #SEQ_UNKNOWN} when not
   * known); the map is not kept. When several rooms delivered here are behind, their new
   * messages are read together, with one statement for up to {@value #ROOMS_PER_READ} rooms
   * instead of one per room, and handed to the rooms, which deliver those that continue their
   * timelines and read anything else themselves (edits, membership, renames; more messages
   * than were read). The other rooms are woken to read for themselves, as are all of them if
   * the shared read fails.
   */
  public void timelinesChanged(Map<UUID, Long> newest) {
    List<UUID> behind = new ArrayList<>();
    newest.forEach((roomId, seq) -> {
      RoomActor actor = actors.get(roomId);
      if (actor != null && actor.deliveredSeq() >= 0 && actor.deliveredSeq() < seq) {
        behind.add(roomId);
      } else {
        wake(roomId, seq);
      }
    });
    if (behind.size() < 2) {
      behind.forEach(roomId -> wake(roomId, newest.get(roomId)));
      return;
    }
    for (int from = 0; from < behind.size(); from += ROOMS_PER_READ) {
      Map<UUID, Long> part = new HashMap<>();
      behind.subList(from, Math.min(behind.size(), from + ROOMS_PER_READ))
          .forEach(roomId -> part.put(roomId, newest.get(roomId)));
      executor.execute(() -> readTogether(part));
    }
  }

  /** Reads the new messages of these rooms with one statement and hands them over. */
  private void readTogether(Map<UUID, Long> newest) {
    List<EventStore.Range> ranges = new ArrayList<>();
    newest.forEach((roomId, seq) -> {
      RoomActor actor = actors.get(roomId);
      long delivered = actor == null ? -1 : actor.deliveredSeq();
      if (delivered >= 0 && delivered < seq) {
        ranges.add(new EventStore.Range(roomId, delivered, seq));
      } else {
        wake(roomId, seq); // delivered meanwhile, or a new actor: it reads for itself
      }
    });
    Map<UUID, EventStore.NewMessages> found;
    try {
      found = store.newMessages(ranges, MESSAGES_PER_ROOM);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not read " + ranges.size() + " rooms together; each reads for itself", e);
      found = Map.of();
    }
    for (EventStore.Range range : ranges) {
      EventStore.NewMessages messages = found.get(range.roomId());
      RoomActor actor = actors.get(range.roomId());
      if (messages == null || actor == null) {
        wake(range.roomId(), range.through());
      } else {
        actor.handOver(messages.messages(), messages.through());
      }
    }
  }

  private void wake(UUID roomId, long seq) {
    if (seq == SEQ_UNKNOWN) {
      timelineChanged(roomId);
      return;
    }
    RoomActor actor = actors.get(roomId);
    if (actor != null) {
      actor.wake(seq);
    }
  }

  /** Statements that read room timelines so far; for tests and metrics. */
  public long timelineReads() {
    return store.timelineReads();
  }

  /**
   * A message this instance has just committed: its room's subscribers here get it without
   * the actor reading it back (other instances read it when the announcement arrives).
   */
  public void committed(MessageRecord message) {
    RoomActor actor = actors.get(message.roomId());
    if (actor != null) {
      actor.handOver(List.of(new TimelineEvent(message.roomId(), message.seq(), TimelineEvent.Kind.MESSAGE_CREATED,
          message.senderId(), message, null, null)), message.seq());
    }
  }

  /**
   * The room's membership may have changed (or the room is new): local users who are members
   * follow their membership log, which tells them of the room.
   */
  public void membershipChanged(UUID roomId) {
    timelineChanged(roomId);
    executor.execute(() -> {
      try {
        store.membersAmong(roomId, streams.users()).forEach(host::membershipChanged);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not look up the members of room " + roomId + "; the sweep retries", e);
      }
    });
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
    readCursors.moved(roomId, userId);
  }

  /**
   * A user's account changed (deactivated, new role or company): their streams may have to end.
   * Checked on the caller's (the listener's) thread, so that the streams end before the
   * announcements after this one, such as a message sent after a deactivation, are handled.
   */
  public void accountChanged(UUID userId) {
    accounts.check(Set.of(userId));
  }

  /** After a lost notification connection: read every room, every membership and account again. */
  public void catchUpAll() {
    actors.values().forEach(actor -> {
      actor.mutedChanged();
      actor.wake();
    });
    executor.execute(this::sweep);
    executor.execute(accounts::checkAll);
  }

  /**
   * The safety net for announcements lost between a commit and its notification (a crash in
   * between): wakes rooms whose newest seq is ahead of what was delivered, and the membership
   * feed of streams whose user's log is ahead of them. The logs are only looked at when the
   * membership clock has moved since a sweep found every stream up to date with them: that
   * look costs a lookup per connected user (400 ms for 11,000 users every sweep), the clock one
   * row. Streams opened since start up to date (their resume reads the log).
   */
  synchronized void sweep() {
    try {
      store.lastSeqs(Set.copyOf(actors.keySet())).forEach((roomId, seq) -> {
        RoomActor actor = actors.get(roomId);
        if (actor != null && actor.deliveredSeq() >= 0 && seq > actor.deliveredSeq()) {
          actor.wake();
        }
      });
      // Read before the logs: every position up to it is committed (the clock's row lock orders them).
      long clock = store.membershipClock();
      if (clock == settledClock) {
        return;
      }
      boolean behind = false;
      for (Map.Entry<UUID, Long> log : store.logPositions(streams.users(), settledClock).entrySet()) {
        for (Subscriber s : streams.of(log.getKey())) {
          if (s.membershipPosition() < log.getValue()) {
            feed.changed(s);
            behind = true;
          }
        }
      }
      if (!behind) {
        settledClock = clock;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivery sweep failed; next one will retry", e);
    }
  }

  /** Streams silent for the heartbeat interval carry a heartbeat (with their membership position). */
  private void heartbeats() {
    long silentSince = System.nanoTime() - settings.heartbeatEvery().toNanos();
    streams.forEach(s -> {
      if (s.lastOfferNanos() - silentSince <= 0) {
        s.offer(EventProtos.heartbeat(s.caughtUp() ? s.membershipPosition() : 0));
      }
    });
  }

  /** Ends every stream with UNAVAILABLE so that clients reconnect (to another instance). */
  @Override
  public void close() {
    Status bye = Status.UNAVAILABLE.withDescription("The server is shutting down; reconnect with your cursors.");
    streams.forEach(s -> s.end(bye));
    timer.shutdownNow();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
