package com.example.chat.server.testing;

import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.Message;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.UpdateCustomerProfileRequest;

/**
 * Builds what a test needs through the real API, as demo users (by e-mail), so that test data
 * obeys the same rules as the data of a real company. One place for what every test class
 * used to write for itself.
 */
public final class TestData {
  private final TestServer server;

  TestData(TestServer server) {
    this.server = server;
  }

  public RoomServiceGrpc.RoomServiceBlockingStub rooms(String email) {
    return server.as(email, RoomServiceGrpc.newBlockingStub(server.channel()));
  }

  public MessageServiceGrpc.MessageServiceBlockingStub messages(String email) {
    return server.as(email, MessageServiceGrpc.newBlockingStub(server.channel()));
  }

  public DirectoryServiceGrpc.DirectoryServiceBlockingStub directory(String email) {
    return server.as(email, DirectoryServiceGrpc.newBlockingStub(server.channel()));
  }

  /** Opens (or reopens) the direct room of two demo users, as the first; returns its id. */
  public String directRoom(String caller, String other) {
    return rooms(caller).openDirectRoom(OpenDirectRoomRequest.newBuilder()
        .setUserId(server.id(other).toString()).build()).getRoom().getRoomId();
  }

  /** Creates a group owned by {@code owner} with the given members; returns its id. */
  public String group(String owner, String name, String... members) {
    CreateGroupRoomRequest.Builder request = CreateGroupRoomRequest.newBuilder().setName(name);
    for (String member : members) {
      request.addMemberUserIds(server.id(member).toString());
    }
    return rooms(owner).createGroupRoom(request.build()).getRoom().getRoomId();
  }

  /** Sends a message as a demo user and returns it as stored. */
  public Message send(String sender, String room, String text) {
    return messages(sender).sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build())
        .getMessage();
  }

  /** The room as a demo user sees it. */
  public RoomView view(String viewer, String room) {
    return rooms(viewer).getRoom(GetRoomRequest.newBuilder().setRoomId(room).build()).getRoom();
  }

  /** A new customer of the company of {@code employee}, assigned to them (created by an Acme admin); returns the id. */
  public String customer(String email, String organization, String employee) {
    return directory("adam@acme.example").createUser(CreateUserRequest.newBuilder().setEmail(email)
        .setDisplayName("Customer " + email).setRole(Role.ROLE_CUSTOMER).setOrganization(organization)
        .setAssignedEmployeeId(server.id(employee).toString()).build()).getUser().getId();
  }

  /** Assigns a demo customer of Acme to another employee. */
  public void reassign(String customer, String employee) {
    directory("adam@acme.example").updateCustomerProfile(UpdateCustomerProfileRequest.newBuilder()
        .setCustomerId(server.id(customer).toString()).setAssignedEmployeeId(server.id(employee).toString()).build());
  }
}
