package com.example.chat.server.messages;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.changes.Change;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.messages.MessageRepository.ReadState;
import com.example.chat.server.messages.MessageRepository.Sent;
import com.example.chat.server.messages.MessageRepository.Unread;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.rooms.RoomAccess;
import com.example.chat.server.rooms.RoomRepository;
import com.example.chat.server.rooms.RoomRepository.Room;
import com.example.chat.server.rooms.RoomView.SendBlocked;
import com.example.chat.server.storage.UnitOfWork;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Message use cases: send, history, edit, delete, read state. Each runs in one transaction
 * with its checks; sends are stored by {@link SendBatcher}, a unit of work of its own that
 * commits many sends together.
 */
public final class Messages {
  public static final int MAX_TEXT = 10_000;

  private final UnitOfWork work;
  private final SendBatcher sends;
  private final GroupRooms groups = new GroupRooms();

  public Messages(UnitOfWork work, SendBatcher sends) {
    this.work = work;
    this.sends = sends;
  }

  /**
   * Sends a message, and tells {@code stored} of it as soon as it is committed: the thread
   * that stores a batch of sends may go on storing the next one before this returns.
   */
  public Sent send(Person caller, String roomId, String requestId, String text, Consumer<Sent> stored) {
    Validator v = new Validator();
    String request = v.requestId("request_id", requestId);
    v.text("text", text, MAX_TEXT);
    UUID room = v.id("room_id", roomId);
    v.throwIfInvalid();
    // The batch statement stores the message only if the sender is still a member when it
    // runs, so a removal racing this check cannot let a former member write; in a group that
    // is the whole rule.
    if (!groups.known(room)) {
      Room checked = work.read(db -> sendableRoom(db, caller, roomId));
      if (checked.group()) {
        groups.remember(room);
      }
    }
    return sends.send(caller.companyId(), room, caller.userId(), caller.displayName(), request, text, stored)
        .orElseThrow(() -> NotFoundException.room(roomId));
  }

  /**
   * A backend service posts a system message into a room of its company (any company for a
   * service not bound to one). A room of another company does not exist for it.
   */
  public Sent postSystem(Principal.Service caller, String roomId, String requestId, String text) {
    Validator v = new Validator();
    String request = v.requestId("request_id", requestId);
    v.text("text", text, MAX_TEXT);
    UUID room = v.id("room_id", roomId);
    v.throwIfInvalid();
    try {
      return work.run(tx -> {
        UUID company = new RoomRepository(tx.dsl()).companyOf(room)
            .filter(c -> ChatPolicy.mayPostSystemMessages(caller, c))
            .orElseThrow(() -> NotFoundException.room(roomId));
        MessageRecord posted = new MessageRepository(tx.dsl()).sendSystem(company, room, caller.name(), request, text)
            .orElseThrow(() -> NotFoundException.room(roomId));
        tx.record(new Change.MessageSent(company, posted, Change.Outbox.TO_WRITE));
        return new Sent(posted, true);
      });
    } catch (MessageRepository.RepeatedRequest repeated) {
      return work.read(db -> new MessageRepository(db).earlierSystem(room, caller.name(), request))
          .map(m -> new Sent(m, false)).orElseThrow(() -> NotFoundException.room(roomId));
    }
  }

  public Page.Of<MessageRecord> history(Person caller, String roomId, int pageSize, long beforeSeq,
      long afterSeq, String pageToken) {
    Validator v = new Validator();
    v.check(beforeSeq >= 0, "before_seq", "must not be negative");
    v.check(afterSeq >= 0, "after_seq", "must not be negative");
    v.check(beforeSeq == 0 || afterSeq == 0, "after_seq", "cannot be combined with before_seq");
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    return work.read(db -> {
      Room room = RoomAccess.access(db, caller, roomId).room();
      Long before = beforeSeq == 0 ? null : beforeSeq;
      Long after = afterSeq == 0 ? null : afterSeq;
      Page.Position position = Page.HISTORY.decode(pageToken, room.id().toString());
      if (position != null) {
        boolean forward = position.text(0).equals("after");
        if (!forward && !position.text(0).equals("before")) {
          throw InvalidInputException.of("page_token", "is not a page token of this list and filter; start again with an empty token");
        }
        before = forward ? null : position.seq(1);
        after = forward ? position.seq(1) : null;
      }
      String direction = after != null ? "after" : "before";
      return Page.cut(new MessageRepository(db).page(room.id(), before, after, size + 1), size,
          last -> Page.HISTORY.encode(room.id().toString(), direction, last.seq()));
    });
  }

