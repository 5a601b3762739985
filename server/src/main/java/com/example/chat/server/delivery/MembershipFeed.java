package com.example.chat.server.delivery;

import com.example.chat.server.delivery.EventStore.LogEntry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells an open stream about rooms its user joins, following the user's membership log: the
 * room's actor sends RoomCreated (carrying the log position) and then the room from the join,
 * after anything of an earlier membership it still had to deliver (its removal). Removals need
 * nothing here: the room's actor delivers the removal and drops the stream; the position just
 * moves past them. A membership that has ended again by the time the feed reads it is not
 * announced at all: the client's rooms are the same without it.
 *
 * <p>Rooms are delivered in parallel, so a client may hold a position whose RoomCreated it has
 * not received yet; that is safe because a resume with a position announces every room of the
 * caller that has no cursor ({@link ResumePlan}).
 *
 * <p>Runs only after the stream's CaughtUp (the resume covered the log up to its position);
 * runs for one stream one at a time.
 */
final class MembershipFeed {
  private static final Logger LOG = Logger.getLogger(MembershipFeed.class.getName());

  private final EventStore store;
  private final RoomCreatedEvents roomCreated;
  private final BiConsumer<UUID, RoomActor.Command> rooms;
  private final Executor executor;

  /** RoomCreated bytes for a person, or null when the room is no longer theirs to see. */
  interface RoomCreatedEvents {
    byte[] of(Subscriber s, UUID roomId, long membershipPosition);
  }

  MembershipFeed(EventStore store, RoomCreatedEvents roomCreated, BiConsumer<UUID, RoomActor.Command> rooms,
      Executor executor) {
    this.store = store;
    this.roomCreated = roomCreated;
    this.rooms = rooms;
    this.executor = executor;
  }

  /** The stream's user may have joined or left rooms: follow their log. */
  void changed(Subscriber s) {
    if (s.caughtUp() && s.isOpen() && s.feedWork().getAndIncrement() == 0) {
      executor.execute(() -> run(s));
    }
  }

  private void run(Subscriber s) {
    int missed = 1;
    do {
      try {
        follow(s);
      } catch (RuntimeException e) {
        // The periodic sweep finds the stream behind its user's log and tries again.
        LOG.log(Level.WARNING, "could not read the membership log of " + s.userId(), e);
      }
      missed = s.feedWork().addAndGet(-missed);
    } while (missed != 0);
  }

  private void follow(Subscriber s) {
    List<LogEntry> log = store.logAfter(s.userId(), s.membershipPosition());
    for (int i = 0; i < log.size() && s.isOpen(); i++) {
      LogEntry entry = log.get(i);
      if (entry.joined() && !endsLater(log, i)) {
        byte[] created = roomCreated.of(s, entry.roomId(), entry.position());
        if (created != null) {
          rooms.accept(entry.roomId(), RoomActor.Replay.live(s, Math.max(0, entry.seq() - 1), created, null));
        }
      }
      s.membershipPosition(entry.position());
    }
  }

  /** A membership that ended again further on in the same read is nothing to announce. */
  private static boolean endsLater(List<LogEntry> log, int index) {
    UUID room = log.get(index).roomId();
    for (int i = index + 1; i < log.size(); i++) {
      if (log.get(i).roomId().equals(room)) {
        return !log.get(i).joined();
      }
    }
    return false;
  }
}
