package com.example.chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.Statuses;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.WhoAmIRequest;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every pooled connection taken: a call waits the database timeout, then gets UNAVAILABLE with a retry hint. */
class DatabasePoolExhaustedTest {
  private static final int POOL_SIZE = 8; // TestServer's pool
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--database-timeout-ms", "500"));

  @Test
  void aCallThatFindsNoConnectionIsUnavailableAfterTheTimeoutAndWorksOnceOneIsFree() {
    var eve = server.as("eve@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
    eve.whoAmI(WhoAmIRequest.getDefaultInstance()); // her principal is cached: the call itself needs the pool

    ConnectionProvider pool = server.dsl().configuration().connectionProvider();
    List<Connection> taken = new ArrayList<>();
    try {
      for (int i = 0; i < POOL_SIZE; i++) {
        taken.add(pool.acquire());
      }
      long start = System.nanoTime();
      StatusRuntimeException e = Statuses.assertStatus(Status.Code.UNAVAILABLE,
          () -> eve.whoAmI(WhoAmIRequest.getDefaultInstance()));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).as("waited about the database timeout (500 ms), not Hikari's 30 s").isBetween(400L, 3000L);
      assertThat(Statuses.reason(e)).isEqualTo("DATABASE_UNAVAILABLE");
      assertThat(StatusProto.fromThrowable(e).getDetailsList()).anyMatch(a -> a.is(RetryInfo.class));
    } finally {
      taken.forEach(pool::release);
    }
    assertThat(eve.whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getEmail()).isEqualTo("eve@acme.example");
  }
}
