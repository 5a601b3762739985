package com.example.chat.server.rooms;

import static com.example.chat.server.testing.Statuses.failure;
import static com.example.chat.server.testing.Statuses.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.Contact;
import com.example.chat.v1.ContactServiceGrpc;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.LeaveRoomRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.ListContactsRequest;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RemoveRoomMemberRequest;
import com.example.chat.v1.RenameRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc.RoomServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every role × every room action × same company / other company, generated from one table.
 * Each refusal must carry the exact status and leave the database unchanged; each allowed
 * action must have its effect, seen by the other people involved (a direct room with a
 * customer must be a conversation: the customer can answer in it).
 */
class RoomPermissionMatrixTest {

  /** OK: allowed. DENIED: PERMISSION_DENIED with a reason. NOT_FOUND: the target does not exist for the caller. */
  private static final String MATRIX = """
      action                           SUPER_ADMIN ADMIN     MANAGER   TEAM_LEADER EXECUTIVE CUSTOMER
      LIST_CONTACTS                    OK          OK        OK        OK          OK        OK
      OPEN_EMPLOYEE                    OK          OK        OK        OK          OK        DENIED
      OPEN_ASSIGNED_EMPLOYEE           OK          OK        OK        OK          OK        OK
      OPEN_ASSIGNED_CUSTOMER           OK          OK        OK        OK          OK        DENIED
      OPEN_UNASSIGNED_CUSTOMER         OK          OK        OK        DENIED      DENIED    DENIED
      OPEN_TEAM_MEMBERS_CUSTOMER       OK          OK        OK        OK          DENIED    DENIED
      CREATE_GROUP                     OK          OK        OK        OK          DENIED    DENIED
      ADD_MEMBER                       OK          OK        DENIED    DENIED      DENIED    DENIED
      REMOVE_MEMBER                    OK          OK        DENIED    DENIED      DENIED    DENIED
      RENAME                           OK          OK        DENIED    DENIED      DENIED    DENIED
      LEAVE                            OK          OK        OK        OK          OK        OK
      OPEN_EMPLOYEE_OF_OTHER_COMPANY   NOT_FOUND   NOT_FOUND NOT_FOUND NOT_FOUND   NOT_FOUND NOT_FOUND
      OPEN_CUSTOMER_OF_OTHER_COMPANY   NOT_FOUND   NOT_FOUND NOT_FOUND NOT_FOUND   NOT_FOUND NOT_FOUND
      CREATE_GROUP_WITH_OTHER_COMPANY  NOT_FOUND   NOT_FOUND NOT_FOUND NOT_FOUND   DENIED    DENIED
      ADD_MEMBER_OF_OTHER_COMPANY      NOT_FOUND   NOT_FOUND DENIED    DENIED      DENIED    DENIED
      RENAME_OTHER_COMPANY_GROUP       NOT_FOUND   NOT_FOUND NOT_FOUND NOT_FOUND   DENIED    DENIED
      LEAVE_OTHER_COMPANY_GROUP        NOT_FOUND   NOT_FOUND NOT_FOUND NOT_FOUND   NOT_FOUND NOT_FOUND
      """;

  /** The demo caller of each role, all in Acme. */
  private static final Map<String, String> CALLERS = Map.of(
      "SUPER_ADMIN", "sara@acme.example", "ADMIN", "adam@acme.example", "MANAGER", "maria@acme.example",
      "TEAM_LEADER", "tom@acme.example", "EXECUTIVE", "eve@acme.example", "CUSTOMER", "carol@northwind.example");

  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  /** For each caller: a customer assigned to them (for the customer: another customer). */
  private static final Map<String, String> OWN_CUSTOMER = new HashMap<>();
  private static int counter;

