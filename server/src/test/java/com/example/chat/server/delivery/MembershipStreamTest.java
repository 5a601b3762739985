package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RemoveRoomMemberRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership on the stream: rooms joined and lost while away or while open, and CaughtUp. */
class MembershipStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  private static String id(String email) {
    return server.id(email).toString();
  }

  private static String group(String owner, String name, String... members) {
    var request = CreateGroupRoomRequest.newBuilder().setName(name);
    for (String m : members) {
      request.addMemberUserIds(id(m));
    }
    return rooms(owner).createGroupRoom(request.build()).getRoom().getRoomId();
  }

  private static RoomServiceGrpc.RoomServiceBlockingStub rooms(String email) {
    return server.as(email, RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  private static void add(String owner, String room, String member) {
    rooms(owner).addRoomMembers(AddRoomMembersRequest.newBuilder().setRoomId(room).addUserIds(id(member)).build());
  }

  private static void remove(String owner, String room, String member) {
    rooms(owner).removeRoomMember(RemoveRoomMemberRequest.newBuilder().setRoomId(room).setUserId(id(member)).build());
  }

  private static long send(String email, String room, String text) {
    return server.as(email, MessageServiceGrpc.newBlockingStub(server.channel()))
        .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build()).getMessage().getSeq();
  }

  private static List<String> texts(List<SubscribeResponse> events) {
    return events.stream().filter(SubscribeResponse::hasMessageCreated)
        .map(e -> e.getMessageCreated().getMessage().getText()).toList();
  }

  /** The events received before CaughtUp. */
  private static List<SubscribeResponse> beforeCaughtUp(EventCollector c) {
    List<SubscribeResponse> before = new ArrayList<>();
    for (SubscribeResponse e : c.events()) {
      if (e.hasCaughtUp()) {
        return before;
      }
      before.add(e);
    }
    throw new AssertionError("no CaughtUp");
  }

  private static List<SubscribeResponse> ofRoom(List<SubscribeResponse> events, String room) {
    return events.stream().filter(e -> e.getRoomId().equals(room)).toList();
  }

  private static boolean removes(SubscribeResponse e, String email) {
    return e.hasMemberRemoved() && e.getMemberRemoved().getUserId().equals(id(email));
  }

  @Test
  void roomsJoinedAndLostWhileAwayArriveBeforeCaughtUpAndNothingOfTheLostRoomAfterItsRemoval() throws Exception {
    String kept = group("tom@acme.example", "Kept", "eve@acme.example");
    String lost = group("tom@acme.example", "Lost", "eve@acme.example");
    String revisited = group("tom@acme.example", "Revisited", "eve@acme.example");
    EventCollector first = EventCollector.subscribe(server.channel(), server.token("eve@acme.example"), Map.of(), 0);
    first.awaitCaughtUp();
    assertThat(beforeCaughtUp(first)).as("position 0: every room of hers")
        .anyMatch(e -> e.hasRoomCreated() && e.getRoomId().equals(kept))
        .anyMatch(e -> e.hasRoomCreated() && e.getRoomId().equals(lost));
    send("tom@acme.example", lost, "seen");
    send("tom@acme.example", revisited, "seen too");
    first.await(e -> first.messagesOf(lost).size() == 1 && first.messagesOf(revisited).size() == 1, WAIT);
    first.cancel();
    Map<String, Long> cursors = first.cursors();
    long position = first.membershipPosition();
    assertThat(position).isPositive();

    // While she is away:
    send("tom@acme.example", lost, "missed before removal");
    remove("tom@acme.example", lost, "eve@acme.example");
    send("tom@acme.example", lost, "after removal");
    send("tom@acme.example", revisited, "missed before her removal");
    remove("tom@acme.example", revisited, "eve@acme.example");
    send("tom@acme.example", revisited, "while she was out");
    add("tom@acme.example", revisited, "eve@acme.example");
    send("tom@acme.example", revisited, "welcome back");
    String joinedA = group("tom@acme.example", "Joined A", "ed@acme.example");
    send("tom@acme.example", joinedA, "before eve");
    add("tom@acme.example", joinedA, "eve@acme.example");
    send("tom@acme.example", joinedA, "after eve joined");
    String joinedB = group("tom@acme.example", "Joined B", "eve@acme.example");
    send("tom@acme.example", joinedB, "history B");
    String joinedAndLeft = group("tom@acme.example", "Joined and left", "eve@acme.example");
    remove("tom@acme.example", joinedAndLeft, "eve@acme.example");

    EventCollector resumed = EventCollector.subscribe(server.channel(), server.token("eve@acme.example"), cursors, position);
    resumed.awaitCaughtUp();
    List<SubscribeResponse> before = beforeCaughtUp(resumed);

    List<SubscribeResponse> a = ofRoom(before, joinedA);
    assertThat(a.get(0).hasRoomCreated()).isTrue();
    assertThat(a.get(1).hasMemberAdded()).as("replayed from the join").isTrue();
    assertThat(texts(a)).containsExactly("after eve joined");
    List<SubscribeResponse> b = ofRoom(before, joinedB);
    assertThat(b.get(0).hasRoomCreated()).isTrue();
    assertThat(texts(b)).containsExactly("history B");

    List<SubscribeResponse> l = ofRoom(before, lost);
    assertThat(texts(l)).containsExactly("missed before removal");
    assertThat(removes(l.get(l.size() - 1), "eve@acme.example")).as("ends with her removal").isTrue();
    assertThat(l).noneMatch(SubscribeResponse::hasRoomCreated);

    List<SubscribeResponse> r = ofRoom(before, revisited);
    assertThat(texts(r)).containsExactly("missed before her removal", "welcome back");
    int created = r.indexOf(r.stream().filter(SubscribeResponse::hasRoomCreated).findFirst().orElseThrow());
    assertThat(removes(r.get(created - 1), "eve@acme.example")).as("the removal, then the room again").isTrue();

    assertThat(ofRoom(before, kept)).as("known, unchanged, no cursor: at most announced again")
        .allMatch(SubscribeResponse::hasRoomCreated);
    assertThat(ofRoom(before, joinedAndLeft)).as("joined and lost while away: nothing to tell").isEmpty();
    assertThat(resumed.membershipPosition()).isGreaterThan(position);

    send("tom@acme.example", lost, "still not for her");
    send("tom@acme.example", kept, "live");
    resumed.await(e -> resumed.messagesOf(kept).size() == 1, WAIT);
    assertThat(texts(resumed.of(lost))).containsExactly("missed before removal");
    assertThat(resumed.status()).as("the stream goes on").isNull();
    resumed.cancel();
  }

  @Test
  void aCursorForARoomLostWhileAwayReplaysUpToTheRemovalAndTheStreamGoesOn() throws Exception {
    String lost = group("maria@acme.example", "Lost without position", "ed@acme.example");
    String other = group("maria@acme.example", "Still here", "ed@acme.example");
    long seen = send("maria@acme.example", lost, "seen");
    send("maria@acme.example", lost, "missed");
    remove("maria@acme.example", lost, "ed@acme.example");
    send("maria@acme.example", lost, "not for ed");

    EventCollector ed = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of(lost, seen));
    ed.awaitCaughtUp();
    List<SubscribeResponse> l = ofRoom(beforeCaughtUp(ed), lost);
    assertThat(texts(l)).containsExactly("missed");
    assertThat(removes(l.get(l.size() - 1), "ed@acme.example")).isTrue();
    send("maria@acme.example", other, "live");
    ed.await(e -> ed.messagesOf(other).size() == 1, WAIT);
    assertThat(ed.of(lost)).hasSize(l.size());
    ed.cancel();
  }

  /**
   * The member is removed and added back again and again while messages flow and the stream
   * stays open: every re-add brings RoomCreated and then the room from the re-join, gap-free,
   * up to the next removal.
   */
  @Test
  void aMemberRemovedAndReAddedWhileTheStreamIsOpenGetsTheRoomBackEveryTimeGapFree() throws Exception {
    String room = group("tom@acme.example", "Revolving door", "ed@acme.example", "eve@acme.example");
    EventCollector ed = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
    ed.awaitCaughtUp();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(2);
    List<Future<?>> running = new ArrayList<>();
    for (String sender : List.of("tom@acme.example", "eve@acme.example")) {
      running.add(senders.submit(() -> {
        int i = 0;
        while (sending.get()) {
          send(sender, room, sender + " " + i++);
        }
        return null;
      }));
    }
    int readds = 15;
    for (int i = 0; i < readds; i++) {
      Thread.sleep(ThreadLocalRandom.current().nextInt(30));
      remove("tom@acme.example", room, "ed@acme.example");
      Thread.sleep(ThreadLocalRandom.current().nextInt(30));
      add("tom@acme.example", room, "ed@acme.example");
      // A membership that has ended again before the stream could tell of it is not announced
      // (the client's state is the same without it); so each one lasts until it is told.
      int told = i + 1;
      ed.await(e -> ed.of(room).stream().filter(SubscribeResponse::hasRoomCreated).count() == told, WAIT);
    }
    sending.set(false);
    for (Future<?> f : running) {
      f.get(30, TimeUnit.SECONDS);
    }
    senders.shutdown();
    send("tom@acme.example", room, "the end");
    ed.await(e -> texts(ed.of(room)).contains("the end"), WAIT);

    List<SubscribeResponse> events = ed.of(room);
    assertThat(events.stream().filter(SubscribeResponse::hasRoomCreated).count()).isEqualTo(readds);
    List<List<SubscribeResponse>> memberships = new ArrayList<>();
    List<SubscribeResponse> current = new ArrayList<>();
    for (SubscribeResponse e : events) {
      if (e.hasRoomCreated()) {
        memberships.add(current);
        current = new ArrayList<>();
      } else {
        current.add(e);
      }
    }
    memberships.add(current);
    for (int m = 0; m < memberships.size(); m++) {
      List<SubscribeResponse> timeline = memberships.get(m);
      assertThat(timeline).as("membership %s has events", m).isNotEmpty();
      if (m > 0) {
        assertThat(timeline.get(0).hasMemberAdded()).as("membership %s starts at the re-join", m).isTrue();
        assertThat(timeline.get(0).getMemberAdded().getMember().getUserId()).isEqualTo(id("ed@acme.example"));
      }
      if (m < memberships.size() - 1) {
        assertThat(removes(timeline.get(timeline.size() - 1), "ed@acme.example"))
            .as("membership %s ends with the removal", m).isTrue();
      }
      for (int i = 1; i < timeline.size(); i++) {
        assertThat(timeline.get(i).getSeq()).as("membership %s is gap-free", m)
            .isEqualTo(timeline.get(i - 1).getSeq() + 1);
      }
    }
    ed.cancel();
  }

  /**
   * A message committed just before the stream is accepted is delivered before CaughtUp, even
   * though the room's actor is busy and its announcement has not arrived yet.
   */
  @Test
  void caughtUpComesOnlyAfterEverythingCommittedBeforeTheSubscribe() throws Exception {
    String room = group("tom@acme.example", "Caught up", "ed@acme.example", "eve@acme.example");
    // Keeps the room's actor alive between the subscribes, so its view can lag behind.
    EventCollector keeper = EventCollector.subscribe(server.channel(), server.token("eve@acme.example"), Map.of());
    keeper.awaitCaughtUp();
    long previous = send("tom@acme.example", room, "start");
    for (int i = 0; i < 40; i++) {
      long seq = send("tom@acme.example", room, "m" + i);
      EventCollector ed = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"),
          Map.of(room, previous));
      ed.awaitCaughtUp();
      assertThat(ofRoom(beforeCaughtUp(ed), room)).as("round %s", i).extracting(SubscribeResponse::getSeq)
          .containsExactly(seq);
      ed.cancel();
      previous = seq;
    }
    keeper.cancel();
  }
}
