package com.example.chat.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

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

  @Test
  void streamsEndingWhileTheServerStopsEndCleanly() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      EventCollector stream = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
      stream.awaitCaughtUp();
      // A stopping server lets go of its presence first; a person closing their stream just
      // then (the cancellation arrives after) must not make the call fail unexpectedly.
      server.server().components().notifications().presence().close();
      stream.cancel();
      Thread.sleep(500);
    } finally {
      root.detachAppender(log);
      server.restart();
    }
    assertThat(log.list).as("nothing failed unexpectedly as the stream ended")
        .noneMatch(e -> e.getLevel() == Level.ERROR);
  }

  @Test
  void anOpenStreamStaysSeenThroughItsInstanceHeartbeatWithoutRewritingItsRow() throws Exception {
    StreamPresence elsewhere = new StreamPresence(server.dsl(), Duration.ofSeconds(5));
    UUID tom = server.id("tom@acme.example");
    EventCollector stream = EventCollector.subscribe(server.channel(), server.token("tom@acme.example"), Map.of());
    stream.awaitCaughtUp();
    await(() -> elsewhere.isStreaming(tom), "Tom's open stream seen from another instance");
    String row = "select xmin::text from stream_presence where user_id = ?";
    Object written = server.dsl().fetchValue(row, tom);

    StreamPresence presence = server.server().components().notifications().presence();
    presence.refresh();
    presence.refresh();
    assertThat(server.dsl().fetchValue(row, tom)).as("the row of an open stream is not rewritten").isEqualTo(written);
    // Long written, but its instance is alive: it counts.
    server.dsl().execute("update stream_presence set seen_time = now() - interval '1 hour' where user_id = ?", tom);
    assertThat(elsewhere.isStreaming(tom)).isTrue();
    stream.cancel();
    await(() -> !elsewhere.isStreaming(tom), "Tom's stream ended");
  }

  @Test
  void rowsOfAnInstanceThatStoppedRenewingCountForNothingAndGo() {
    UUID dead = UUID.randomUUID();
    UUID eve = server.id("eve@acme.example");
    server.dsl().execute("insert into stream_instance (instance_id, seen_time) values (?, now() - interval '1 hour')", dead);
    server.dsl().execute("insert into stream_presence (user_id, instance_id, seen_time) values (?, ?, now() - interval '1 hour')", eve, dead);
    StreamPresence elsewhere = new StreamPresence(server.dsl(), Duration.ofSeconds(5));
    assertThat(elsewhere.isStreaming(eve)).isFalse();

    elsewhere.refresh();
    assertThat(server.dsl().fetchCount(server.dsl().selectOne().from("stream_presence").where("instance_id = ?", dead)
        .unionAll(server.dsl().selectOne().from("stream_instance").where("instance_id = ?", dead))))
        .as("the dead instance's heartbeat and rows are removed").isZero();
  }
}
