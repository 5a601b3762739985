package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static com.example.chat.db.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.ServerConfig;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateWebhookEndpointRequest;
import com.example.chat.v1.DeleteWebhookEndpointRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.NotificationType;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.WebhookServiceGrpc;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Never lost, never doubled without cause: a receiver that fails and then is down for 30
 * seconds while 200 messages flow still gets every event afterwards; two instances sharing the
 * outbox send no attempt twice.
 */
class WebhookOutageTest {
  private static final int MESSAGES = 200;
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private static TestServer first;
  private static TestServer second;
  private static String room;

  /**
   * Retries every 0.2 to 2 seconds: a 30 s outage is many retries, but not a flood on a small
   * machine. The request timeout stays at its default, so that a slow test machine does not turn
   * a late answer into a (legitimate, at-least-once) repeat.
   */
  private static ServerConfig retrying(ServerConfig config) {
    return WebhookDeliveryTest.fast(config).with("--webhook-retry-base-ms", "200", "--webhook-retry-max-ms", "2000",
        "--webhook-timeout-ms", "10000");
  }

  @BeforeAll
  static void start() throws Exception {
    first = TestServer.start(WebhookOutageTest::retrying);
    second = TestServer.startBeside(first);
    room = first.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(first.channel()))
        .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(first.id("maria@acme.example").toString()).build())
        .getRoom().getRoomId();
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  private static String endpointFor(WebhookReceiver receiver) {
    return first.as("adam@acme.example", WebhookServiceGrpc.newBlockingStub(first.channel()))
        .createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder().setUrl(receiver.url())
            .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED).build()).getEndpoint().getId();
  }

  private static void delete(String endpointId) {
    first.as("adam@acme.example", WebhookServiceGrpc.newBlockingStub(first.channel()))
        .deleteWebhookEndpoint(DeleteWebhookEndpointRequest.newBuilder().setEndpointId(endpointId).build());
  }

  /** The ids of the notifications written for the messages sent since {@code afterId}. */
  private static Set<String> eventIdsAfter(long afterId) {
    return first.dsl().select(NOTIFICATION_EVENT.EVENT_ID).from(NOTIFICATION_EVENT)
        .where(NOTIFICATION_EVENT.ID.gt(afterId), NOTIFICATION_EVENT.ROOM_ID.eq(UUID.fromString(room)))
        .fetchSet(r -> r.value1().toString());
  }

  private static long lastEventId() {
    Long id = first.dsl().select(org.jooq.impl.DSL.max(NOTIFICATION_EVENT.ID)).from(NOTIFICATION_EVENT).fetchOne(0, Long.class);
    return id == null ? 0 : id;
  }

  @Test
  void aReceiverFailingThenDownForThirtySecondsGetsEveryEventAfterwards() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String endpoint = endpointFor(receiver);
      long before = lastEventId();
      receiver.answer(500);
      var tom = first.as("tom@acme.example", MessageServiceGrpc.newBlockingStub(first.channel()));
      long start = System.nanoTime();
      long pause = OUTAGE.toMillis() / MESSAGES;
      boolean down = false;
      for (int i = 0; i < MESSAGES; i++) {
        if (!down && System.nanoTime() - start > OUTAGE.toNanos() / 2) {
          receiver.stop(); // from answering 500 to refusing connections
          down = true;
        }
        tom.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("update " + i).build());
        Thread.sleep(pause);
      }
      while (System.nanoTime() - start < OUTAGE.toNanos()) {
        Thread.sleep(100);
      }
      int failedAttempts = receiver.received().size();
      receiver.answer(200);
      receiver.restart();

      Set<String> expected = eventIdsAfter(before);
      assertThat(expected).as("one notification per message, for Maria").hasSize(MESSAGES);
      receiver.await(r -> r.accepted().stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet())
          .containsAll(expected), Duration.ofSeconds(60));
      assertThat(failedAttempts).as("the outage was real: attempts were refused").isGreaterThan(MESSAGES / 2);
      List<String> accepted = receiver.accepted().stream().map(WebhookReceiver.Received::id).toList();
      assertThat(new HashSet<>(accepted)).isEqualTo(expected);
      assertThat(accepted).as("a receiver that answered each delivery once got each once").doesNotHaveDuplicates();
      assertThat(receiver.accepted()).allMatch(r -> r.notification().getMessageReceived().getRecipientUserId()
          .equals(first.id("maria@acme.example").toString()));
      delete(endpoint);
    }
  }

  @Test
  void twoInstancesShareTheOutboxWithoutSendingAnyAttemptTwice() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String endpoint = endpointFor(receiver);
      long before = lastEventId();
      // A backlog first (the receiver is down), so that both instances then claim from the same
      // due deliveries at the same time: that is where a missing lock would send one twice.
      receiver.stop();
      var viaFirst = first.as("tom@acme.example", MessageServiceGrpc.newBlockingStub(first.channel()));
      var viaSecond = second.as("tom@acme.example", MessageServiceGrpc.newBlockingStub(second.channel()));
      for (int i = 0; i < MESSAGES; i++) {
        (i % 2 == 0 ? viaFirst : viaSecond).sendMessage(SendMessageRequest.newBuilder().setRoomId(room)
            .setText("shared " + i).build());
      }
      Set<String> expected = eventIdsAfter(before);
      assertThat(expected).hasSize(MESSAGES);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (pendingUntried(endpoint) > 0) {
        assertThat(System.nanoTime()).as("every delivery tried once while the receiver is down").isLessThan(deadline);
        Thread.sleep(50);
      }
      receiver.restart();
      receiver.await(r -> r.received().stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet())
          .containsAll(expected), Duration.ofSeconds(60));
      Thread.sleep(500);
      List<String> received = receiver.received().stream().map(WebhookReceiver.Received::id).toList();
      assertThat(received).as("no attempt sent twice by the two instances").hasSize(MESSAGES).doesNotHaveDuplicates();
      delete(endpoint);
    }
  }

  private static int pendingUntried(String endpointId) {
    return first.dsl().fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ENDPOINT_ID.eq(UUID.fromString(endpointId))
        .and(WEBHOOK_DELIVERY.ATTEMPTS.eq(0)));
  }
}
