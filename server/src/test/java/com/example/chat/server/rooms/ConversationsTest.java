package com.example.chat.server.rooms;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_PARTICIPANT;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.PostSystemMessageRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SendBlockedReason;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SubscribeResponse;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import com.example.chat.v1.UpdateUserRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conversations as a company has them: a customer answers whoever may serve them, a
 * reassignment ends the conversation for both sides (each told why in their own words),
 * another company's people do not exist in any reference field, and backend services post
 * system messages.
 */
class ConversationsTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @BeforeAll
  static void start() throws Exception {
    server.server().components().directoryRepository().upsertServiceAccount("orders",
        server.dsl().select(APP_USER.COMPANY_ID).from(APP_USER).where(APP_USER.ID.eq(server.id("adam@acme.example")))
            .fetchSingle().value1());
    server.server().components().directoryRepository().upsertServiceAccount("globex-bot",
        server.dsl().select(APP_USER.COMPANY_ID).from(APP_USER).where(APP_USER.ID.eq(server.id("gina@globex.example")))
            .fetchSingle().value1());
  }

  private static RoomServiceGrpc.RoomServiceBlockingStub rooms(String email) {
    return server.data().rooms(email);
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub messages(String email) {
    return server.data().messages(email);
  }

  private static String open(String caller, String other) {
    return server.data().directRoom(caller, other);
  }

  private static void say(String email, String room, String text) {
    server.data().send(email, room, text);
  }

  private static RoomView view(String email, String room) {
    return server.data().view(email, room);
  }

  private static void assign(String customer, String employee) {
    server.data().reassign(customer, employee);
  }

  @Test
  void aCustomerAnswersAManagerAnAdminAndTheirAssigneesTeamLeaderThenAReassignmentEndsItForBothSides() {
    // Carol is Eve's customer; Eve reports to Tom.
    for (String employee : List.of("maria@acme.example", "adam@acme.example", "tom@acme.example")) {
      String room = open(employee, "carol@northwind.example");
      say(employee, room, "Hello Carol, " + employee + " here");
      assertThat(view("carol@northwind.example", room).getCanSend()).isTrue();
      say("carol@northwind.example", room, "Thanks, " + employee);
      assertThat(messages(employee).listMessages(ListMessagesRequest.newBuilder().setRoomId(room).build())
          .getMessagesList()).extracting(m -> m.getText()).contains("Thanks, " + employee);
    }

    // Carol is reassigned from Eve to Xavier (not in Tom's team): the conversations with Eve
    // and Tom end for both sides; the manager and the admin still serve every customer.
    String withEve = open("eve@acme.example", "carol@northwind.example");
    String withTom = open("tom@acme.example", "carol@northwind.example");
    say("carol@northwind.example", withEve, "Before the change");
    assign("carol@northwind.example", "xavier@acme.example");

    for (String[] side : List.of(new String[] {"eve@acme.example", withEve}, new String[] {"tom@acme.example", withTom})) {
      RoomView employeeSide = view(side[0], side[1]);
      assertThat(employeeSide.getCanSend()).isFalse();
      assertThat(employeeSide.getSendBlockedReason()).isEqualTo(SendBlockedReason.SEND_BLOCKED_REASON_CUSTOMER_NOT_ASSIGNED);
      assertThat(employeeSide.getSendBlockedMessage()).contains("not assigned to you");
      RoomView customerSide = view("carol@northwind.example", side[1]);
      assertThat(customerSide.getCanSend()).isFalse();
      assertThat(customerSide.getSendBlockedReason()).isEqualTo(SendBlockedReason.SEND_BLOCKED_REASON_CONTACT_CHANGED);
      assertThat(customerSide.getSendBlockedMessage()).contains("Your contact for this conversation is now Xavier Support");
      var refused = assertStatus(Status.Code.PERMISSION_DENIED, () -> say("carol@northwind.example", side[1], "Hello?"));
      assertThat(reason(refused)).isEqualTo("CONTACT_CHANGED");
      assertThat(refused.getStatus().getDescription()).contains("Xavier Support");
      assertThat(reason(assertStatus(Status.Code.PERMISSION_DENIED, () -> say(side[0], side[1], "Still there?"))))
          .isEqualTo("CUSTOMER_NOT_ASSIGNED");
    }
    assertThat(messages("carol@northwind.example").listMessages(ListMessagesRequest.newBuilder().setRoomId(withEve).build())
        .getMessagesList()).as("the history stays readable").isNotEmpty();
    String withMaria = open("maria@acme.example", "carol@northwind.example");
    say("carol@northwind.example", withMaria, "The manager still serves me");

    // The new assignee and the customer chat, opened from either side.
    String withXavier = open("carol@northwind.example", "xavier@acme.example");
    say("carol@northwind.example", withXavier, "Hello Xavier");
    say("xavier@acme.example", withXavier, "Hello Carol");
    assertThat(view("carol@northwind.example", withXavier).getCanSend()).isTrue();
    // Customers still open rooms only with their assigned employee.
    assertStatus(Status.Code.PERMISSION_DENIED, () -> open("carol@northwind.example", "maria@acme.example"));
    assign("carol@northwind.example", "eve@acme.example");
  }

  private static String fingerprint() {
    return server.dsl().fetchCount(APP_USER) + "|" + server.dsl().fetchCount(CHAT_ROOM) + "|"
        + server.dsl().fetchCount(CHAT_PARTICIPANT) + "|"
        + server.dsl().select(CUSTOMER_PROFILE.ASSIGNED_TO).from(CUSTOMER_PROFILE).orderBy(CUSTOMER_PROFILE.USER_ID).fetch() + "|"
        + server.dsl().select(APP_USER.REPORTS_TO).from(APP_USER).orderBy(APP_USER.ID).fetch();
  }

  @Test
  void peopleOfAnotherCompanyAreNotFoundInEveryReferenceFieldAndNothingChanges() {
    String otto = server.id("otto@globex.example").toString();
    var directory = server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()));
    String acmeGroup = rooms("adam@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Acme only")
        .build()).getRoom().getRoomId();
    String before = fingerprint();
    var calls = Map.<String, org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
        "reports_to_user_id", () -> directory.createUser(CreateUserRequest.newBuilder().setEmail("new1@acme.example")
            .setDisplayName("New").setRole(Role.ROLE_EXECUTIVE).setReportsToUserId(otto).build()),
        "assigned_employee_id", () -> directory.createUser(CreateUserRequest.newBuilder().setEmail("new2@acme.example")
            .setDisplayName("New").setRole(Role.ROLE_CUSTOMER).setOrganization("Org").setAssignedEmployeeId(otto).build()),
        "reports_to_user_id ", () -> directory.updateUser(UpdateUserRequest.newBuilder()
            .setUserId(server.id("ed@acme.example").toString()).setReportsToUserId(otto).build()),
        "assigned_employee_id ", () -> directory.updateCustomerProfile(UpdateCustomerProfileRequest.newBuilder()
            .setCustomerId(server.id("dan@contoso.example").toString()).setAssignedEmployeeId(otto).build()),
        "member_user_ids", () -> rooms("maria@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder()
            .setName("Mixed").addMemberUserIds(otto).build()),
        "user_ids", () -> rooms("adam@acme.example").addRoomMembers(AddRoomMembersRequest.newBuilder()
            .setRoomId(acmeGroup).addUserIds(otto).build()));
    for (var call : calls.entrySet()) {
      var refused = assertStatus(Status.Code.NOT_FOUND, call.getValue());
      assertThat(refused.getStatus().getDescription()).as(call.getKey()).contains(otto);
    }
    assertThat(fingerprint()).as("nothing changed").isEqualTo(before);
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub service(String name) {
    return TestServer.withToken(server.tokenForSubject("service:" + name), MessageServiceGrpc.newBlockingStub(server.channel()));
  }

  @Test
  void aBackendServicePostsSystemMessagesThatMembersReceiveAsUnreadNotifications() throws Exception {
    String room = open("eve@acme.example", "carol@northwind.example");
    EventCollector carol = EventCollector.subscribe(server.channel(), server.token("carol@northwind.example"), Map.of());
    carol.awaitCaughtUp();
    long unreadBefore = view("carol@northwind.example", room).getUnreadCount();

    var posted = service("orders").postSystemMessage(PostSystemMessageRequest.newBuilder().setRoomId(room)
        .setRequestId("order-17-shipped").setText("Order 17 has shipped.").build());
    assertThat(posted.getCreated()).isTrue();
    assertThat(posted.getMessage().getSystem()).isTrue();
    assertThat(posted.getMessage().getSenderDisplayName()).isEqualTo("orders");
    assertThat(posted.getMessage().getSenderId()).isEmpty();
    var repeat = service("orders").postSystemMessage(PostSystemMessageRequest.newBuilder().setRoomId(room)
        .setRequestId("order-17-shipped").setText("Order 17 has shipped.").build());
    assertThat(repeat.getCreated()).isFalse();
    assertThat(repeat.getMessage().getSeq()).isEqualTo(posted.getMessage().getSeq());

    carol.await(events -> events.stream().anyMatch(SubscribeResponse::hasMessageCreated), Duration.ofSeconds(10));
    SubscribeResponse event = carol.events().stream().filter(SubscribeResponse::hasMessageCreated).findFirst().orElseThrow();
    assertThat(event.getNotify()).isTrue();
    assertThat(event.getMessageCreated().getMessage().getSystem()).isTrue();
    assertThat(view("carol@northwind.example", room).getUnreadCount()).isEqualTo(unreadBefore + 1);
    assertThat(view("eve@acme.example", room).getLastMessage().getSystem()).isTrue();
    carol.cancel();

    // Another company's service does not see the room; services never read rooms.
    assertStatus(Status.Code.NOT_FOUND, () -> service("globex-bot").postSystemMessage(PostSystemMessageRequest.newBuilder()
        .setRoomId(room).setText("Hi from Globex").build()));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> service("orders").listMessages(
        ListMessagesRequest.newBuilder().setRoomId(room).build()));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> messages("eve@acme.example").postSystemMessage(
        PostSystemMessageRequest.newBuilder().setRoomId(room).setText("I am not a service").build()));
  }
}
