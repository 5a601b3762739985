package com.example.chat.server.messages;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.messages.MessageRepository.ReadState;
import com.example.chat.server.messages.MessageRepository.Sent;
import com.example.chat.server.messages.MessageRepository.Unread;
import com.example.chat.server.rooms.RoomAnnouncer;
import com.example.chat.server.rooms.RoomRepository.Room;
import com.example.chat.server.rooms.RoomView.SendBlocked;
import com.example.chat.server.rooms.Rooms;
import java.util.List;

/** Message use cases: send, history, edit, delete, read state. */
public final class Messages {
  public static final int MAX_TEXT = 10_000;

  private final MessageRepository messages;
  private final SendBatcher sends;
  private final Rooms rooms;
  private final RoomAnnouncer announcer;

  public Messages(MessageRepository messages, SendBatcher sends, Rooms rooms, RoomAnnouncer announcer) {
    this.messages = messages;
    this.sends = sends;
    this.rooms = rooms;
    this.announcer = announcer;
  }

  public Sent send(Person caller, String roomId, String requestId, String text) {
    Validator v = new Validator();
    String request = v.requestId("request_id", requestId);
    v.text("text", text, MAX_TEXT);
    v.throwIfInvalid();
    Room room = sendableRoom(caller, roomId);
    Sent sent = sends.send(caller.companyId(), room.id(), caller.userId(), caller.displayName(), request, text);
    if (sent.created()) {
      announcer.announce(room.id());
    }
    return sent;
  }

  public Page.Of<MessageRecord> history(Person caller, String roomId, int pageSize, long beforeSeq,
      long afterSeq, String pageToken) {
    Validator v = new Validator();
    v.check(beforeSeq >= 0, "before_seq", "must not be negative");
    v.check(afterSeq >= 0, "after_seq", "must not be negative");
    v.check(beforeSeq == 0 || afterSeq == 0, "after_seq", "cannot be combined with before_seq");
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    Room room = rooms.access(caller, roomId).room();
    Long before = beforeSeq == 0 ? null : beforeSeq;
    Long after = afterSeq == 0 ? null : afterSeq;
    List<String> position = Page.position("history:" + room.id(), pageToken, 2);
    if (position != null) {
      long seq = parseSeq(position.get(1));
      before = position.get(0).equals("before") ? seq : null;
      after = position.get(0).equals("after") ? seq : null;
    }
    String direction = after != null ? "after" : "before";
    return Page.cut(messages.page(room.id(), before, after, size + 1), size,
        last -> Page.token("history:" + room.id(), direction, last.seq()));
  }

  public MessageRecord edit(Person caller, String roomId, long seq, String text) {
    Validator v = new Validator();
    v.check(seq > 0, "seq", "must be a message's seq");
    v.text("text", text, MAX_TEXT);
    v.throwIfInvalid();
    Room room = sendableRoom(caller, roomId);
    MessageRecord message = liveMessage(room, seq);
    if (!message.senderId().equals(caller.userId())) {
      throw new PermissionDeniedException("NOT_THE_SENDER", "Only the sender may edit a message.");
    }
    messages.edit(caller.companyId(), room.id(), seq, caller.userId(), text);
    announcer.announce(room.id());
    return messages.find(room.id(), seq).orElseThrow();
  }

  public MessageRecord delete(Person caller, String roomId, long seq) {
    Validator v = new Validator();
    v.check(seq > 0, "seq", "must be a message's seq");
    v.throwIfInvalid();
    Room room = rooms.moderatedOrVisibleRoom(caller, roomId);
    MessageRecord message = liveMessage(room, seq);
    boolean own = message.senderId().equals(caller.userId());
    if (!own && !rooms.managesMessages(caller, room)) {
      throw new PermissionDeniedException("NOT_THE_SENDER",
          "Only the sender, or the group's owner and the company's admins, may delete a message.");
    }
    messages.delete(caller.companyId(), room.id(), seq, caller.userId());
    announcer.announce(room.id());
    return messages.find(room.id(), seq).orElseThrow();
  }

  public ReadState markRead(Person caller, String roomId, long seq) {
    Validator v = new Validator();
    v.check(seq >= 0, "seq", "must not be negative");
    v.throwIfInvalid();
    Room room = rooms.access(caller, roomId).room();
    if (seq > room.lastSeq()) {
      throw InvalidInputException.of("seq", "is beyond the newest seq of the room (" + room.lastSeq() + ")");
    }
    MessageRepository.Marked marked = messages.markRead(room.id(), caller.userId(), seq);
    if (marked.moved()) {
      announcer.announceRead(room.id(), caller.userId());
    }
    return marked.state();
  }

  public List<Unread> unread(Person caller) {
    return messages.unread(caller.companyId(), caller.userId());
  }

  private Room sendableRoom(Person caller, String roomId) {
    Rooms.Access access = rooms.access(caller, roomId);
    SendBlocked blocked = access.sendBlocked();
    if (blocked != null) {
      throw switch (blocked) {
        case CUSTOMER_NOT_ASSIGNED -> new PermissionDeniedException("CUSTOMER_NOT_ASSIGNED",
            "You may no longer write in this room: the customer is not assigned to you or your team.");
        case PEER_INACTIVE -> new PermissionDeniedException("PEER_INACTIVE",
            "You may no longer write in this room: the other person is deactivated.");
        case NOT_A_MEMBER -> NotFoundException.room(roomId);
      };
    }
    return access.room();
  }

  private MessageRecord liveMessage(Room room, long seq) {
    MessageRecord message = messages.find(room.id(), seq).orElseThrow(() -> new NotFoundException(
        "MESSAGE_NOT_FOUND", "There is no message with seq " + seq + " in this room."));
    if (message.deleted()) {
      throw new com.example.chat.server.errors.FailedPreconditionException("MESSAGE_DELETED", "The message was deleted.");
    }
    return message;
  }

  private static long parseSeq(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("page_token", "is not a page token of this list; start again with an empty token");
    }
  }
}
