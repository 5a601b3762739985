package com.example.chat.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.Statuses;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.WhoAmIRequest;
import com.example.chat.v1.WhoAmIResponse;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two handler threads, two waiting places: with both threads stuck (the table they read is
 * locked), the calls beyond the waiting places are refused at once with RESOURCE_EXHAUSTED,
 * health still answers, and the admitted calls complete once the lock is gone.
 */
class SaturationTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--handler-threads", "2",
      "--handler-queue", "2",
      // The lock below is held longer than a call may wait for the database otherwise.
      "--database-timeout-ms", "20000"));

  @Test
  void callsBeyondTheHandlerQueueAreRefusedWithResourceExhaustedAtOnce() throws Exception {
    var eve = server.as("eve@acme.example", DirectoryServiceGrpc.newFutureStub(server.channel()));
    eve.whoAmI(WhoAmIRequest.getDefaultInstance()).get(10, TimeUnit.SECONDS); // her principal is cached now

    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> server.dsl().transaction(tx -> {
      tx.dsl().execute("LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE");
      locked.countDown();
      release.await();
    }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

    List<ListenableFuture<WhoAmIResponse>> calls = new ArrayList<>();
    List<Status.Code> refused = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        calls.add(eve.whoAmI(WhoAmIRequest.getDefaultInstance()));
        Thread.sleep(20); // in order, so that the first ones take the threads and the places
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (ListenableFuture<WhoAmIResponse> call : calls.subList(4, calls.size())) {
        refused.add(codeOf(call, deadline));
      }
      assertThat(HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .as("health answers while the handlers are stuck").isEqualTo(ServingStatus.SERVING);
      assertThat(calls.subList(0, 4)).as("the admitted calls wait for the lock").noneMatch(ListenableFuture::isDone);
    } finally {
      release.countDown();
      lock.get(10, TimeUnit.SECONDS);
    }
    assertThat(refused).as("refused while the lock was held, not after").containsOnly(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Statuses.reason(failureOf(calls.get(calls.size() - 1)))).isEqualTo("SERVER_BUSY");
    for (ListenableFuture<WhoAmIResponse> admitted : calls.subList(0, 4)) {
      assertThat(admitted.get(20, TimeUnit.SECONDS).getUser().getEmail()).isEqualTo("eve@acme.example");
    }
    assertThat(eve.whoAmI(WhoAmIRequest.getDefaultInstance()).get(10, TimeUnit.SECONDS).getUser().getEmail())
        .as("served again once the handlers are free").isEqualTo("eve@acme.example");
  }

  /** The code a call ended with, waiting until the deadline at most (a call still open then is a failure). */
  private static Status.Code codeOf(ListenableFuture<?> call, long deadlineNanos) throws Exception {
    try {
      call.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return Status.Code.OK;
    } catch (ExecutionException e) {
      return Status.fromThrowable(e.getCause()).getCode();
    } catch (java.util.concurrent.TimeoutException e) {
      return Status.Code.DEADLINE_EXCEEDED;
    }
  }

  private static io.grpc.StatusRuntimeException failureOf(ListenableFuture<?> call) throws Exception {
    try {
      call.get(1, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return (io.grpc.StatusRuntimeException) e.getCause();
    }
  }
}
