package com.example.chat.server.delivery;

import static com.example.chat.db.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DeactivateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SubscribeResponse;
import com.example.chat.v1.UpdateUserRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a stream shows it is alive (heartbeats) and how it ends when its user's account changes. */
class StreamLifeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--heartbeat-seconds", "1"));

  private static long send(String email, String room, String text) {
    return server.as(email, MessageServiceGrpc.newBlockingStub(server.channel()))
        .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build()).getMessage().getSeq();
  }

  private static List<String> texts(List<SubscribeResponse> events) {
    return events.stream().map(e -> e.getMessageCreated().getMessage().getText()).toList();
  }

  @Test
  void aSilentStreamCarriesHeartbeatsWithItsMembershipPosition() throws Exception {
    EventCollector eve = EventCollector.subscribe(server.channel(), server.token("eve@acme.example"), Map.of(), 0);
    eve.awaitCaughtUp();
    long position = eve.membershipPosition();
    eve.await(e -> e.stream().filter(SubscribeResponse::hasHeartbeat).count() >= 3, Duration.ofSeconds(6));
    List<SubscribeResponse> heartbeats = eve.events().stream().filter(SubscribeResponse::hasHeartbeat).toList();
    assertThat(heartbeats).allMatch(h -> h.getMembershipPosition() == position && h.getRoomId().isEmpty());
    eve.cancel();
  }

  @Test
  void aBusyStreamNeedsNoHeartbeat() throws Exception {
    String room = server.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(server.id("xavier@acme.example").toString()).build())
        .getRoom().getRoomId();
    EventCollector xavier = EventCollector.subscribe(server.channel(), server.token("xavier@acme.example"), Map.of());
    xavier.awaitCaughtUp();
    for (int i = 0; i < 15; i++) {
      send("maria@acme.example", room, "busy " + i);
      Thread.sleep(200);
    }
    xavier.await(e -> xavier.messagesOf(room).size() == 15, WAIT);
    assertThat(xavier.events()).noneMatch(SubscribeResponse::hasHeartbeat);
    xavier.cancel();
  }

  private static UUID newExecutive(String email) {
    UUID company = server.dsl().select(APP_USER.COMPANY_ID).from(APP_USER)
        .where(APP_USER.ID.eq(server.id("adam@acme.example"))).fetchSingle().value1();
    return UUID.fromString(server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .createUser(CreateUserRequest.newBuilder().setCompanyId(company.toString()).setEmail(email)
            .setDisplayName("Temp " + email).setRole(Role.ROLE_EXECUTIVE).setDepartment("Sales").build())
        .getUser().getId());
  }

  /** A group (a direct room with a deactivated person becomes read-only; a group goes on). */
  private static String groupWith(UUID user) {
    return server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("With " + user)
            .addMemberUserIds(user.toString()).addMemberUserIds(server.id("eve@acme.example").toString()).build())
        .getRoom().getRoomId();
  }

  @Test
  void aDeactivatedUsersStreamEndsAndNothingSentAfterTheDeactivationReachesIt() throws Exception {
    UUID temp = newExecutive("leaving@acme.example");
    String room = groupWith(temp);
    EventCollector stream = EventCollector.subscribe(server.channel(), server.tokenForSubject(temp.toString()), Map.of());
    stream.awaitCaughtUp();
    send("tom@acme.example", room, "before");
    stream.await(e -> stream.messagesOf(room).size() == 1, WAIT);

    server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .deactivateUser(DeactivateUserRequest.newBuilder().setUserId(temp.toString()).build());
    send("tom@acme.example", room, "after the deactivation");
    Status end = stream.awaitEnd(Duration.ofSeconds(5));
    assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(texts(stream.messagesOf(room))).containsExactly("before");
  }

  @Test
  void aRoleChangeEndsTheStreamSoThatTheClientComesBackWithItsNewRights() throws Exception {
    UUID temp = newExecutive("promoted@acme.example");
    EventCollector stream = EventCollector.subscribe(server.channel(), server.tokenForSubject(temp.toString()), Map.of());
    stream.awaitCaughtUp();
    server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .updateUser(UpdateUserRequest.newBuilder().setUserId(temp.toString()).setRole(Role.ROLE_MANAGER).build());
    Status end = stream.awaitEnd(Duration.ofSeconds(5));
    assertThat(end.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    EventCollector again = EventCollector.subscribe(server.channel(), server.tokenForSubject(temp.toString()), Map.of());
    again.awaitCaughtUp();
    assertThat(again.status()).isNull();
    again.cancel();
  }

  /** The announcement of a deactivation made on an instance that never announces: the periodic check (5 s) ends it. */
  @Test
  void aDeactivationWhoseAnnouncementIsLostStillEndsTheStreamWithinSeconds() throws Exception {
    UUID temp = newExecutive("quietly.leaving@acme.example");
    EventCollector stream = EventCollector.subscribe(server.channel(), server.tokenForSubject(temp.toString()), Map.of());
    stream.awaitCaughtUp();
    try (TestServer mute = TestServer.startBeside(server)) {
      mute.server().components().announcer().close();
      mute.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(mute.channel()))
          .deactivateUser(DeactivateUserRequest.newBuilder().setUserId(temp.toString()).build());
      Status end = stream.awaitEnd(Duration.ofSeconds(8));
      assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }
}
