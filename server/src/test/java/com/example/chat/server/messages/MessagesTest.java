package com.example.chat.server.messages;

import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static com.example.chat.server.testing.Statuses.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.DeleteMessageRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.EditMessageRequest;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.GetUnreadSummaryRequest;
import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.MarkReadRequest;
import com.example.chat.v1.Message;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.MessageServiceGrpc.MessageServiceBlockingStub;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending, history, edits, deletes and read state, as members of rooms use them. */
class MessagesTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  private static MessageServiceBlockingStub messages(String email) {
    return server.as(email, MessageServiceGrpc.newBlockingStub(server.channel()));
  }

  private static String direct(String a, String b) {
    return server.data().directRoom(a, b);
  }

  private static Message send(String email, String room, String text) {
    return server.data().send(email, room, text);
  }

  private static List<Long> reversed(List<Long> list) {
    List<Long> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static int stored() {
    return server.dsl().fetchCount(CHAT_MESSAGE);
  }

  @Test
  void sendAssignsIncreasingSeqsAndMovesTheSendersCursor() {
    String room = direct("tom@acme.example", "maria@acme.example");
    Message first = send("tom@acme.example", room, "Hello Maria");
    Message second = send("maria@acme.example", room, "Hi Tom");
    assertThat(second.getSeq()).isEqualTo(first.getSeq() + 1);
    assertThat(second.getSenderDisplayName()).isEqualTo("Maria Manager");
    var tomView = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .getRoom(GetRoomRequest.newBuilder().setRoomId(room).build()).getRoom();
    assertThat(tomView.getUnreadCount()).isEqualTo(1);
    assertThat(tomView.getLastMessage().getText()).isEqualTo("Hi Tom");
    var mariaView = server.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .getRoom(GetRoomRequest.newBuilder().setRoomId(room).build()).getRoom();
    assertThat(mariaView.getUnreadCount()).as("own messages are read").isZero();
  }

  @Test
  void aRepeatedRequestIdReturnsTheFirstMessageAndStoresNothing() {
    String room = direct("ed@acme.example", "dan@contoso.example");
    var request = SendMessageRequest.newBuilder().setRoomId(room).setRequestId("r-1").setText("first");
    var first = messages("ed@acme.example").sendMessage(request.build());
    int before = stored();
    var retry = messages("ed@acme.example").sendMessage(request.setText("different text").build());
    assertThat(retry.getCreated()).isFalse();
    assertThat(retry.getMessage().getSeq()).isEqualTo(first.getMessage().getSeq());
    assertThat(retry.getMessage().getText()).isEqualTo("first");
    assertThat(stored()).isEqualTo(before);

    String otherRoom = direct("ed@acme.example", "tom@acme.example");
    var elsewhere = messages("ed@acme.example").sendMessage(request.setRoomId(otherRoom).build());
    assertThat(elsewhere.getCreated()).as("the same id in another room is a new message").isTrue();
  }

  @Test
  void badInputAndForbiddenRoomsAreRefusedAndStoreNothing() {
    String room = direct("sara@acme.example", "adam@acme.example");
    int before = stored();
    var blank = assertStatus(Status.Code.INVALID_ARGUMENT, () -> send("sara@acme.example", room, "   "));
    assertThat(violatedFields(blank)).containsExactly("text");
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> send("sara@acme.example", room, "x".repeat(10_001)));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("sara@acme.example").sendMessage(
        SendMessageRequest.newBuilder().setRoomId(room).setText("hi").setRequestId("r".repeat(65)).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> send("eve@acme.example", room, "not my room"));
    assertStatus(Status.Code.NOT_FOUND, () -> send("gina@globex.example", room, "other company"));
    assertStatus(Status.Code.NOT_FOUND, () -> send("sara@acme.example", java.util.UUID.randomUUID().toString(), "nowhere"));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> send("sara@acme.example", "garbage", "bad id"));
    assertThat(stored()).isEqualTo(before);
  }

  /**
   * Sends into a group skip the access query once the room is known to be a group: the send
   * statement alone must still keep out whoever is not (or no longer) a member.
   */
  @Test
  void aGroupAlreadyWrittenToStillRefusesOutsidersAndFormerMembers() {
    var data = server.data();
    String room = data.group("maria@acme.example", "Known group", "eve@acme.example", "ed@acme.example");
    data.send("maria@acme.example", room, "first");
    data.send("ed@acme.example", room, "ed was here");
    data.rooms("maria@acme.example").removeRoomMember(com.example.chat.v1.RemoveRoomMemberRequest.newBuilder()
        .setRoomId(room).setUserId(server.id("ed@acme.example").toString()).build());
    int before = stored();
    assertStatus(Status.Code.NOT_FOUND, () -> send("ed@acme.example", room, "removed"));
    assertStatus(Status.Code.NOT_FOUND, () -> send("sara@acme.example", room, "never a member"));
    assertStatus(Status.Code.NOT_FOUND, () -> send("gina@globex.example", room, "other company"));
    assertThat(stored()).as("nothing stored").isEqualTo(before);
    assertThat(send("eve@acme.example", room, "still in").getSeq()).isPositive();
  }

  @Test
  void historyPagesBothWaysAndShowsTombstones() {
    String room = direct("maria@acme.example", "gus@umbrella.example");
    List<Long> seqs = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      seqs.add(send("maria@acme.example", room, "message " + i).getSeq());
    }
    messages("maria@acme.example").deleteMessage(DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seqs.get(2)).build());

    List<Message> newestFirst = new ArrayList<>();
    String token = "";
    do {
      var page = messages("gus@umbrella.example").listMessages(ListMessagesRequest.newBuilder()
          .setRoomId(room).setPageSize(3).setPageToken(token).build());
      newestFirst.addAll(page.getMessagesList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(newestFirst).extracting(Message::getSeq).containsExactlyElementsOf(reversed(seqs));
    Message tombstone = newestFirst.get(4);
    assertThat(tombstone.getDeleted()).isTrue();
    assertThat(tombstone.getText()).isEmpty();

    var after = messages("gus@umbrella.example").listMessages(ListMessagesRequest.newBuilder()
        .setRoomId(room).setAfterSeq(seqs.get(4)).build());
    assertThat(after.getMessagesList()).extracting(Message::getSeq).containsExactly(seqs.get(5), seqs.get(6));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("gus@umbrella.example").listMessages(
        ListMessagesRequest.newBuilder().setRoomId(room).setAfterSeq(1).setBeforeSeq(5).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> messages("eve@acme.example").listMessages(
        ListMessagesRequest.newBuilder().setRoomId(room).build()));
  }

  @Test
  void sendersEditAndDeleteTheirOwnAndGroupManagersDeleteAny() {
    String group = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .createGroupRoom(CreateGroupRoomRequest.newBuilder().setName("Edits")
            .addMemberUserIds(server.id("eve@acme.example").toString())
            .addMemberUserIds(server.id("ed@acme.example").toString()).build()).getRoom().getRoomId();
    Message eve = send("eve@acme.example", group, "typo hree");
    Message edited = messages("eve@acme.example").editMessage(EditMessageRequest.newBuilder()
        .setRoomId(group).setSeq(eve.getSeq()).setText("typo here").build()).getMessage();
    assertThat(edited.getText()).isEqualTo("typo here");
    assertThat(edited.hasEditTime()).isTrue();

    var notTheSender = assertStatus(Status.Code.PERMISSION_DENIED, () -> messages("ed@acme.example").editMessage(
        EditMessageRequest.newBuilder().setRoomId(group).setSeq(eve.getSeq()).setText("hijack").build()));
    assertThat(reason(notTheSender)).isEqualTo("NOT_THE_SENDER");
    assertStatus(Status.Code.PERMISSION_DENIED, () -> messages("ed@acme.example").deleteMessage(
        DeleteMessageRequest.newBuilder().setRoomId(group).setSeq(eve.getSeq()).build()));

    Message byOwner = messages("tom@acme.example").deleteMessage(DeleteMessageRequest.newBuilder()
        .setRoomId(group).setSeq(eve.getSeq()).build()).getMessage();
    assertThat(byOwner.getDeleted()).isTrue();
    assertThat(byOwner.getText()).isEmpty();

    Message ed = send("ed@acme.example", group, "admin will remove this");
    assertThat(messages("adam@acme.example").deleteMessage(DeleteMessageRequest.newBuilder()
        .setRoomId(group).setSeq(ed.getSeq()).build()).getMessage().getDeleted())
        .as("company admins delete in groups they manage").isTrue();

    String direct = direct("eve@acme.example", "ed@acme.example");
    Message inDirect = send("eve@acme.example", direct, "private");
    assertStatus(Status.Code.NOT_FOUND, () -> messages("adam@acme.example").deleteMessage(
        DeleteMessageRequest.newBuilder().setRoomId(direct).setSeq(inDirect.getSeq()).build()));
  }

  @Test
  void replyingReadsTheConversationUpToTheReply() {
    String room = server.data().group("maria@acme.example", "Replies", "tom@acme.example", "eve@acme.example");
    send("tom@acme.example", room, "one");
    send("eve@acme.example", room, "two");
    long reply = send("maria@acme.example", room, "answering both").getSeq();
    var afterReply = server.data().view("maria@acme.example", room);
    assertThat(afterReply.getLastReadSeq()).as("the reply reads what came before it").isEqualTo(reply);
    assertThat(afterReply.getUnreadCount()).isZero();
    assertThat(server.data().view("tom@acme.example", room).getUnreadCount()).as("others still have it unread").isEqualTo(2);

    send("tom@acme.example", room, "three");
    long last = send("eve@acme.example", room, "four").getSeq();
    assertThat(server.data().view("maria@acme.example", room).getUnreadCount()).as("what came after the reply").isEqualTo(2);
    var summary = messages("maria@acme.example").getUnreadSummary(GetUnreadSummaryRequest.getDefaultInstance());
    assertThat(summary.getRoomsList()).anySatisfy(r -> {
      assertThat(r.getRoomId()).isEqualTo(room);
      assertThat(r.getUnreadCount()).isEqualTo(2);
    });
    var behind = messages("maria@acme.example").markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(reply - 1).build());
    assertThat(behind.getLastReadSeq()).as("marking read behind the own reply moves nothing").isEqualTo(reply);
    assertThat(behind.getUnreadCount()).isEqualTo(2);
    var all = messages("maria@acme.example").markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(last).build());
    assertThat(all.getLastReadSeq()).isEqualTo(last);
    assertThat(all.getUnreadCount()).isZero();
    long again = send("maria@acme.example", room, "and one more").getSeq();
    assertThat(server.data().view("maria@acme.example", room).getLastReadSeq()).isEqualTo(again);
  }

  @Test
  void unreadCountsFollowMarkReadWhichOnlyMovesForward() {
    String room = direct("sara@acme.example", "maria@acme.example");
    long sent = 0;
    for (int i = 0; i < 4; i++) {
      sent = send("sara@acme.example", room, "news " + i).getSeq();
    }
    long last = sent;
    var summary = messages("maria@acme.example").getUnreadSummary(GetUnreadSummaryRequest.getDefaultInstance());
    assertThat(summary.getRoomsList()).anySatisfy(r -> {
      assertThat(r.getRoomId()).isEqualTo(room);
      assertThat(r.getUnreadCount()).isEqualTo(4);
    });
    var read = messages("maria@acme.example").markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(last - 2).build());
    assertThat(read.getUnreadCount()).isEqualTo(2);
    var back = messages("maria@acme.example").markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(1).build());
    assertThat(back.getLastReadSeq()).as("never moves back").isEqualTo(last - 2);
    assertThat(back.getUnreadCount()).isEqualTo(2);
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> messages("maria@acme.example").markRead(
        MarkReadRequest.newBuilder().setRoomId(room).setSeq(last + 100).build()));
    var all = messages("maria@acme.example").markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(last).build());
    assertThat(all.getUnreadCount()).isZero();
  }

  @Test
  void afterReassignmentTheFormerExecutiveReadsButCannotSendAndTheNewOneCan() {
    String room = direct("xavier@acme.example", "fiona@initech.example");
    send("xavier@acme.example", room, "Hello Fiona");
    server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .updateCustomerProfile(UpdateCustomerProfileRequest.newBuilder()
            .setCustomerId(server.id("fiona@initech.example").toString())
            .setAssignedEmployeeId(server.id("ed@acme.example").toString()).build());

    assertThat(messages("xavier@acme.example").listMessages(ListMessagesRequest.newBuilder().setRoomId(room).build())
        .getMessagesList()).extracting(Message::getText).containsExactly("Hello Fiona");
    var refused = assertStatus(Status.Code.PERMISSION_DENIED, () -> send("xavier@acme.example", room, "still here?"));
    assertThat(reason(refused)).isEqualTo("CUSTOMER_NOT_ASSIGNED");

    String newRoom = direct("ed@acme.example", "fiona@initech.example");
    assertThat(send("ed@acme.example", newRoom, "I am your new contact").getSeq()).isPositive();
  }
}
