package com.example.chat.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whether a person is looking, as another instance sees it: through the presence rows. */
class StreamPresenceTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void anotherInstanceSeesWhoHasAStreamOpenUntilItEnds() throws Exception {
    // Another instance: its own presence, reading the same database.
    StreamPresence elsewhere = new StreamPresence(server.dsl(), Duration.ofSeconds(5));
    UUID ed = server.id("ed@acme.example");
    assertThat(elsewhere.isStreaming(ed)).isFalse();

    EventCollector first = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
    EventCollector second = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
    first.awaitCaughtUp();
    second.awaitCaughtUp();
    await(() -> elsewhere.isStreaming(ed), "Ed's open stream seen from another instance");
    assertThat(elsewhere.isStreaming(server.id("eve@acme.example"))).isFalse();

    first.cancel();
    Thread.sleep(300);
    assertThat(elsewhere.isStreaming(ed)).as("one of Ed's two streams is still open").isTrue();
    second.cancel();
    await(() -> !elsewhere.isStreaming(ed), "Ed's streams ended");
  }
}