  public MessageRecord edit(Person caller, String roomId, long seq, String text) {
    Validator v = new Validator();
    v.check(seq > 0, "seq", "must be a message's seq");
    v.text("text", text, MAX_TEXT);
    v.throwIfInvalid();
    return work.run(tx -> {
      Room room = sendableRoom(tx.dsl(), caller, roomId);
      MessageRepository messages = new MessageRepository(tx.dsl());
      MessageRecord message = liveMessage(messages, room, seq);
      if (!caller.userId().equals(message.senderId())) {
        throw new PermissionDeniedException("NOT_THE_SENDER", "Only the sender may edit a message.");
      }
      // Conditional on the message being alive when the write runs: a delete racing this edit
      // either comes first (and this answers MESSAGE_DELETED) or after.
      long eventSeq = messages.edit(caller.companyId(), room.id(), seq, caller.userId(), text)
          .orElseThrow(Messages::deleted);
      tx.record(new Change.MessageEdited(caller.companyId(), room.id(), seq, eventSeq, caller.userId()));
      return messages.find(room.id(), seq).orElseThrow();
    });
  }

  public MessageRecord delete(Person caller, String roomId, long seq) {
    Validator v = new Validator();
    v.check(seq > 0, "seq", "must be a message's seq");
    v.throwIfInvalid();
    return work.run(tx -> {
      Room room = RoomAccess.moderatedOrVisibleRoom(tx.dsl(), caller, roomId);
      MessageRepository messages = new MessageRepository(tx.dsl());
      MessageRecord message = liveMessage(messages, room, seq);
      boolean own = caller.userId().equals(message.senderId());
      if (!own && !RoomAccess.managesMessages(caller, room)) {
        throw new PermissionDeniedException("NOT_THE_SENDER",
            "Only the sender, or the group's owner and the company's admins, may delete a message.");
      }
      // Conditional: of two deletes racing, one deletes and the other answers MESSAGE_DELETED,
      // so the room's timeline gets exactly one deletion.
      long eventSeq = messages.delete(caller.companyId(), room.id(), seq, caller.userId())
          .orElseThrow(Messages::deleted);
      tx.record(new Change.MessageDeleted(caller.companyId(), room.id(), seq, eventSeq, caller.userId()));
      return messages.find(room.id(), seq).orElseThrow();
    });
  }

  public ReadState markRead(Person caller, String roomId, long seq) {
    Validator v = new Validator();
    v.check(seq >= 0, "seq", "must not be negative");
    v.throwIfInvalid();
    return work.run(tx -> {
      Room room = RoomAccess.access(tx.dsl(), caller, roomId).room();
      if (seq > room.lastSeq()) {
        throw InvalidInputException.of("seq", "is beyond the newest seq of the room (" + room.lastSeq() + ")");
      }
      MessageRepository.Marked marked = new MessageRepository(tx.dsl()).markRead(room.id(), caller.userId(), seq);
      if (marked.moved()) {
        tx.record(new Change.ReadCursorMoved(caller.companyId(), room.id(), caller.userId()));
      }
      return marked.state();
    });
  }

  public List<Unread> unread(Person caller) {
    return work.read(db -> new MessageRepository(db).unread(caller.companyId(), caller.userId()));
  }

  private static Room sendableRoom(DSLContext db, Person caller, String roomId) {
    RoomAccess.Access access = RoomAccess.access(db, caller, roomId);
    SendBlocked blocked = access.sendBlocked();
    if (blocked == SendBlocked.NOT_A_MEMBER) {
      throw NotFoundException.room(roomId);
    }
    if (blocked != null) {
      throw new PermissionDeniedException(blocked.name(), access.explanation());
    }
    return access.room();
  }

  private static MessageRecord liveMessage(MessageRepository messages, Room room, long seq) {
    MessageRecord message = messages.find(room.id(), seq).orElseThrow(() -> new NotFoundException(
        "MESSAGE_NOT_FOUND", "There is no message with seq " + seq + " in this room."));
    if (message.deleted()) {
      throw deleted();
    }
    return message;
  }

  private static FailedPreconditionException deleted() {
    return new FailedPreconditionException("MESSAGE_DELETED", "The message was deleted.");
  }
}
