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
import com.example.chat.v1.LeaveRoomRequest;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every role × every room action × same company / other company, generated from one table.
 * Each refusal must carry the exact status and leave the database unchanged.
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

  private static TestServer server;
  /** For each caller: a customer assigned to them (for the customer: another customer). */
  private static final Map<String, String> OWN_CUSTOMER = new HashMap<>();
  private static int counter;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
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

  @AfterAll
  static void stop() throws Exception {
    server.close();
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

  private static void check(String caller, String action, String expected) {
    Runnable call = action(caller, action);
    String before = fingerprint();
    if (expected.equals("OK")) {
      call.run();
      return;
    }
    StatusRuntimeException e = failure(call::run);
    Status.Code code = expected.equals("DENIED") ? Status.Code.PERMISSION_DENIED : Status.Code.NOT_FOUND;
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
    assertThat(reason(e)).as("a stable reason").isNotBlank();
    assertThat(fingerprint()).as("a refused request changes nothing").isEqualTo(before);
  }

  /** Prepares the fixtures of an action and returns the call to judge. */
  private static Runnable action(String caller, String action) {
    RoomServiceBlockingStub stub = rooms(caller);
    switch (action) {
      case "LIST_CONTACTS":
        return () -> {
          var contacts = server.as(caller, ContactServiceGrpc.newBlockingStub(server.channel()))
              .listContacts(ListContactsRequest.newBuilder().setPageSize(200).build()).getContactsList();
          assertThat(contacts).extracting(Contact::getUserId)
              .doesNotContain(id("otto@globex.example"), id("cora@hooli.example"), id(caller));
        };
      case "OPEN_EMPLOYEE":
        return () -> stub.openDirectRoom(open(id("xavier@acme.example")));
      case "OPEN_ASSIGNED_EMPLOYEE":
        // Customers: the employee assigned to them. Employees: any colleague.
        return () -> stub.openDirectRoom(open(id(caller.equals("eve@acme.example") ? "ed@acme.example" : "eve@acme.example")));
      case "OPEN_ASSIGNED_CUSTOMER":
        return () -> stub.openDirectRoom(open(OWN_CUSTOMER.get(caller)));
      case "OPEN_UNASSIGNED_CUSTOMER":
        return () -> stub.openDirectRoom(open(id("fiona@initech.example")));
      case "OPEN_TEAM_MEMBERS_CUSTOMER":
        return () -> stub.openDirectRoom(open(id("dan@contoso.example")));
      case "CREATE_GROUP":
        return () -> stub.createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("New group")
            .addMemberUserIds(id("xavier@acme.example")).build());
      case "ADD_MEMBER": {
        String group = acmeGroupFor(caller);
        return () -> stub.addRoomMembers(AddRoomMembersRequest.newBuilder().setRoomId(group)
            .addUserIds(id("ed@acme.example")).build());
      }
      case "REMOVE_MEMBER": {
        String group = acmeGroupFor(caller);
        return () -> stub.removeRoomMember(RemoveRoomMemberRequest.newBuilder().setRoomId(group)
            .setUserId(id("xavier@acme.example")).build());
      }
      case "RENAME": {
        String group = acmeGroupFor(caller);
        return () -> stub.renameRoom(RenameRoomRequest.newBuilder().setRoomId(group).setName("Renamed").build());
      }
      case "LEAVE": {
        String group = acmeGroupFor(caller);
        return () -> stub.leaveRoom(LeaveRoomRequest.newBuilder().setRoomId(group).build());
      }
      case "OPEN_EMPLOYEE_OF_OTHER_COMPANY":
        return () -> stub.openDirectRoom(open(id("otto@globex.example")));
      case "OPEN_CUSTOMER_OF_OTHER_COMPANY":
        return () -> stub.openDirectRoom(open(id("cora@hooli.example")));
      case "CREATE_GROUP_WITH_OTHER_COMPANY":
        return () -> stub.createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Mixed")
            .addMemberUserIds(id("otto@globex.example")).build());
      case "ADD_MEMBER_OF_OTHER_COMPANY": {
        String group = acmeGroupFor(caller);
        return () -> stub.addRoomMembers(AddRoomMembersRequest.newBuilder().setRoomId(group)
            .addUserIds(id("otto@globex.example")).build());
      }
      case "RENAME_OTHER_COMPANY_GROUP": {
        String group = globexGroup();
        return () -> stub.renameRoom(RenameRoomRequest.newBuilder().setRoomId(group).setName("Mine now").build());
      }
      case "LEAVE_OTHER_COMPANY_GROUP": {
        String group = globexGroup();
        return () -> stub.leaveRoom(LeaveRoomRequest.newBuilder().setRoomId(group).build());
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
