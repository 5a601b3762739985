package com.example.chat.server.rooms;

import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static com.example.chat.server.testing.Statuses.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.Contact;
import com.example.chat.v1.ContactKind;
import com.example.chat.v1.ContactServiceGrpc;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.ListContactsRequest;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Participant;
import com.example.chat.v1.RoomIcon;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc.RoomServiceBlockingStub;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SendBlockedReason;
import com.example.chat.v1.SetRoomMutedRequest;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms and contacts as people see and use them. */
class RoomsTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  private static RoomServiceBlockingStub rooms(String email) {
    return server.as(email, RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  private static List<Contact> contacts(String email, ContactKind kind) {
    return server.as(email, ContactServiceGrpc.newBlockingStub(server.channel()))
        .listContacts(ListContactsRequest.newBuilder().setKind(kind).setPageSize(200).build()).getContactsList();
  }

  private static String id(String email) {
    return server.id(email).toString();
  }

  private static RoomView open(String caller, String other) {
    return rooms(caller).openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(id(other)).build()).getRoom();
  }

  @Test
  void executiveSeesOnlyTheirOwnCustomersAndEveryColleague() {
    assertThat(contacts("eve@acme.example", ContactKind.CONTACT_KIND_CUSTOMER))
        .extracting(Contact::getDisplayName).containsExactly("Carol Customer");
    Contact carol = contacts("eve@acme.example", ContactKind.CONTACT_KIND_CUSTOMER).get(0);
    assertThat(carol.getOrganization()).isEqualTo("Northwind Traders");
    assertThat(carol.getAssignedEmployeeName()).isEqualTo("Eve Executive");
    assertThat(contacts("eve@acme.example", ContactKind.CONTACT_KIND_EMPLOYEE))
        .extracting(Contact::getEmail)
        .contains("tom@acme.example", "xavier@acme.example", "sara@acme.example")
        .doesNotContain("eve@acme.example", "otto@globex.example");
  }

  @Test
  void teamLeaderSeesTheCustomersOfTheirTeamAndManagerSeesAll() {
    assertThat(contacts("tom@acme.example", ContactKind.CONTACT_KIND_CUSTOMER))
        .extracting(Contact::getEmail).containsExactlyInAnyOrder("carol@northwind.example", "dan@contoso.example");
    assertThat(contacts("maria@acme.example", ContactKind.CONTACT_KIND_CUSTOMER))
        .extracting(Contact::getEmail)
        .contains("carol@northwind.example", "dan@contoso.example", "fiona@initech.example", "gus@umbrella.example")
        .doesNotContain("cora@hooli.example");
  }

  @Test
  void customerSeesOnlyTheirAssignedEmployeeAndNoCustomers() {
    assertThat(contacts("carol@northwind.example", ContactKind.CONTACT_KIND_UNSPECIFIED))
        .extracting(Contact::getEmail).containsExactly("eve@acme.example");
    var e = assertStatus(Status.Code.PERMISSION_DENIED, () -> open("carol@northwind.example", "xavier@acme.example"));
    assertThat(reason(e)).isEqualTo("EMPLOYEE_NOT_ASSIGNED");
    assertStatus(Status.Code.PERMISSION_DENIED, () -> open("carol@northwind.example", "dan@contoso.example"));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> rooms("carol@northwind.example")
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Customers united").build()));
  }

