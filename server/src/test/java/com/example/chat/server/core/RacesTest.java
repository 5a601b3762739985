package com.example.chat.server.core;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.ROOM_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DeleteMessageRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.EditMessageRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent callers doing the same thing at once get the answers a single caller would get:
 * the first result for a repeated request id, a taken e-mail for a second user with it, and a
 * message deleted once however many delete it together. No call ends INTERNAL or UNKNOWN.
 */
class RacesTest {
  private static final int CALLERS = 8;
  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  private static ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
  }

  /** Runs the calls at once (released together) and returns each outcome: a value or the failure's code. */
  private static <T> List<Object> together(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<T> call : calls) {
      futures.add(pool.submit(() -> {
        start.await();
        try {
          return call.call();
        } catch (StatusRuntimeException e) {
          return e.getStatus().getCode();
        }
      }));
    }
    start.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  private static <T> List<Callable<T>> times(int n, Callable<T> call) {
    List<Callable<T>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(call);
    }
    return calls;
  }

  private static DirectoryServiceGrpc.DirectoryServiceBlockingStub admin() {
    return server.data().directory("adam@acme.example");
  }

  private static CreateUserRequest.Builder executive(String email) {
    return CreateUserRequest.newBuilder().setEmail(email).setDisplayName("Racer").setRole(Role.ROLE_EXECUTIVE)
        .setDepartment("Sales");
  }

  @Test
  void eightCallersCreatingOneUserWithOneRequestIdAllGetTheFirstResult() throws Exception {
    List<Object> outcomes = together(times(CALLERS,
        () -> admin().createUser(executive("same.request@acme.example").setRequestId("hire-42").build()).getUser().getId()));
    assertThat(outcomes).as("every caller gets the one user").hasSize(CALLERS).allMatch(o -> o instanceof String)
        .containsOnly(outcomes.get(0));
    assertThat(server.dsl().fetchCount(APP_USER, APP_USER.EMAIL.eq("same.request@acme.example"))).isEqualTo(1);
  }

  @Test
  void eightCallersTakingOneEmailAtOnceGetOneUserAndSevenRefusals() throws Exception {
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      String request = "mail-" + i;
      calls.add(() -> admin().createUser(executive("same.mail@acme.example").setRequestId(request).build()).getUser().getId());
    }
    List<Object> outcomes = together(calls);
    assertThat(outcomes.stream().filter(o -> o instanceof String)).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o == Status.Code.INVALID_ARGUMENT)).hasSize(CALLERS - 1);
    assertThat(server.dsl().fetchCount(APP_USER, APP_USER.EMAIL.eq("same.mail@acme.example"))).isEqualTo(1);
  }

  private static String room() {
    return server.data().directRoom("tom@acme.example", "ed@acme.example");
  }

  private static long send(String room, String text) {
    return server.data().send("tom@acme.example", room, text).getSeq();
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub tom() {
    return server.data().messages("tom@acme.example");
  }

  @Test
  void messagesDeletedByManyAtOnceAreDeletedOnceAndSubscribersGetOneDeletion() throws Exception {
    String room = room();
    EventCollector ed = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), java.util.Map.of());
    ed.awaitCaughtUp();
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seqs.add(send(room, "delete me " + i));
    }
    for (long seq : seqs) {
      List<Object> outcomes = together(times(4,
          () -> tom().deleteMessage(DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seq).build()).getMessage().getDeleted()));
      assertThat(outcomes).as("one delete wins, the others learn it is deleted")
          .containsOnly(true, Status.Code.FAILED_PRECONDITION).containsOnlyOnce(true);
    }
    assertThat(server.dsl().fetchCount(ROOM_EVENT, ROOM_EVENT.KIND.eq(com.example.chat.db.types.TimelineEventKind.MESSAGE_DELETED))).isEqualTo(seqs.size());
    ed.await(events -> events.stream().filter(SubscribeResponse::hasMessageDeleted).count() >= seqs.size(),
        java.time.Duration.ofSeconds(20));
    Thread.sleep(500); // a second deletion event, if any, would arrive right behind the first
    assertThat(ed.events().stream().filter(SubscribeResponse::hasMessageDeleted)).hasSize(seqs.size());
    ed.cancel();
  }

  @Test
  void anEditRacingADeleteEitherLandsFirstOrLearnsTheMessageIsGone() throws Exception {
    String room = room();
    for (int i = 0; i < 20; i++) {
      long seq = send(room, "edit or delete " + i);
      List<Callable<Object>> calls = List.of(
          () -> tom().editMessage(EditMessageRequest.newBuilder().setRoomId(room).setSeq(seq).setText("edited").build())
              .getMessage().getText(),
          () -> tom().deleteMessage(DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seq).build())
              .getMessage().getDeleted());
      List<Object> outcomes = together(calls);
      assertThat(outcomes.get(0)).as("the edit").isIn("edited", Status.Code.FAILED_PRECONDITION);
      assertThat(outcomes.get(1)).as("the delete").isEqualTo(true);
    }
  }
}
