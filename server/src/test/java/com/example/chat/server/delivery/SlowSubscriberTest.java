package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading costs bounded memory, slows nobody, and is told to resume. */
class SlowSubscriberTest {
  // Far below what 1,000 large messages need, with room for a reader on a busy machine.
  private static final int QUEUE = 300;
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--subscriber-queue", String.valueOf(QUEUE)));

  @Test
  void aStalledSubscriberIsEndedWithResourceExhaustedWhileOthersKeepPace() throws Exception {
    String room = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Flood")
            .addMemberUserIds(server.id("eve@acme.example").toString())
            .addMemberUserIds(server.id("ed@acme.example").toString()).build()).getRoom().getRoomId();
    EventCollector stalled = EventCollector.subscribeStalled(server.channel(), server.token("eve@acme.example"));
    EventCollector reader = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
    reader.awaitCaughtUp();
    DeliveryHub hub = server.server().components().hub();
    assertThat(hub.subscriberCount()).isEqualTo(2);

    var sender = server.as("tom@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()));
    // Large enough to overflow the client's HTTP/2 window (1 MiB) and the transport buffers.
    String bulk = "x".repeat(4000);
    int total = 1000;
    for (int i = 0; i < total; i++) {
      sender.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(i + " " + bulk).build());
    }
    reader.await(e -> reader.messagesOf(room).size() == total, Duration.ofSeconds(30));
    assertThat(hub.subscriberCount()).as("the stalled stream was released").isEqualTo(1);

    stalled.readAll();
    Status end = stalled.awaitEnd(Duration.ofSeconds(10));
    assertThat(end.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(stalled.messagesOf(room).size()).as("it got only what fit before it stalled").isLessThan(total);
    reader.cancel();
  }
}
