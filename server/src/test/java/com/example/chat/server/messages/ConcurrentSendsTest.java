package com.example.chat.server.messages;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.storage.UnitOfWork;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SendMessageResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many senders at once (the server stores concurrent sends together, in one statement and one
 * commit): every acknowledged message is stored once with the seq it was acknowledged with,
 * seqs stay gapless per room, cursors follow, and a request id raced twice stores one message.
 */
class ConcurrentSendsTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void concurrentSendsAreStoredOnceEachWithGaplessSeqs() throws Exception {
    List<String> senders = List.of("maria@acme.example", "tom@acme.example", "eve@acme.example", "ed@acme.example");
    var create = CreateGroupRoomRequest.newBuilder().setName("Busy");
    senders.subList(1, 4).forEach(e -> create.addMemberUserIds(server.id(e).toString()));
    String shared = server.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .createGroupRoom(create.build()).getRoom().getRoomId();
    Map<String, String> own = new ConcurrentHashMap<>();
    for (String sender : senders) {
      own.put(sender, server.as(sender, RoomServiceGrpc.newBlockingStub(server.channel()))
          .openDirectRoom(com.example.chat.v1.OpenDirectRoomRequest.newBuilder()
              .setUserId(server.id("sara@acme.example").toString()).build()).getRoom().getRoomId());
    }

    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<SendMessageResponse>> sends = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      String sender = senders.get(i % senders.size());
      String room = i % 3 == 0 ? own.get(sender) : shared;
      // Every fifth send is raced twice with the same request id.
      String requestId = i % 5 == 0 ? "dup-" + i : "";
      int copies = requestId.isEmpty() ? 1 : 2;
      for (int c = 0; c < copies; c++) {
        int n = i;
        sends.add(pool.submit(() -> server.as(sender, MessageServiceGrpc.newBlockingStub(server.channel()))
            .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setRequestId(requestId)
                .setText("message " + n).build())));
      }
    }
    List<SendMessageResponse> responses = new ArrayList<>();
    for (Future<SendMessageResponse> f : sends) {
      responses.add(f.get());
    }
    pool.shutdown();

    for (String room : new ArrayList<>(List.of(shared)) {{ addAll(own.values()); }}) {
      UUID roomId = UUID.fromString(room);
      Map<Long, String> stored = server.dsl().select(CHAT_MESSAGE.SEQ, CHAT_MESSAGE.CONTENT).from(CHAT_MESSAGE)
          .where(CHAT_MESSAGE.ROOM_ID.eq(roomId)).fetchMap(r -> r.value1(), r -> r.value2());
      assertThat(stored.keySet()).as("gapless seqs in " + room)
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
      Map<Long, List<SendMessageResponse>> acknowledged = responses.stream()
          .filter(r -> r.getMessage().getRoomId().equals(room))
          .collect(Collectors.groupingBy(r -> r.getMessage().getSeq()));
      assertThat(acknowledged.keySet()).as("every stored message was acknowledged, with its seq")
          .isEqualTo(stored.keySet());
      acknowledged.forEach((seq, acks) -> {
        acks.forEach(ack -> assertThat(ack.getMessage().getText()).isEqualTo(stored.get(seq)));
        assertThat(acks.stream().filter(SendMessageResponse::getCreated).count()).as("stored once").isEqualTo(1);
      });
    }
    assertThat(responses).hasSize(288);
    assertThat(server.server().components().sends().largestBatch()).as("concurrent sends shared statements").isGreaterThan(1);
    assertThat(server.dsl().fetchCount(CHAT_MESSAGE, CHAT_MESSAGE.ROOM_ID.eq(UUID.fromString(shared)))
        + own.values().stream().mapToInt(r -> server.dsl().fetchCount(CHAT_MESSAGE, CHAT_MESSAGE.ROOM_ID.eq(UUID.fromString(r)))).sum())
        .as("one stored message per distinct send").isEqualTo(240);
    long newest = server.dsl().select(CHAT_ROOM.LAST_SEQ).from(CHAT_ROOM).where(CHAT_ROOM.ID.eq(UUID.fromString(shared))).fetchSingle().value1();
    for (String sender : senders) {
      long newestOwn = responses.stream().filter(r -> r.getMessage().getRoomId().equals(shared)
          && r.getMessage().getSenderId().equals(server.id(sender).toString())).mapToLong(r -> r.getMessage().getSeq()).max().orElseThrow();
      var view = server.data().view(sender, shared);
      assertThat(view.getLastReadSeq()).as("a sender has read up to their newest message").isEqualTo(newestOwn);
      assertThat(view.getUnreadCount()).as("only what others sent after it is unread").isEqualTo(newest - newestOwn);
    }
  }

  @Test
  void aRoomLockedByALongTransactionHoldsUpOnlyItsOwnSends() throws Exception {
    String locked = group("Locked");
    String free = group("Free");
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try (Connection other = lockedByAnotherTransaction(UUID.fromString(locked))) {
      List<Future<SendMessageResponse>> waiting = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = i;
        waiting.add(pool.submit(() -> send(locked, "after the lock " + n)));
      }
      awaitLockWaits(1);

      SendMessageResponse meanwhile = sendWithin(free, "meanwhile", 3);
      assertThat(meanwhile.getMessage().getSeq()).as("another room's send is stored meanwhile").isPositive();
      assertThat(waiting).as("the locked room's sends wait for the lock").noneMatch(Future::isDone);
      assertThat(lockWaits()).as("sends piling up on the locked room hold one connection, not one each").isEqualTo(1);

      other.rollback();
      List<Long> seqs = new ArrayList<>();
      for (Future<SendMessageResponse> f : waiting) {
        seqs.add(f.get(10, TimeUnit.SECONDS).getMessage().getSeq());
      }
      assertThat(seqs).as("all stored, gapless").containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(seqs.stream().mapToLong(Long::longValue).min().orElseThrow(),
              seqs.stream().mapToLong(Long::longValue).min().orElseThrow() + 4).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLeaderAnswersItsOwnSendAtOnceThoughItGoesOnStoringWhatQueuedMeanwhile() throws Exception {
    UUID first = UUID.fromString(group("First"));
    UUID next = UUID.fromString(group("Next"));
    UUID maria = server.id("maria@acme.example");
    UUID company = server.dsl().select(APP_USER.COMPANY_ID).from(APP_USER).where(APP_USER.ID.eq(maria)).fetchSingle().value1();
    // One batch at a time and never one beside it, so the send queued meanwhile waits for the leader.
    SendBatcher sends = new SendBatcher(new UnitOfWork(server.dsl()), 1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection holdsFirst = lockedByAnotherTransaction(first); Connection holdsNext = lockedByAnotherTransaction(next)) {
      AtomicBoolean answered = new AtomicBoolean();
      Future<?> leader = pool.submit(() -> sends.send(company, first, maria, "Maria", null, "mine", sent -> answered.set(true)));
      awaitLockWaits(1);
      Future<?> queued = pool.submit(() -> sends.send(company, next, maria, "Maria", null, "queued meanwhile", sent -> { }));
      Thread.sleep(200);

      holdsFirst.rollback();
      awaitLockWaits(1);
      assertThat(answered).as("the leader's own send is answered once stored").isTrue();
      assertThat(leader).as("while its thread stores the send queued meanwhile, waiting for that room").isNotDone();

      holdsNext.rollback();
      leader.get(10, TimeUnit.SECONDS);
      queued.get(10, TimeUnit.SECONDS);
      assertThat(server.dsl().fetchCount(CHAT_MESSAGE, CHAT_MESSAGE.ROOM_ID.in(first, next))).as("both stored").isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A connection whose open transaction holds the room's row, as a long member change would. */
  private Connection lockedByAnotherTransaction(UUID room) throws SQLException {
    Connection other = DriverManager.getConnection(server.databaseUrl(), "postgres", "postgres");
    other.setAutoCommit(false);
    try (var lock = other.prepareStatement("select 1 from chat_room where id = ? for update")) {
      lock.setObject(1, room);
      lock.executeQuery().close();
    }
    return other;
  }

  private String group(String name) {
    return server.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName(name)
            .addMemberUserIds(server.id("tom@acme.example").toString()).build())
        .getRoom().getRoomId();
  }

  private SendMessageResponse send(String room, String text) {
    return sendWithin(room, text, 30);
  }

  private SendMessageResponse sendWithin(String room, String text, int seconds) {
    return server.as("maria@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()))
        .withDeadlineAfter(seconds, TimeUnit.SECONDS)
        .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build());
  }

  /** Waits until {@code n} statements wait for a row lock, and a while longer for any more. */
  private void awaitLockWaits(int n) throws InterruptedException {
    for (int i = 0; i < 100 && lockWaits() < n; i++) {
      Thread.sleep(50);
    }
    assertThat(lockWaits()).as("sends waiting for the locked room").isGreaterThanOrEqualTo(n);
    // Long enough for the running batch to count as slow, and for the others to look again.
    Thread.sleep(200);
  }

  private int lockWaits() {
    return server.dsl().fetchCount(DSL.table("pg_stat_activity"),
        DSL.field("wait_event_type").eq("Lock").and(DSL.condition("datname = current_database()")));
  }
}
