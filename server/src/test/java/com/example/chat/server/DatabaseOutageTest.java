package com.example.chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.WhoAmIRequest;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stopped under load and started again, on a PostgreSQL of this test's own: calls
 * fail fast with UNAVAILABLE and a retry hint (authentication included), health says
 * NOT_SERVING, and everything comes back by itself when the database does.
 */
class DatabaseOutageTest {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageTest.class);
  /**
   * Twice the server's database timeout (2 s by default) and slack for a loaded test machine:
   * a send checks its access and then stores the message, each of which may wait for a
   * connection (measured: most calls end at ~2.0 s, the slowest send at ~3.9 s). Without the
   * timeouts a call waits for Hikari's default of 30 s.
   */
  private static final Duration BOUND = Duration.ofMillis(2 * 2000 + 2000);

  @TempDir
  Path dir;

  private record Outcome(String call, Status.Code code, long millis, boolean retryHint) {}

  @Test
  void aStoppedDatabaseMeansUnavailableFastNotServingAndRecoveryByItself() throws Exception {
    Path data = dir.resolve("pg");
    EmbeddedPostgres pg = postgres(data, 0);
    int port = pg.getPort();
    ExecutorService load = Executors.newFixedThreadPool(3);
    AtomicBoolean running = new AtomicBoolean(true);
    Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    try (TestServer server = TestServer.startOn(pg.getJdbcUrl("postgres", "postgres"), config -> config)) {
      var health = HealthGrpc.newBlockingStub(server.channel());
      awaitTrue("SERVING at start", Duration.ofSeconds(10), () -> status(server) == ServingStatus.SERVING);
      String room = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
          .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Outage")
              .addMemberUserIds(server.id("eve@acme.example").toString()).build()).getRoom().getRoomId();
      var eveSends = server.as("eve@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()));
      var tomRooms = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()));
      var edWho = server.as("ed@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()));
      load.submit(() -> keepCalling("send", running, outcomes, () ->
          eveSends.withDeadlineAfter(15, TimeUnit.SECONDS).sendMessage(
              SendMessageRequest.newBuilder().setRoomId(room).setText("during the outage?").build())));
      load.submit(() -> keepCalling("list", running, outcomes, () ->
          tomRooms.withDeadlineAfter(15, TimeUnit.SECONDS).listRooms(ListRoomsRequest.getDefaultInstance())));
      load.submit(() -> keepCalling("whoami", running, outcomes, () ->
          edWho.withDeadlineAfter(15, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance())));
      awaitTrue("calls succeed before the outage", Duration.ofSeconds(10),
          () -> outcomes.stream().filter(o -> o.code() == Status.Code.OK).count() >= 10);

      pg.close(); // pg_ctl stop -m fast: sessions are ended, new connections refused
      long stopped = System.nanoTime();
      awaitTrue("NOT_SERVING while the database is down", Duration.ofSeconds(6),
          () -> status(server) == ServingStatus.NOT_SERVING);
      LOG.info("NOT_SERVING {} ms after the stop", millisSince(stopped));

      // Maria has not called yet: her principal is looked up now, and that lookup fails.
      Outcome auth = call("auth", () -> server.as("maria@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
          .withDeadlineAfter(15, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance()));
      assertThat(auth.code()).as("authentication with the database down").isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(auth.retryHint()).isTrue();
      assertThat(auth.millis()).isLessThanOrEqualTo(BOUND.toMillis());
      Thread.sleep(Math.max(0, 5000 - millisSince(stopped)));

      pg = postgres(data, port);
      long restarted = System.nanoTime();
      awaitTrue("SERVING again after the database returns", Duration.ofSeconds(20),
          () -> status(server) == ServingStatus.SERVING);
      LOG.info("SERVING {} ms after the restart", millisSince(restarted));
      int before = outcomes.size();
      awaitTrue("calls succeed again", Duration.ofSeconds(20), () -> outcomes.stream().skip(before)
          .filter(o -> o.code() == Status.Code.OK).map(Outcome::call).distinct().count() == 3);
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
      stop(load, running); // before the server closes, which would fail the calls on its own
    } finally {
      stop(load, running);
      pg.close();
    }

    List<Outcome> all = new ArrayList<>(outcomes);
    List<Outcome> unavailable = all.stream().filter(o -> o.code() == Status.Code.UNAVAILABLE).toList();
    LOG.info("{} calls: {} UNAVAILABLE, slowest UNAVAILABLE {} ms", all.size(), unavailable.size(),
        unavailable.stream().mapToLong(Outcome::millis).max().orElse(0));
    assertThat(all).as("every call succeeded or was UNAVAILABLE (never UNKNOWN, INTERNAL or a hang)")
        .allMatch(o -> o.code() == Status.Code.OK || o.code() == Status.Code.UNAVAILABLE);
    assertThat(unavailable).as("the outage was seen by the callers").isNotEmpty();
    assertThat(unavailable).as("with a retry hint").allMatch(Outcome::retryHint);
    assertThat(unavailable).as("each within the bound").allMatch(o -> o.millis() <= BOUND.toMillis());
  }

  private static void stop(ExecutorService load, AtomicBoolean running) throws InterruptedException {
    running.set(false);
    load.shutdown();
    load.awaitTermination(30, TimeUnit.SECONDS);
  }

  private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  private static ServingStatus status(TestServer server) {
    try {
      return HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    } catch (StatusRuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  private static void keepCalling(String name, AtomicBoolean running, Queue<Outcome> outcomes, Runnable call) {
    while (running.get()) {
      outcomes.add(call(name, call));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Outcome call(String name, Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
      return new Outcome(name, Status.Code.OK, millisSince(start), false);
    } catch (StatusRuntimeException e) {
      com.google.rpc.Status details = StatusProto.fromThrowable(e);
      boolean hint = details != null && details.getDetailsList().stream().anyMatch(a -> a.is(RetryInfo.class));
      return new Outcome(name, e.getStatus().getCode(), millisSince(start), hint);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static void awaitTrue(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting: " + what).isNegative();
      Thread.sleep(50);
    }
  }
}