  @Test
  void contactsFilterByNamePrefixAndPage() {
    var stub = server.as("maria@acme.example", ContactServiceGrpc.newBlockingStub(server.channel()));
    assertThat(stub.listContacts(ListContactsRequest.newBuilder().setNamePrefix("ed").build()).getContactsList())
        .extracting(Contact::getDisplayName).containsExactly("Ed Executive");
    Set<String> seen = new HashSet<>();
    String token = "";
    do {
      var page = stub.listContacts(ListContactsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      page.getContactsList().forEach(c -> assertThat(seen.add(c.getUserId())).isTrue());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(seen).hasSize(contacts("maria@acme.example", ContactKind.CONTACT_KIND_UNSPECIFIED).size());
  }

  @Test
  void openingADirectRoomAgainFromEitherSideReturnsTheSameRoom() {
    RoomView first = open("tom@acme.example", "ed@acme.example");
    RoomView again = open("tom@acme.example", "ed@acme.example");
    RoomView otherSide = open("ed@acme.example", "tom@acme.example");
    assertThat(again.getRoomId()).isEqualTo(first.getRoomId());
    assertThat(otherSide.getRoomId()).isEqualTo(first.getRoomId());
  }

  @Test
  void concurrentOpensOfTheSameDirectRoomProduceExactlyOneRoom() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> opens = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        boolean fromMaria = i % 2 == 0;
        opens.add(() -> fromMaria ? open("maria@acme.example", "xavier@acme.example").getRoomId()
            : open("xavier@acme.example", "maria@acme.example").getRoomId());
      }
      Set<String> ids = new HashSet<>();
      for (Future<String> f : pool.invokeAll(opens)) {
        ids.add(f.get());
      }
      assertThat(ids).hasSize(1);
      String key = com.example.chat.server.rooms.RoomRepository.directKey(
          server.id("maria@acme.example"), server.id("xavier@acme.example"));
      assertThat(server.dsl().fetchCount(CHAT_ROOM, CHAT_ROOM.DIRECT_KEY.eq(key))).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameDirectRoomLooksLikeACustomerChatToTheEmployeeAndAnEmployeeChatToTheCustomer() {
    RoomView employeeSide = open("eve@acme.example", "carol@northwind.example");
    assertThat(employeeSide.getKind()).isEqualTo(RoomKind.ROOM_KIND_CUSTOMER_CHAT);
    assertThat(employeeSide.getIcon()).isEqualTo(RoomIcon.ROOM_ICON_CUSTOMER);
    assertThat(employeeSide.getIconEmoji()).isEqualTo("👤");
    assertThat(employeeSide.getDisplayName()).isEqualTo("Carol Customer");
    assertThat(employeeSide.getBadge()).isEqualTo("Northwind Traders");
    assertThat(employeeSide.getCanSend()).isTrue();

    RoomView customerSide = rooms("carol@northwind.example")
        .getRoom(GetRoomRequest.newBuilder().setRoomId(employeeSide.getRoomId()).build()).getRoom();
    assertThat(customerSide.getKind()).isEqualTo(RoomKind.ROOM_KIND_EMPLOYEE_CHAT);
    assertThat(customerSide.getIcon()).isEqualTo(RoomIcon.ROOM_ICON_EMPLOYEE);
    assertThat(customerSide.getIconEmoji()).isEqualTo("💼");
    assertThat(customerSide.getDisplayName()).isEqualTo("Eve Executive");
    assertThat(customerSide.getBadge()).isEqualTo("Sales");
    assertThat(customerSide.getParticipantsList()).extracting(Participant::getDisplayName)
        .containsExactlyInAnyOrder("Eve Executive", "Carol Customer");
  }

  @Test
  void aGroupShowsItsNameAndMembersToEveryone() {
    RoomView group = rooms("tom@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder()
        .setName("Sales floor").addMemberUserIds(id("eve@acme.example")).addMemberUserIds(id("carol@northwind.example"))
        .build()).getRoom();
    RoomView seenByEve = rooms("eve@acme.example").getRoom(GetRoomRequest.newBuilder().setRoomId(group.getRoomId()).build()).getRoom();
    for (RoomView view : List.of(group, seenByEve)) {
      assertThat(view.getKind()).isEqualTo(RoomKind.ROOM_KIND_GROUP);
      assertThat(view.getIconEmoji()).isEqualTo("👥");
      assertThat(view.getDisplayName()).isEqualTo("Sales floor");
      assertThat(view.getOwnerId()).isEqualTo(id("tom@acme.example"));
    }
    Participant carol = seenByEve.getParticipantsList().stream()
        .filter(p -> p.getUserId().equals(id("carol@northwind.example"))).findFirst().orElseThrow();
    assertThat(carol.getOrganization()).isEqualTo("Northwind Traders");
    assertThat(seenByEve.getParticipants(0).getDisplayName()).as("owner first").isEqualTo("Tom Leader");
    assertStatus(Status.Code.NOT_FOUND, () -> rooms("ed@acme.example")
        .getRoom(GetRoomRequest.newBuilder().setRoomId(group.getRoomId()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> rooms("gina@globex.example")
        .getRoom(GetRoomRequest.newBuilder().setRoomId(group.getRoomId()).build()));
  }

  @Test
  void groupCreationIsIdempotentAndValidatesItsInput() {
    var request = CreateGroupRoomRequest.newBuilder().setRequestId("standup-1").setName("Standup")
        .addMemberUserIds(id("ed@acme.example")).build();
    String first = rooms("maria@acme.example").createGroupRoom(request).getRoom().getRoomId();
    assertThat(rooms("maria@acme.example").createGroupRoom(request).getRoom().getRoomId()).isEqualTo(first);

    int rooms = server.dsl().fetchCount(CHAT_ROOM);
    var bad = assertStatus(Status.Code.INVALID_ARGUMENT, () -> rooms("maria@acme.example").createGroupRoom(
        CreateGroupRoomRequest.newBuilder().setName("x".repeat(101))
            .addMemberUserIds(id("ed@acme.example")).addMemberUserIds(id("ed@acme.example"))
            .addMemberUserIds(id("maria@acme.example")).addMemberUserIds("not-an-id").build()));
    assertThat(violatedFields(bad)).containsExactlyInAnyOrder(
        "name", "member_user_ids[1]", "member_user_ids[2]", "member_user_ids[3]");
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> rooms("maria@acme.example").createGroupRoom(
        CreateGroupRoomRequest.newBuilder().setName("   ").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> open("maria@acme.example", "maria@acme.example"));
    assertThat(server.dsl().fetchCount(CHAT_ROOM)).isEqualTo(rooms);
  }

  @Test
  void roomListIsFilteredByKindAndPagedNewestFirst() {
    open("sara@acme.example", "eve@acme.example");
    open("sara@acme.example", "carol@northwind.example");
    rooms("sara@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Board").build());
    var stub = rooms("sara@acme.example");
    assertThat(stub.listRooms(ListRoomsRequest.newBuilder().setKind(RoomKind.ROOM_KIND_CUSTOMER_CHAT).build()).getRoomsList())
        .extracting(RoomView::getDisplayName).containsExactly("Carol Customer");
    assertThat(stub.listRooms(ListRoomsRequest.newBuilder().setKind(RoomKind.ROOM_KIND_GROUP).build()).getRoomsList())
        .extracting(RoomView::getDisplayName).containsExactly("Board");
    List<RoomView> all = new ArrayList<>();
    String token = "";
    do {
      var page = stub.listRooms(ListRoomsRequest.newBuilder().setPageSize(1).setPageToken(token).build());
      all.addAll(page.getRoomsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(all).extracting(RoomView::getDisplayName).containsExactly("Board", "Carol Customer", "Eve Executive");
  }

  @Test
  void muteIsPerPerson() {
    RoomView room = open("ed@acme.example", "dan@contoso.example");
    RoomView muted = rooms("ed@acme.example").setRoomMuted(SetRoomMutedRequest.newBuilder()
        .setRoomId(room.getRoomId()).setMuted(true).build()).getRoom();
    assertThat(muted.getMuted()).isTrue();
    assertThat(rooms("dan@contoso.example").getRoom(GetRoomRequest.newBuilder().setRoomId(room.getRoomId()).build())
        .getRoom().getMuted()).isFalse();
  }

  @Test
  void afterReassignmentTheFormerExecutiveKeepsTheRoomButMayNotSendAndTheNewOneMayOpen() {
    RoomView before = open("xavier@acme.example", "fiona@initech.example");
    assertThat(before.getCanSend()).isTrue();
    server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .updateCustomerProfile(UpdateCustomerProfileRequest.newBuilder().setCustomerId(id("fiona@initech.example"))
            .setAssignedEmployeeId(id("ed@acme.example")).build());

    RoomView after = rooms("xavier@acme.example").getRoom(GetRoomRequest.newBuilder().setRoomId(before.getRoomId()).build()).getRoom();
    assertThat(after.getCanSend()).isFalse();
    assertThat(after.getSendBlockedReason()).isEqualTo(SendBlockedReason.SEND_BLOCKED_REASON_CUSTOMER_NOT_ASSIGNED);
    var e = assertStatus(Status.Code.PERMISSION_DENIED, () -> open("xavier@acme.example", "fiona@initech.example"));
    assertThat(reason(e)).isEqualTo("CUSTOMER_NOT_ASSIGNED");

    RoomView newAssignee = open("ed@acme.example", "fiona@initech.example");
    assertThat(newAssignee.getCanSend()).isTrue();
    assertThat(newAssignee.getRoomId()).isNotEqualTo(before.getRoomId());
  }
}
