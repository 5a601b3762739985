package com.example.chat.server.core;

import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.ContactServiceGrpc;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.ListCompaniesRequest;
import com.example.chat.v1.ListContactsRequest;
import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.ListUsersRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forged page tokens and hostile text are refused as the caller's mistake, and store nothing. */
class HostileInputTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  private static String room;

  @BeforeAll
  static void start() throws Exception {
    room = server.data().directRoom("tom@acme.example", "maria@acme.example");
  }

  private static RoomServiceGrpc.RoomServiceBlockingStub rooms(String email) {
    return server.data().rooms(email);
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub messages(String email) {
    return server.data().messages(email);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Tokens that decode but do not hold a position of the list they are sent to. */
  private static List<String> forgedTokens(String list, String filter) {
    return List.of(
        "not base64 at all!",
        b64("garbage"),
        String.join(".", b64(list), b64(filter), b64("not-a-time-or-name"), b64("not-a-uuid")),
        String.join(".", b64(list), b64(filter), b64("2026-01-01T00:00:00Z")),
        String.join(".", b64(list), b64("another filter"), b64("x"), b64("00000000-0000-0000-0000-000000000000")),
        String.join(".", b64("history"), b64(filter), b64("sideways"), b64("-5")),
        String.join(".", b64(list), b64(filter), b64("before"), b64("99999999999999999999999")));
  }

  @Test
  void forgedPageTokensAreInvalidArgumentOnEveryList() {
    for (String token : forgedTokens("rooms", "null")) {
      assertStatus(Status.Code.INVALID_ARGUMENT,
          () -> rooms("tom@acme.example").listRooms(ListRoomsRequest.newBuilder().setPageToken(token).build()));
    }
    for (String token : forgedTokens("history", room)) {
      assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("tom@acme.example")
          .listMessages(ListMessagesRequest.newBuilder().setRoomId(room).setPageToken(token).build()));
    }
    for (String token : forgedTokens("contacts", "null:")) {
      assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.as("tom@acme.example",
          ContactServiceGrpc.newBlockingStub(server.channel())).listContacts(
              ListContactsRequest.newBuilder().setPageToken(token).build()));
    }
    for (String token : forgedTokens("users", "x")) {
      assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.as("adam@acme.example",
          DirectoryServiceGrpc.newBlockingStub(server.channel())).listUsers(
              ListUsersRequest.newBuilder().setPageToken(token).build()));
    }
    for (String token : forgedTokens("companies", "")) {
      assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.as("sara@acme.example",
          DirectoryServiceGrpc.newBlockingStub(server.channel())).listCompanies(
              ListCompaniesRequest.newBuilder().setPageToken(token).build()));
    }
  }

  @Test
  void aPageTokenOfOneFilterIsRefusedForAnother() {
    for (int i = 0; i < 3; i++) {
      rooms("sara@acme.example").createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("G" + i).build());
    }
    String groupsToken = rooms("sara@acme.example").listRooms(ListRoomsRequest.newBuilder()
        .setKind(RoomKind.ROOM_KIND_GROUP).setPageSize(1).build()).getNextPageToken();
    assertThat(groupsToken).isNotEmpty();
    assertThat(rooms("sara@acme.example").listRooms(ListRoomsRequest.newBuilder()
        .setKind(RoomKind.ROOM_KIND_GROUP).setPageSize(1).setPageToken(groupsToken).build()).getRoomsCount()).isEqualTo(1);
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> rooms("sara@acme.example").listRooms(ListRoomsRequest.newBuilder()
        .setPageSize(1).setPageToken(groupsToken).build()));
  }

  @Test
  void textWithControlCharactersOrOnlyUnicodeSpacesIsRefusedAndNothingIsStored() {
    int messagesBefore = server.dsl().fetchCount(CHAT_MESSAGE);
    int roomsBefore = server.dsl().fetchCount(CHAT_ROOM);
    for (String text : List.of("nul \u0000 inside", "bell \u0007", "escape \u001b[31m red", "\u00a0\u2003\u3000",
        " \u200b\u2007 ", "\r")) {
      var refused = assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("tom@acme.example")
          .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build()));
      assertThat(violatedFields(refused)).containsExactly("text");
    }
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> rooms("tom@acme.example")
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("\u3000\u00a0").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> rooms("tom@acme.example")
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("two\nlines").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("tom@acme.example").sendMessage(
        SendMessageRequest.newBuilder().setRoomId(room).setText("ok").setRequestId("id\u0000").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.as("adam@acme.example",
        DirectoryServiceGrpc.newBlockingStub(server.channel())).createUser(CreateUserRequest.newBuilder()
            .setEmail("nul\u0000@acme.example").setDisplayName("N").setRole(Role.ROLE_EXECUTIVE).build()));
    assertThat(server.dsl().fetchCount(CHAT_MESSAGE)).isEqualTo(messagesBefore);
    assertThat(server.dsl().fetchCount(CHAT_ROOM)).isEqualTo(roomsBefore);

    // Newlines, tabs and text around spaces are fine.
    var sent = messages("tom@acme.example").sendMessage(SendMessageRequest.newBuilder().setRoomId(room)
        .setText("line one\n\tline two\u00a0ok").build()).getMessage();
    assertThat(sent.getText()).isEqualTo("line one\n\tline two\u00a0ok");
  }
}
