package com.example.chat.server.delivery;

import com.example.chat.server.delivery.EventStore.LogEntry;
import com.example.chat.server.delivery.EventStore.Membership;
import com.example.chat.server.delivery.EventStore.ResumeState;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a new stream must be sent before CaughtUp, room by room, decided from the client's
 * cursors and membership position and the server's state in one snapshot:
 * <ul>
 *   <li>a cursor in the current membership: the room after the cursor;
 *   <li>a cursor from before a removal: the room up to and including that removal, then (if
 *       the user is back) RoomCreated and the room from the re-join;
 *   <li>with a membership position: for a room lost since it the removal; for every room of
 *       the caller without a cursor (joined since, or known but with none of its events yet)
 *       RoomCreated and the room from the join. Announcing known rooms again costs little and
 *       means a position may run ahead of the RoomCreated events a client has received;
 *   <li>otherwise: the room live from now.
 * </ul>
 */
final class ResumePlan {
  /** Live only: nothing is replayed. */
  static final long NOW = Long.MAX_VALUE;

  /**
   * One replay for one room, in order.
   *
   * @param after the seq after which to replay, or {@link #NOW}
   * @param through the last seq to replay ({@link Long#MAX_VALUE}: up to the newest)
   * @param announce whether RoomCreated precedes it
   * @param live whether the stream then stays in the room
   */
  record Step(UUID roomId, long after, long through, boolean announce, boolean live) {}

  private ResumePlan() {}

  static List<Step> of(ResumeState state, Map<UUID, Long> cursors, Long position) {
    Map<UUID, LogEntry> firstChangeSince = new HashMap<>();
    for (LogEntry entry : state.since()) {
      firstChangeSince.putIfAbsent(entry.roomId(), entry);
    }
    Set<UUID> rooms = new LinkedHashSet<>(cursors.keySet());
    rooms.addAll(state.memberships().keySet());
    rooms.addAll(firstChangeSince.keySet());
    List<Step> steps = new ArrayList<>();
    for (UUID room : rooms) {
      Membership member = state.memberships().get(room);
      Long cursor = cursors.get(room);
      if (cursor != null) {
        withCursor(room, cursor, member, state.removals().getOrDefault(room, List.of()), steps);
      } else if (position != null) {
        LogEntry first = firstChangeSince.get(room);
        if (first != null && !first.joined()) {
          steps.add(new Step(room, first.seq() - 1, first.seq(), false, false));
        }
        if (member != null) {
          steps.add(new Step(room, fromJoin(member), Long.MAX_VALUE, true, true));
        }
      } else if (member != null) {
        steps.add(new Step(room, NOW, Long.MAX_VALUE, false, true));
      }
    }
    return steps;
  }

  private static void withCursor(UUID room, long cursor, Membership member, List<Long> removals, List<Step> steps) {
    if (member == null && removals.isEmpty()) {
      throw new NotFoundException("ROOM_NOT_FOUND", "A cursor names room " + room + ", which you are not a member of.");
    }
    if (member != null && cursor > member.lastSeq()) {
      throw InvalidInputException.of("cursors", "the cursor of room " + room + " is at seq " + cursor
          + ", beyond the room's newest seq " + member.lastSeq());
    }
    Long removal = removals.stream().filter(seq -> seq > cursor).findFirst().orElse(null);
    boolean lostSinceCursor = removal != null && (member == null || removal < member.joinedSeq());
    if (lostSinceCursor) {
      steps.add(new Step(room, cursor, removal, false, false));
      if (member != null) {
        steps.add(new Step(room, fromJoin(member), Long.MAX_VALUE, true, true));
      }
    } else if (member != null) {
      // Nothing from before this membership began is theirs to see.
      steps.add(new Step(room, Math.max(cursor, fromJoin(member)), Long.MAX_VALUE, false, true));
    }
  }

  /** Replaying after this seq starts with the event that began the membership. */
  private static long fromJoin(Membership member) {
    return Math.max(0, member.joinedSeq() - 1);
  }
}