  @BeforeAll
  static void start() throws Exception {
    var admin = server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()));
    for (String email : List.of("sara@acme.example", "adam@acme.example", "tom@acme.example")) {
      String customer = admin.createUser(CreateUserRequest.newBuilder().setEmail("of." + email)
          .setDisplayName("Customer of " + email).setRole(Role.ROLE_CUSTOMER).setOrganization("Org of " + email)
          .setAssignedEmployeeId(server.id(email).toString()).build()).getUser().getId();
      OWN_CUSTOMER.put(email, customer);
    }
    OWN_CUSTOMER.put("maria@acme.example", server.id("gus@umbrella.example").toString());
    OWN_CUSTOMER.put("eve@acme.example", server.id("carol@northwind.example").toString());
    OWN_CUSTOMER.put("carol@northwind.example", server.id("dan@contoso.example").toString());
  }

  @TestFactory
  Stream<DynamicTest> everyRoleTimesEveryRoomAction() {
    List<String> lines = MATRIX.strip().lines().toList();
    List<String> roles = List.of(lines.get(0).trim().split("\\s+")).subList(1, 7);
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      for (int i = 0; i < roles.size(); i++) {
        String role = roles.get(i);
        String expected = cells[i + 1];
        String action = cells[0];
        tests.add(dynamicTest(role + " " + action + " -> " + expected, () -> check(CALLERS.get(role), action, expected)));
      }
    }
    return tests.stream();
  }

  private static RoomServiceBlockingStub rooms(String email) {
    return server.as(email, RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  private static String id(String email) {
    return server.id(email).toString();
  }

  /** A fresh Acme group the caller belongs to but does not own, with Xavier as a member. */
  private static String acmeGroupFor(String caller) {
    String owner = caller.equals("tom@acme.example") ? "maria@acme.example" : "tom@acme.example";
    List<String> members = new ArrayList<>();
    for (String email : CALLERS.values()) {
      if (!email.equals(owner)) {
        members.add(id(email));
      }
    }
    members.add(id("xavier@acme.example"));
    return rooms(owner).createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Team " + (++counter))
        .addAllMemberUserIds(members).build()).getRoom().getRoomId();
  }

  private static String globexGroup() {
    return rooms("gina@globex.example").createGroupRoom(CreateGroupRoomRequest.newBuilder()
        .setName("Globex team " + (++counter)).addMemberUserIds(id("otto@globex.example")).build()).getRoom().getRoomId();
  }

  /** An action to judge: the call, and what must hold after it succeeded. */
  private record Action(Runnable call, Runnable effect) {
    static Action of(Runnable call) {
      return new Action(call, () -> {});
    }
  }

  private static void check(String caller, String action, String expected) {
    Action prepared = action(caller, action);
    String before = fingerprint();
    if (expected.equals("OK")) {
      prepared.call().run();
      prepared.effect().run();
      return;
    }
    StatusRuntimeException e = failure(prepared.call()::run);
    Status.Code code = expected.equals("DENIED") ? Status.Code.PERMISSION_DENIED : Status.Code.NOT_FOUND;
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
    assertThat(reason(e)).as("a stable reason").isNotBlank();
    assertThat(fingerprint()).as("a refused request changes nothing").isEqualTo(before);
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub messages(String userId) {
    return TestServer.withToken(server.tokenForSubject(userId), MessageServiceGrpc.newBlockingStub(server.channel()));
  }

  private static RoomServiceBlockingStub roomsOf(String userId) {
    return TestServer.withToken(server.tokenForSubject(userId), RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  private static String emailOf(String userId) {
    return server.dsl().fetchSingle("select email from app_user where id = ?::uuid", userId).get(0, String.class);
  }

  /** Opening a direct room: both see it, and both may write in it (both ways: a conversation). */
  private static Action openDirect(String caller, String target) {
    String[] room = new String[1];
    return new Action(
        () -> room[0] = rooms(caller).openDirectRoom(open(target)).getRoom().getRoomId(),
        () -> {
          for (String person : List.of(id(caller), target)) {
            var view = roomsOf(person).getRoom(GetRoomRequest.newBuilder().setRoomId(room[0]).build()).getRoom();
            assertThat(view.getCanSend()).as(emailOf(person) + " may write: " + view.getSendBlockedMessage()).isTrue();
            messages(person).sendMessage(SendMessageRequest.newBuilder().setRoomId(room[0])
                .setText("hello from " + emailOf(person)).build());
          }
        });
  }

  private static boolean sees(String email, String room) {
    try {
      rooms(email).getRoom(GetRoomRequest.newBuilder().setRoomId(room).build());
      return true;
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      return false;
    }
  }

  /** Prepares the fixtures of an action and returns the call to judge. */
  private static Action action(String caller, String action) {
    RoomServiceBlockingStub stub = rooms(caller);
    switch (action) {
      case "LIST_CONTACTS":
        return Action.of(() -> {
          var contacts = server.as(caller, ContactServiceGrpc.newBlockingStub(server.channel()))
              .listContacts(ListContactsRequest.newBuilder().setPageSize(200).build()).getContactsList();
          assertThat(contacts).extracting(Contact::getUserId)
              .doesNotContain(id("otto@globex.example"), id("cora@hooli.example"), id(caller));
          assertThat(contacts).as("everyone may chat with someone").isNotEmpty();
        });
      case "OPEN_EMPLOYEE":
        return openDirect(caller, id("xavier@acme.example"));
      case "OPEN_ASSIGNED_EMPLOYEE":
        // Customers: the employee assigned to them. Employees: any colleague.
        return openDirect(caller, id(caller.equals("eve@acme.example") ? "ed@acme.example" : "eve@acme.example"));
      case "OPEN_ASSIGNED_CUSTOMER":
        return openDirect(caller, OWN_CUSTOMER.get(caller));
      case "OPEN_UNASSIGNED_CUSTOMER":
        return openDirect(caller, id("fiona@initech.example"));
      case "OPEN_TEAM_MEMBERS_CUSTOMER":
        return openDirect(caller, id("dan@contoso.example"));
      case "CREATE_GROUP": {
        String[] room = new String[1];
        return new Action(() -> room[0] = stub.createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("New group")
            .addMemberUserIds(id("xavier@acme.example")).build()).getRoom().getRoomId(),
            () -> assertThat(sees("xavier@acme.example", room[0])).as("the member sees the new group").isTrue());
      }
      case "ADD_MEMBER": {
        String group = acmeGroupFor(caller);
        return new Action(() -> stub.addRoomMembers(AddRoomMembersRequest.newBuilder().setRoomId(group)
            .addUserIds(id("ed@acme.example")).build()),
            () -> assertThat(sees("ed@acme.example", group)).as("the added member sees the group").isTrue());
      }
      case "REMOVE_MEMBER": {
        String group = acmeGroupFor(caller);
        return new Action(() -> stub.removeRoomMember(RemoveRoomMemberRequest.newBuilder().setRoomId(group)
            .setUserId(id("xavier@acme.example")).build()),
            () -> assertThat(sees("xavier@acme.example", group)).as("the removed member lost the group").isFalse());
      }
      case "RENAME": {
        String group = acmeGroupFor(caller);
        return new Action(() -> stub.renameRoom(RenameRoomRequest.newBuilder().setRoomId(group).setName("Renamed").build()),
            () -> assertThat(rooms("xavier@acme.example").getRoom(GetRoomRequest.newBuilder().setRoomId(group).build())
                .getRoom().getDisplayName()).as("members see the new name").isEqualTo("Renamed"));
      }
      case "LEAVE": {
        String group = acmeGroupFor(caller);
        return new Action(() -> stub.leaveRoom(LeaveRoomRequest.newBuilder().setRoomId(group).build()),
            () -> assertThat(sees(caller, group)).as("whoever left lost the group").isFalse());
      }
      case "OPEN_EMPLOYEE_OF_OTHER_COMPANY":
        return Action.of(() -> stub.openDirectRoom(open(id("otto@globex.example"))));
      case "OPEN_CUSTOMER_OF_OTHER_COMPANY":
        return Action.of(() -> stub.openDirectRoom(open(id("cora@hooli.example"))));
      case "CREATE_GROUP_WITH_OTHER_COMPANY":
        return Action.of(() -> stub.createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Mixed")
            .addMemberUserIds(id("otto@globex.example")).build()));
      case "ADD_MEMBER_OF_OTHER_COMPANY": {
        String group = acmeGroupFor(caller);
        return Action.of(() -> stub.addRoomMembers(AddRoomMembersRequest.newBuilder().setRoomId(group)
            .addUserIds(id("otto@globex.example")).build()));
      }
      case "RENAME_OTHER_COMPANY_GROUP": {
        String group = globexGroup();
        return Action.of(() -> stub.renameRoom(RenameRoomRequest.newBuilder().setRoomId(group).setName("Mine now").build()));
      }
      case "LEAVE_OTHER_COMPANY_GROUP": {
        String group = globexGroup();
        return Action.of(() -> stub.leaveRoom(LeaveRoomRequest.newBuilder().setRoomId(group).build()));
      }
      default:
        throw new IllegalArgumentException("no action " + action);
    }
  }

  private static OpenDirectRoomRequest open(String userId) {
    return OpenDirectRoomRequest.newBuilder().setUserId(userId).build();
  }

  /** Everything a room action could change, as one comparable string. */
  private static String fingerprint() {
    return server.dsl().fetchSingle("""
        select (select count(*) from chat_room) || '|' || (select coalesce(sum(last_seq), 0) from chat_room)
          || '|' || (select coalesce(string_agg(coalesce(name, '-'), ',' order by id), '') from chat_room)
          || '|' || (select count(*) from chat_participant where left_seq is null)
          || '|' || (select count(*) from room_event)
          || '|' || (select count(*) from chat_participant where muted)
        """).get(0, String.class);
  }

}
