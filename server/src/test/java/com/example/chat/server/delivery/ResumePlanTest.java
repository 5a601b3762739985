package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.chat.server.delivery.EventStore.LogEntry;
import com.example.chat.server.delivery.EventStore.Membership;
import com.example.chat.server.delivery.EventStore.ResumeState;
import com.example.chat.server.delivery.ResumePlan.Step;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The resume rules, room by room, without a database. */
class ResumePlanTest {
  private static final UUID ROOM = UUID.randomUUID();
  private static final long ALL = Long.MAX_VALUE;

  private static ResumeState state(Membership member, List<Long> removals, List<LogEntry> since) {
    return new ResumeState(9, member == null ? Map.of() : Map.of(ROOM, member),
        removals.isEmpty() ? Map.of() : Map.of(ROOM, removals), since);
  }

  @Test
  void aCursorInTheCurrentMembershipReplaysAfterIt() {
    var plan = ResumePlan.of(state(new Membership(ROOM, 3, 40), List.of(), List.of()), Map.of(ROOM, 20L), null);
    assertThat(plan).containsExactly(new Step(ROOM, 20, ALL, false, true));
  }

  @Test
  void aCursorFromBeforeTheMembershipBeganReplaysFromTheJoinOnly() {
    var plan = ResumePlan.of(state(new Membership(ROOM, 30, 40), List.of(), List.of()), Map.of(ROOM, 0L), null);
    assertThat(plan).containsExactly(new Step(ROOM, 29, ALL, false, true));
  }

  @Test
  void aCursorForALostRoomReplaysUpToAndIncludingTheFirstRemovalAfterIt() {
    var plan = ResumePlan.of(state(null, List.of(5L, 25L, 35L), List.of()), Map.of(ROOM, 20L), null);
    assertThat(plan).containsExactly(new Step(ROOM, 20, 25, false, false));
  }

  @Test
  void aCursorAtOrAfterTheRemovalGetsNothing() {
    assertThat(ResumePlan.of(state(null, List.of(25L), List.of()), Map.of(ROOM, 25L), null)).isEmpty();
  }

  @Test
  void removedAndBackWhileAwayGetsTheRemovalThenTheRoomAgainFromTheRejoin() {
    var plan = ResumePlan.of(state(new Membership(ROOM, 30, 40), List.of(25L), List.of()), Map.of(ROOM, 20L), null);
    assertThat(plan).containsExactly(new Step(ROOM, 20, 25, false, false), new Step(ROOM, 29, ALL, true, true));
  }

  @Test
  void withAPositionARoomJoinedSinceIsAnnouncedAndReplayedFromTheJoin() {
    var joined = new LogEntry(8, ROOM, true, 30);
    var plan = ResumePlan.of(state(new Membership(ROOM, 30, 40), List.of(), List.of(joined)), Map.of(), 5L);
    assertThat(plan).containsExactly(new Step(ROOM, 29, ALL, true, true));
  }

  @Test
  void withAPositionAKnownRoomWithoutCursorIsAnnouncedAgainAndReplayedFromTheJoin() {
    var plan = ResumePlan.of(state(new Membership(ROOM, 0, 40), List.of(), List.of()), Map.of(), 5L);
    assertThat(plan).containsExactly(new Step(ROOM, 0, ALL, true, true));
  }

  @Test
  void withAPositionARoomLostSinceGetsItsRemoval() {
    var lost = new LogEntry(8, ROOM, false, 31);
    var plan = ResumePlan.of(state(null, List.of(), List.of(lost)), Map.of(), 5L);
    assertThat(plan).containsExactly(new Step(ROOM, 30, 31, false, false));
  }

  @Test
  void withAPositionARoomJoinedAndLostSinceIsNothing() {
    var plan = ResumePlan.of(state(null, List.of(), List.of(new LogEntry(6, ROOM, true, 30),
        new LogEntry(7, ROOM, false, 31))), Map.of(), 5L);
    assertThat(plan).isEmpty();
  }

  @Test
  void withoutCursorOrPositionTheRoomIsLiveFromNow() {
    var plan = ResumePlan.of(state(new Membership(ROOM, 0, 40), List.of(), List.of()), Map.of(), null);
    assertThat(plan).containsExactly(new Step(ROOM, ResumePlan.NOW, ALL, false, true));
  }

  @Test
  void cursorsForRoomsNeverJoinedOrAheadOfTheRoomAreRefused() {
    assertThatThrownBy(() -> ResumePlan.of(state(null, List.of(), List.of()), Map.of(ROOM, 1L), null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ResumePlan.of(state(new Membership(ROOM, 0, 40), List.of(), List.of()),
        Map.of(ROOM, 41L), null)).isInstanceOf(InvalidInputException.class);
  }
}
