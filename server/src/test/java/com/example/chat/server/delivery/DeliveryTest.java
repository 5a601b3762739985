package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestDatabases;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RemoveRoomMemberRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SetRoomMutedRequest;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery guarantee: every event of every room, once, in order, across everything. */
class DeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  private static String id(String email) {
    return server.id(email).toString();
  }

  private static String direct(TestServer on, String a, String b) {
    return on.as(a, RoomServiceGrpc.newBlockingStub(on.channel()))
        .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(on.id(b).toString()).build()).getRoom().getRoomId();
  }

  private static String group(String owner, String name, String... members) {
    var request = CreateGroupRoomRequest.newBuilder().setName(name);
    for (String m : members) {
      request.addMemberUserIds(id(m));
    }
    return server.as(owner, RoomServiceGrpc.newBlockingStub(server.channel())).createGroupRoom(request.build())
        .getRoom().getRoomId();
  }

  private static long send(TestServer on, String email, String room, String text) {
    return on.as(email, MessageServiceGrpc.newBlockingStub(on.channel()))
        .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build()).getMessage().getSeq();
  }

  private static EventCollector subscribe(TestServer on, String email, Map<String, Long> cursors) throws Exception {
    EventCollector c = EventCollector.subscribe(on.channel(), on.token(email), cursors);
    c.awaitCaughtUp();
    return c;
  }

  private static List<String> texts(List<SubscribeResponse> events) {
    return events.stream().map(e -> e.getMessageCreated().getMessage().getText()).toList();
  }

  private static void assertStrictlyIncreasing(List<SubscribeResponse> events) {
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).getSeq()).as("seq order").isGreaterThan(events.get(i - 1).getSeq());
    }
  }

  @Test
  void liveMessagesNotifyEveryoneButTheSenderAndNotInMutedRooms() throws Exception {
    String room = direct(server, "tom@acme.example", "ed@acme.example");
    EventCollector ed = subscribe(server, "ed@acme.example", Map.of());
    EventCollector tom = subscribe(server, "tom@acme.example", Map.of());
    send(server, "tom@acme.example", room, "ping");
    ed.await(e -> ed.messagesOf(room).size() == 1, WAIT);
    tom.await(e -> tom.messagesOf(room).size() == 1, WAIT);
    assertThat(ed.messagesOf(room).get(0).getNotify()).isTrue();
    assertThat(tom.messagesOf(room).get(0).getNotify()).as("not for one's own message").isFalse();

    server.as("ed@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .setRoomMuted(SetRoomMutedRequest.newBuilder().setRoomId(room).setMuted(true).build());
    send(server, "tom@acme.example", room, "quiet ping");
    ed.await(e -> ed.messagesOf(room).size() == 2, WAIT);
    assertThat(ed.messagesOf(room).get(1).getNotify()).as("muted").isFalse();
    ed.cancel();
    tom.cancel();
  }

  /**
   * Senders race in several rooms through the real send path (SendMessage, group commit), and
   * some sends are refused. Each subscriber must see exactly the stored messages, in strictly
   * increasing seq.
   */
  @Test
  void concurrentSendersAreDeliveredExactlyOnceInOrder() throws Exception {
    List<String> rooms = List.of(
        group("maria@acme.example", "Race 1", "eve@acme.example", "ed@acme.example"),
        group("maria@acme.example", "Race 2", "eve@acme.example", "ed@acme.example"),
        group("maria@acme.example", "Race 3", "eve@acme.example", "ed@acme.example"));
    EventCollector eve = subscribe(server, "eve@acme.example", Map.of());
    EventCollector ed = subscribe(server, "ed@acme.example", Map.of());
    Map<String, Set<String>> stored = new ConcurrentHashMap<>();
    rooms.forEach(r -> stored.put(r, ConcurrentHashMap.newKeySet()));
    List<String> senders = List.of("maria@acme.example", "eve@acme.example", "ed@acme.example");
    ExecutorService writers = Executors.newFixedThreadPool(6);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      int writer = w;
      done.add(writers.submit(() -> {
        for (int i = 0; i < 25; i++) {
          String room = rooms.get(ThreadLocalRandom.current().nextInt(rooms.size()));
          boolean refused = ThreadLocalRandom.current().nextInt(5) == 0;
          String text = refused ? "" : "w" + writer + "-" + i; // empty texts are refused
          try {
            send(server, senders.get(writer % senders.size()), room, text);
            stored.get(room).add(text);
          } catch (StatusRuntimeException e) {
            assertThat(refused).as("only empty texts are refused").isTrue();
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    writers.shutdown();
    for (EventCollector subscriber : List.of(eve, ed)) {
      for (String room : rooms) {
        subscriber.await(e -> subscriber.messagesOf(room).size() >= stored.get(room).size(), WAIT);
        List<SubscribeResponse> got = subscriber.messagesOf(room);
        assertThat(texts(got)).containsExactlyInAnyOrderElementsOf(stored.get(room));
        assertStrictlyIncreasing(got);
      }
    }
    eve.cancel();
    ed.cancel();
  }

  @Test
  void resumingWithCursorsDeliversExactlyWhatWasMissed() throws Exception {
    String room = direct(server, "sara@acme.example", "adam@acme.example");
    EventCollector first = subscribe(server, "adam@acme.example", Map.of());
    for (int i = 0; i < 5; i++) {
      send(server, "sara@acme.example", room, "before " + i);
    }
    first.await(e -> first.messagesOf(room).size() == 5, WAIT);
    first.cancel();
    Map<String, Long> cursors = first.cursors();
    for (int i = 0; i < 7; i++) {
      send(server, "sara@acme.example", room, "missed " + i);
    }
    EventCollector resumed = subscribe(server, "adam@acme.example", cursors);
    send(server, "sara@acme.example", room, "live");
    resumed.await(e -> resumed.messagesOf(room).size() == 8, WAIT);
    assertThat(texts(resumed.messagesOf(room))).containsExactly(
        "missed 0", "missed 1", "missed 2", "missed 3", "missed 4", "missed 5", "missed 6", "live");
    assertStrictlyIncreasing(resumed.messagesOf(room));
    resumed.cancel();
  }

  @Test
  void cursorsTheServerCannotHonourAreRefused() throws Exception {
    String room = direct(server, "maria@acme.example", "tom@acme.example");
    long seq = send(server, "maria@acme.example", room, "one");
    EventCollector ahead = EventCollector.subscribe(server.channel(), server.token("tom@acme.example"), Map.of(room, seq + 5));
    assertThat(ahead.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    EventCollector notMine = EventCollector.subscribe(server.channel(), server.token("eve@acme.example"), Map.of(room, 0L));
    assertThat(notMine.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    EventCollector negative = EventCollector.subscribe(server.channel(), server.token("tom@acme.example"), Map.of(room, -1L));
    assertThat(negative.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ahead.events()).isEmpty();
  }

  @Test
  void addedMembersStartReceivingAndRemovedMembersStopAtOnce() throws Exception {
    String room = group("tom@acme.example", "Membership", "eve@acme.example");
    EventCollector eve = subscribe(server, "eve@acme.example", Map.of());
    EventCollector ed = subscribe(server, "ed@acme.example", Map.of());
    send(server, "tom@acme.example", room, "before ed");
    server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel())).addRoomMembers(
        AddRoomMembersRequest.newBuilder().setRoomId(room).addUserIds(id("ed@acme.example")).build());
    send(server, "tom@acme.example", room, "welcome ed");
    ed.await(e -> ed.messagesOf(room).size() == 1, WAIT);
    assertThat(texts(ed.messagesOf(room))).containsExactly("welcome ed");
    assertThat(ed.events()).anyMatch(e -> e.hasRoomCreated() && e.getRoomCreated().getRoom().getRoomId().equals(room));
    assertThat(ed.events()).anyMatch(e -> e.hasMemberAdded() && e.getRoomId().equals(room));

    server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel())).removeRoomMember(
        RemoveRoomMemberRequest.newBuilder().setRoomId(room).setUserId(id("eve@acme.example")).build());
    send(server, "tom@acme.example", room, "after eve left");
    ed.await(e -> ed.messagesOf(room).size() == 2, WAIT);
    eve.await(e -> e.stream().anyMatch(SubscribeResponse::hasMemberRemoved), WAIT);
    Thread.sleep(500);
    assertThat(texts(eve.messagesOf(room))).containsExactly("before ed", "welcome ed");
    SubscribeResponse last = eve.events().stream().filter(e -> e.getRoomId().equals(room))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(last.hasMemberRemoved()).as("the removal is the last thing eve sees of the room").isTrue();
    eve.cancel();
    ed.cancel();
  }

  @Test
  void editsDeletesRenamesAndReadCursorsArriveAsEventsInTimelineOrder() throws Exception {
    String room = group("maria@acme.example", "Timeline", "tom@acme.example");
    EventCollector tom = subscribe(server, "tom@acme.example", Map.of());
    EventCollector maria = subscribe(server, "maria@acme.example", Map.of());
    var stub = server.as("maria@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()));
    long seq = send(server, "maria@acme.example", room, "frist");
    stub.editMessage(com.example.chat.v1.EditMessageRequest.newBuilder().setRoomId(room).setSeq(seq).setText("first").build());
    stub.deleteMessage(com.example.chat.v1.DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seq).build());
    server.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .renameRoom(com.example.chat.v1.RenameRoomRequest.newBuilder().setRoomId(room).setName("Timeline 2").build());
    tom.await(e -> e.stream().anyMatch(SubscribeResponse::hasRoomRenamed), WAIT);
    // The timeline's events (a RoomCreated, not on the timeline, may come first when the
    // group's announcement reaches the hub while the stream is being opened).
    List<SubscribeResponse> events = tom.events().stream()
        .filter(e -> e.getRoomId().equals(room) && e.getSeq() > 0).toList();
    assertThat(events).extracting(e -> e.getEventCase().name())
        .containsExactly("MESSAGE_CREATED", "MESSAGE_EDITED", "MESSAGE_DELETED", "ROOM_RENAMED");
    assertStrictlyIncreasing(events);
    assertThat(events.get(1).getMessageEdited().getMessage().getText())
        .as("an edit replayed after the delete shows no text, but live it carries the new text")
        .isIn("first", "");
    assertThat(events.get(2).getMessageDeleted().getMessage().getText()).isEmpty();
    assertThat(events.get(3).getRoomRenamed().getName()).isEqualTo("Timeline 2");

    long last = send(server, "tom@acme.example", room, "read me");
    server.as("maria@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()))
        .markRead(com.example.chat.v1.MarkReadRequest.newBuilder().setRoomId(room).setSeq(last).build());
    maria.await(e -> e.stream().anyMatch(SubscribeResponse::hasReadCursorMoved), WAIT);
    var moved = maria.events().stream().filter(SubscribeResponse::hasReadCursorMoved).findFirst().orElseThrow();
    assertThat(moved.getRoomId()).isEqualTo(room);
    assertThat(moved.getReadCursorMoved().getLastReadSeq()).isEqualTo(last);
    assertThat(moved.getReadCursorMoved().getUnreadCount()).isZero();
    assertThat(tom.events()).noneMatch(SubscribeResponse::hasReadCursorMoved);
    tom.cancel();
    maria.cancel();
  }

  @Test
  void twoInstancesOnOneDatabaseDeliverEachOthersMessages() throws Exception {
    try (TestServer other = TestServer.startBeside(server)) {
      String room = direct(server, "xavier@acme.example", "fiona@initech.example");
      EventCollector onOther = subscribe(other, "fiona@initech.example", Map.of());
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        send(server, "xavier@acme.example", room, "cross " + i);
        sent.add("cross " + i);
      }
      onOther.await(e -> onOther.messagesOf(room).size() == 50, WAIT);
      assertThat(texts(onOther.messagesOf(room))).containsExactlyElementsOf(sent);
      onOther.cancel();
    }
  }

  /**
   * Two instances send into one room at once. Each instance hands its own commits to its
   * subscribers from memory and reads the other's, so the two sources interleave: every
   * subscriber must still get each message once, in seq order.
   */
  @Test
  void sendsThroughTwoInstancesIntoOneRoomAreDeliveredOnceInOrderOnBoth() throws Exception {
    try (TestServer other = TestServer.startBeside(server)) {
      String room = group("maria@acme.example", "Two doors", "eve@acme.example", "ed@acme.example");
      EventCollector eve = subscribe(server, "eve@acme.example", Map.of());
      EventCollector ed = subscribe(other, "ed@acme.example", Map.of());
      Set<String> stored = ConcurrentHashMap.newKeySet();
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        TestServer through = w % 2 == 0 ? server : other;
        done.add(writers.submit(() -> {
          for (int i = 0; i < 30; i++) {
            send(through, "maria@acme.example", room, "door" + writer + "-" + i);
            stored.add("door" + writer + "-" + i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      writers.shutdown();
      for (EventCollector subscriber : List.of(eve, ed)) {
        subscriber.await(e -> subscriber.messagesOf(room).size() >= stored.size(), WAIT);
        Thread.sleep(200); // a duplicate would arrive within this
        List<SubscribeResponse> got = subscriber.messagesOf(room);
        assertThat(texts(got)).hasSize(120).containsExactlyInAnyOrderElementsOf(stored);
        assertStrictlyIncreasing(got);
      }
      eve.cancel();
      ed.cancel();
    }
  }

  /**
   * The instance that commits a message delivers it to its own subscribers without waiting for
   * its announcement to come back: here there is none, and no sweep for hours.
   */
  @Test
  void theCommittingInstanceDeliversToItsOwnSubscribersWithoutAnAnnouncement() throws Exception {
    try (TestServer quiet = TestServer.start(config -> config.with("--sweep-seconds", "36000"))) {
      String room = direct(quiet, "gus@umbrella.example", "maria@acme.example");
      EventCollector maria = subscribe(quiet, "maria@acme.example", Map.of());
      quiet.server().components().announcer().close();
      send(quiet, "gus@umbrella.example", room, "straight from the commit");
      maria.await(e -> maria.messagesOf(room).size() == 1, Duration.ofSeconds(3));
      assertThat(texts(maria.messagesOf(room))).containsExactly("straight from the commit");
      maria.cancel();
    }
  }

  /**
   * The LISTEN connection is killed and cannot come back for a while; messages are sent
   * meanwhile, and nothing after it. With the sweep set to hours, only the catch-up read after
   * the reconnect can deliver them.
   */
  @Test
  void messagesSentWhileTheListenConnectionIsDownAreDeliveredByTheCatchUpRead() throws Exception {
    try (TestServer noSweep = TestServer.start(config -> config.with("--sweep-seconds", "36000"))) {
      String room = direct(noSweep, "gus@umbrella.example", "maria@acme.example");
      EventCollector maria = subscribe(noSweep, "maria@acme.example", Map.of());
      send(noSweep, "gus@umbrella.example", room, "before");
      maria.await(e -> maria.messagesOf(room).size() == 1, WAIT);
      String database = noSweep.dsl().fetchSingle("select current_database()").get(0, String.class);
      PgListener listener = noSweep.server().components().listener();
      // New connections are refused (the pools keep theirs), so the listener stays down.
      TestDatabases.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
      try {
        int killed = noSweep.dsl().fetchSingle("select count(pg_terminate_backend(pid)) from pg_stat_activity "
            + "where application_name = 'chat-listener' and datname = ?", database).get(0, Integer.class);
        assertThat(killed).isEqualTo(1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.listening() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(listener.listening()).isFalse();
        for (int i = 0; i < 5; i++) {
          send(noSweep, "gus@umbrella.example", room, "during " + i);
        }
        Thread.sleep(300);
      } finally {
        TestDatabases.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
      }
      maria.await(e -> maria.messagesOf(room).size() == 6, WAIT);
      assertThat(texts(maria.messagesOf(room)))
          .containsExactly("before", "during 0", "during 1", "during 2", "during 3", "during 4");
      maria.cancel();
    }
  }

  /**
   * The instance that commits a message never announces it (as if it crashed between the
   * commit and its NOTIFY): the subscriber's instance finds it with its periodic sweep (2 s in
   * tests).
   */
  @Test
  void aCommitWhoseAnnouncementIsLostIsDeliveredByTheSweepWithinItsPeriod() throws Exception {
    try (TestServer mute = TestServer.startBeside(server)) {
      String room = direct(server, "sara@acme.example", "xavier@acme.example");
      EventCollector xavier = subscribe(server, "xavier@acme.example", Map.of());
      mute.server().components().announcer().close();
      long sent = System.nanoTime();
      send(mute, "sara@acme.example", room, "never announced");
      xavier.await(e -> xavier.messagesOf(room).size() == 1, Duration.ofSeconds(6));
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("within the sweep period and a margin")
          .isLessThan(Duration.ofSeconds(5));
      xavier.cancel();
    }
  }

  /**
   * Memberships whose announcements are lost (the instance that made them never announces):
   * the sweep finds each, also a second one after a sweep has found everything up to date and
   * so stopped reading the logs until the membership clock moves.
   */
  @Test
  void membershipsWhoseAnnouncementsAreLostAreFoundByTheSweepOneAfterAnother() throws Exception {
    try (TestServer mute = TestServer.startBeside(server)) {
      EventCollector xavier = subscribe(server, "xavier@acme.example", Map.of());
      xavier.awaitCaughtUp();
      mute.server().components().announcer().close();
      for (String name : List.of("Unannounced one", "Unannounced two")) {
        String room = mute.data().group("maria@acme.example", name, "xavier@acme.example");
        xavier.await(e -> xavier.of(room).stream().anyMatch(SubscribeResponse::hasRoomCreated), Duration.ofSeconds(8));
        Thread.sleep(4500); // two sweeps (2 s in tests): the second finds every stream up to date
      }
      xavier.cancel();
    }
  }

  @Test
  void cancelledStreamsLeaveNothingBehind() throws Exception {
    direct(server, "carol@northwind.example", "eve@acme.example");
    DeliveryHub hub = server.server().components().hub();
    for (int i = 0; i < 100; i++) {
      EventCollector c = EventCollector.subscribe(server.channel(), server.token("carol@northwind.example"), Map.of());
      if (i % 2 == 0) {
        c.awaitCaughtUp();
      }
      c.cancel();
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while ((hub.subscriberCount() > 0 || hub.activeRooms() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hub.subscriberCount()).isZero();
    assertThat(hub.activeRooms()).isZero();
  }
}
