package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.CreateWebhookEndpointRequest;
import com.example.chat.v1.DeleteMessageRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.EditMessageRequest;
import com.example.chat.v1.Message;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.Notification;
import com.example.chat.v1.NotificationType;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SetRoomMutedRequest;
import com.example.chat.v1.WebhookServiceGrpc;
import com.example.chat.v1.WhoAmIRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the company's backend hears of chat activity: a message for each member who should be
 * notified (not the sender, not who muted the room), marked when the person is looking; being
 * added to a room; edits and deletions; directory changes. Other companies hear nothing of it.
 */
class MessageNotificationsTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass(WebhookDeliveryTest::fast);
  private static WebhookReceiver acmeBackend;
  private static WebhookReceiver globexBackend;
  private static String acmeSecret;
  private static UUID globex;

  @BeforeAll
  static void start() throws Exception {
    acmeBackend = WebhookReceiver.start();
    globexBackend = WebhookReceiver.start();
    globex = UUID.fromString(server.as("gina@globex.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId());
    acmeSecret = server.as("adam@acme.example", WebhookServiceGrpc.newBlockingStub(server.channel()))
        .createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder().setUrl(acmeBackend.url())
            .addAllEventTypes(List.of(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED,
                NotificationType.NOTIFICATION_TYPE_ROOM_JOINED, NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED,
                NotificationType.NOTIFICATION_TYPE_MESSAGE_DELETED, NotificationType.NOTIFICATION_TYPE_USER_CREATED))
            .build()).getSecret();
  }

  @AfterAll
  static void stop() {
    acmeBackend.close();
    globexBackend.close();
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub messages(String email) {
    return server.as(email, MessageServiceGrpc.newBlockingStub(server.channel()));
  }

  private static RoomServiceGrpc.RoomServiceBlockingStub rooms(String email) {
    return server.as(email, RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  /** The notifications of one type the Acme backend accepted, for one room. */
  private static List<Notification> received(NotificationType type, String roomId) {
    return acmeBackend.accepted().stream().map(WebhookReceiver.Received::notification)
        .filter(n -> n.getType() == type)
        .filter(n -> roomId == null || roomOf(n).equals(roomId))
        .toList();
  }

  private static String roomOf(Notification n) {
    return switch (n.getPayloadCase()) {
      case MESSAGE_RECEIVED -> n.getMessageReceived().getMessage().getRoomId();
      case ROOM_JOINED -> n.getRoomJoined().getRoom().getRoomId();
      case MESSAGE_CHANGED -> n.getMessageChanged().getRoomId();
      default -> "";
    };
  }

  @Test
  void aMessageToAPersonWithoutAStreamIsOneSignedDeliveryWithTheRoomAsTheySeeIt() throws Exception {
    String maria = server.id("maria@acme.example").toString();
    String room = rooms("tom@acme.example").openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(maria).build())
        .getRoom().getRoomId();
    Message sent = messages("tom@acme.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room)
        .setText("Can you call the customer?").build()).getMessage();
    acmeBackend.await(r -> received(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED, room).size() == 1,
        Duration.ofSeconds(10));

    List<WebhookReceiver.Received> deliveries = acmeBackend.accepted().stream()
        .filter(r -> r.notification().getType() == NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED
            && roomOf(r.notification()).equals(room)).toList();
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).signedWith(acmeSecret)).as("verifies by the Standard Webhooks scheme").isTrue();
    Notification n = deliveries.get(0).notification();
    assertThat(n.getEventId()).isEqualTo(deliveries.get(0).id());
    assertThat(n.getCompanyId()).isEqualTo(server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId());
    var m = n.getMessageReceived();
    assertThat(m.getRecipientUserId()).isEqualTo(maria);
    assertThat(m.getRecipientStreaming()).isFalse();
    assertThat(m.getMessage().getText()).isEqualTo("Can you call the customer?");
    assertThat(m.getMessage().getSeq()).isEqualTo(sent.getSeq());
    assertThat(m.getSender().getDisplayName()).isEqualTo("Tom Leader");
    assertThat(m.getRoom().getDisplayName()).as("the room as Maria sees it").isEqualTo("Tom Leader");
    assertThat(m.getRoom().getKind()).isEqualTo(RoomKind.ROOM_KIND_EMPLOYEE_CHAT);
    assertThat(m.getRoom().getUnreadCount()).isEqualTo(1);

    List<Notification> joined = received(NotificationType.NOTIFICATION_TYPE_ROOM_JOINED, room);
    assertThat(joined).hasSize(1);
    assertThat(joined.get(0).getRoomJoined().getUserId()).as("only the one added, not the opener").isEqualTo(maria);
    assertThat(joined.get(0).getRoomJoined().getRoomCreated()).isTrue();
    assertThat(joined.get(0).getRoomJoined().getAddedByUserId()).isEqualTo(server.id("tom@acme.example").toString());
  }

  @Test
  void aPersonWithAStreamOpenIsMarkedAndAMutedRoomTellsNothing() throws Exception {
    String eve = server.id("eve@acme.example").toString();
    String ed = server.id("ed@acme.example").toString();
    String room = rooms("tom@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Launch")
        .addMemberUserIds(eve).addMemberUserIds(ed).build()).getRoom().getRoomId();
    rooms("eve@acme.example").setRoomMuted(SetRoomMutedRequest.newBuilder().setRoomId(room).setMuted(true).build());
    EventCollector edsStream = EventCollector.subscribe(server.channel(), server.token("ed@acme.example"), Map.of());
    edsStream.awaitCaughtUp();

    messages("tom@acme.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("Go!").build());
    acmeBackend.await(r -> received(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED, room).stream()
        .anyMatch(n -> n.getMessageReceived().getRecipientUserId().equals(ed)), Duration.ofSeconds(10));
    // A muted room's notification would have been written in the same statement: give it the
    // same time to show up before concluding it never will.
    Thread.sleep(300);
    List<Notification> got = received(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED, room);
    assertThat(got).extracting(n -> n.getMessageReceived().getRecipientUserId())
        .as("Ed only: Eve muted the room and Tom sent it").containsExactly(ed);
    assertThat(got.get(0).getMessageReceived().getRecipientStreaming()).as("Ed is looking").isTrue();
    assertThat(got.get(0).getMessageReceived().getRoom().getDisplayName()).isEqualTo("Launch");
    edsStream.cancel();
  }

  @Test
  void editsDeletesAndDirectoryChangesAreTold() throws Exception {
    String room = rooms("tom@acme.example").openDirectRoom(OpenDirectRoomRequest.newBuilder()
        .setUserId(server.id("xavier@acme.example").toString()).build()).getRoom().getRoomId();
    long seq = messages("tom@acme.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room)
        .setText("typo").build()).getMessage().getSeq();
    messages("tom@acme.example").editMessage(EditMessageRequest.newBuilder().setRoomId(room).setSeq(seq)
        .setText("fixed").build());
    messages("tom@acme.example").deleteMessage(DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seq).build());
    // Deliveries go out side by side, so the edit may arrive after the deletion.
    acmeBackend.await(r -> received(NotificationType.NOTIFICATION_TYPE_MESSAGE_DELETED, room).size() == 1
        && !received(NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED, room).isEmpty(), Duration.ofSeconds(10));
    List<Notification> edits = received(NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED, room);
    assertThat(edits).hasSize(1);
    assertThat(edits.get(0).getMessageChanged().getMessage().getSeq()).isEqualTo(seq);
    assertThat(edits.get(0).getMessageChanged().getSeq()).isGreaterThan(seq);
    assertThat(edits.get(0).getMessageChanged().getActorUserId()).isEqualTo(server.id("tom@acme.example").toString());
    Notification deleted = received(NotificationType.NOTIFICATION_TYPE_MESSAGE_DELETED, room).get(0);
    assertThat(deleted.getMessageChanged().getMessage().getDeleted()).isTrue();
    assertThat(deleted.getMessageChanged().getMessage().getText()).isEmpty();

    String created = server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .createUser(CreateUserRequest.newBuilder().setEmail("nina@acme.example").setDisplayName("Nina New")
            .setRole(Role.ROLE_EXECUTIVE).setDepartment("Sales").build()).getUser().getId();
    acmeBackend.await(r -> r.accepted().stream().anyMatch(d -> d.notification().getType()
        == NotificationType.NOTIFICATION_TYPE_USER_CREATED), Duration.ofSeconds(10));
    Notification user = received(NotificationType.NOTIFICATION_TYPE_USER_CREATED, null).get(0);
    assertThat(user.getUserChanged().getUser().getId()).isEqualTo(created);
    assertThat(user.getUserChanged().getUser().getDisplayName()).isEqualTo("Nina New");
  }

  @Test
  void aCompanyWithoutEndpointsGetsNoOutboxRowsAndOthersHearNothingOfIt() throws Exception {
    String cora = server.id("cora@hooli.example").toString();
    String room = rooms("otto@globex.example").openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(cora).build())
        .getRoom().getRoomId();
    messages("otto@globex.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("hi").build());
    assertThat(server.dsl().fetchCount(NOTIFICATION_EVENT, NOTIFICATION_EVENT.COMPANY_ID.eq(globex)))
        .as("nobody at Globex listens: nothing is written").isZero();

    server.as("gina@globex.example", WebhookServiceGrpc.newBlockingStub(server.channel()))
        .createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder().setUrl(globexBackend.url())
            .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED).build());
    messages("otto@globex.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("again").build());
    globexBackend.await(r -> r.accepted().size() == 1, Duration.ofSeconds(10));
    assertThat(globexBackend.accepted().get(0).notification().getMessageReceived().getMessage().getText())
        .as("the earlier message was sent before anyone listened").isEqualTo("again");
    assertThat(acmeBackend.accepted()).noneMatch(r -> r.notification().getCompanyId().equals(globex.toString()));
    assertThat(globexBackend.accepted()).allMatch(r -> r.notification().getCompanyId().equals(globex.toString()));
  }
}
