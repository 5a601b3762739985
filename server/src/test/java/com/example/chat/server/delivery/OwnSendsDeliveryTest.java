package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages sent through this instance reach its own streams from memory: the instance that
 * committed a message hands it to the room's subscribers instead of reading it back from
 * PostgreSQL, also while several people send into the room at once.
 */
class OwnSendsDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> SENDERS = List.of("maria@acme.example", "tom@acme.example", "ed@acme.example");
  private static final int MESSAGES_EACH = 60;
  // No sweep: it would wake the room on its own and read it.
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--sweep-seconds", "36000"));

  @Test
  void concurrentSendsReachTheSendingInstancesStreamsWithoutBeingReadBack() throws Exception {
    String room = server.data().group(SENDERS.get(0), "Busy room", SENDERS.get(1), SENDERS.get(2));
    long start = server.data().send(SENDERS.get(0), room, "before the rush").getSeq();
    EventCollector tom = subscribe("tom@acme.example", room, start);
    EventCollector ed = subscribe("ed@acme.example", room, start);
    DeliveryHub hub = server.server().components().hub();
    long readsBefore = hub.timelineReads();

    ExecutorService senders = Executors.newFixedThreadPool(SENDERS.size());
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (String sender : SENDERS) {
        sent.add(senders.submit(() -> {
          for (int i = 0; i < MESSAGES_EACH; i++) {
            server.data().send(sender, room, sender + " #" + i);
          }
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdown();
    }

    int total = SENDERS.size() * MESSAGES_EACH;
    List<Long> expected = LongStream.rangeClosed(start + 1, start + total).boxed().toList();
    for (EventCollector subscriber : List.of(tom, ed)) {
      subscriber.await(events -> subscriber.messagesOf(room).size() >= total, WAIT);
      assertThat(subscriber.messagesOf(room).stream().map(SubscribeResponse::getSeq).toList())
          .as("every message once, in seq order").containsExactlyElementsOf(expected);
    }
    long reads = hub.timelineReads() - readsBefore;
    assertThat(reads).as("timeline reads for %s messages committed by this instance", total)
        .isLessThanOrEqualTo(total / 20);
    tom.cancel();
    ed.cancel();
  }

  private static EventCollector subscribe(String email, String room, long seq) throws InterruptedException {
    EventCollector c = EventCollector.subscribe(server.channel(), server.token(email), Map.of(room, seq));
    c.awaitCaughtUp();
    return c;
  }
}
