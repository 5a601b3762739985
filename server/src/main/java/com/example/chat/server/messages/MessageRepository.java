package com.example.chat.server.messages;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.db.Tables.CHAT_PARTICIPANT;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.MEMBER_READ_STATE;
import static com.example.chat.db.Tables.ROOM_EVENT;
import static com.example.chat.db.Tables.SERVICE_ACCOUNT;

import com.example.chat.server.notifications.NotificationOutbox;
import com.example.chat.server.rooms.Timeline;
import com.example.chat.db.types.TimelineEventKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** Queries of messages and read state over one {@link DSLContext} (a use case's transaction); stateless. */
public final class MessageRepository {
  private final DSLContext dsl;

  public MessageRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The outcome of a send: the message, and false when the request id matched an earlier one. */
  public record Sent(MessageRecord message, boolean created) {}

  /**
   * Stores a message at the room's next seq in one statement: bumping {@code chat_room.last_seq}
   * locks the room row, so seq order is commit order within the room. The sender's read state
   * follows without a write (see {@code member_read_state}: own messages are read). Nothing is stored (empty) when the sender is no longer a member.
   * A request id used before by the sender in this room violates the unique index: then
   * {@link RepeatedRequest} is thrown, and the caller's transaction must roll back.
   */
  public Optional<Sent> send(UUID companyId, UUID roomId, UUID sender, String senderName, String requestId, String text) {
    // Plain JDBC on the hottest path: templating this statement through jOOQ cost more CPU
    // than PostgreSQL spent running it.
    return storing(requestId, c -> {
      try (PreparedStatement insert = c.prepareStatement(SEND)) {
        bindSend(insert, companyId, roomId, sender, requestId, text);
        try (ResultSet row = insert.executeQuery()) {
          if (!row.next()) {
            return Optional.<Sent>empty();
          }
          return Optional.of(new Sent(new MessageRecord(roomId, row.getLong(1), sender, senderName, text,
              row.getObject(2, OffsetDateTime.class).toInstant(), null, null, requestId), true));
        }
      }
    });
  }

  /**
   * Runs a statement that stores something under a request id: a unique violation means the
   * id was used before, and becomes {@link RepeatedRequest} (the transaction must roll back).
   */
  private <T> T storing(String requestId, org.jooq.ConnectionCallable<T> statement) {
    return dsl.connectionResult(c -> {
      try {
        return statement.run(c);
      } catch (SQLException e) {
        if (requestId != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new RepeatedRequest();
        }
        throw e;
      }
    });
  }

  /**
   * Stores a system message of a backend service at the room's next seq (unread for every
   * member); empty when the room is not of that company. A repeated request id throws
   * {@link RepeatedRequest}, like {@link #send}.
   */
  public Optional<MessageRecord> sendSystem(UUID companyId, UUID roomId, String service, String requestId, String text) {
    return storing(requestId, c -> {
      try (PreparedStatement insert = c.prepareStatement(SEND_SYSTEM)) {
        insert.setObject(1, roomId);
        insert.setObject(2, companyId);
        insert.setObject(3, roomId);
        insert.setObject(4, companyId);
        insert.setString(5, service);
        insert.setString(6, text);
        insert.setString(7, requestId);
        try (ResultSet row = insert.executeQuery()) {
          return row.next() ? find(roomId, row.getLong(1)) : Optional.<MessageRecord>empty();
        }
      }
    });
  }

  private static final String SEND_SYSTEM = """
      with room as (
        update chat_room
           set last_seq = last_seq + 1, message_count = message_count + 1,
               last_message_seq = last_seq + 1, last_activity_time = now()
         where id = ? and company_id = ?
        returning last_seq, message_count)
      insert into chat_message (room_id, seq, company_id, ordinal, system_sender, content, request_id)
      select ?, last_seq, ?, message_count, ?, ?, ? from room
      returning seq""";

  /** The system message a service posted earlier in the room with this request id, if any. */
  public Optional<MessageRecord> earlierSystem(UUID roomId, String service, String requestId) {
    return select().where(CHAT_MESSAGE.ROOM_ID.eq(roomId)
        .and(CHAT_MESSAGE.SYSTEM_SENDER.eq(service)).and(CHAT_MESSAGE.REQUEST_ID.eq(requestId)))
        .fetchOptional(MessageRepository::message);
  }

  /** The message a sender stored earlier with this request id, if any. */
  public Optional<Sent> earlier(UUID roomId, UUID sender, String requestId) {
    return select().where(CHAT_MESSAGE.ROOM_ID.eq(roomId)
        .and(CHAT_MESSAGE.SENDER_ID.eq(sender)).and(CHAT_MESSAGE.REQUEST_ID.eq(requestId)))
        .fetchOptional(r -> new Sent(message(r), false));
  }

  /** A send repeated a request id: the transaction is spoilt, the earlier message is the answer. */
  public static final class RepeatedRequest extends RuntimeException {
    RepeatedRequest() {
      super("request id used before", null, false, false);
    }
  }

  static final String UNIQUE_VIOLATION = "23505";

  /** Binds a send's values to {@link #SEND} or {@link #SEND_NOTIFYING}. */
  public static void bindSend(PreparedStatement insert, UUID companyId, UUID roomId, UUID sender, String requestId,
      String text) throws SQLException {
    Object[] values = {roomId, companyId, roomId, sender, roomId, companyId, sender, text, requestId};
    for (int i = 0; i < values.length; i++) {
      insert.setObject(i + 1, values[i]);
    }
  }

  /** The one statement of a send (public for the benchmark that measures it alone): seq and time. */
  public static final String SEND = send("", "select seq, create_time from message");

  /**
   * {@link #SEND} that also writes the message's notification rows, and returns how many (the
   * third column): a send is one statement, its notifications included.
   */
  public static final String SEND_NOTIFYING = send(",\n notified as (" + NotificationOutbox.messageEvents("message c")
      + " returning 1)", "select seq, create_time, (select count(*) from notified) from message");

  /** The send's statement: its common table expressions, {@code more} of them, then {@code select}. */
  private static String send(String more, String select) {
    return """
      with room as (
        update chat_room
           set last_seq = last_seq + 1, message_count = message_count + 1,
               last_message_seq = last_seq + 1, last_activity_time = now()
         where id = ? and company_id = ?
           and exists (select 1 from chat_participant
                        where room_id = ? and user_id = ? and left_seq is null)
        returning last_seq, message_count),
      message as (
        insert into chat_message (room_id, seq, company_id, ordinal, sender_id, content, request_id)
        select ?, last_seq, ?, message_count, ?, ?, ? from room
        returning seq, create_time, room_id, company_id, sender_id)""" + more + "\n" + select;
  }

  public Optional<MessageRecord> find(UUID roomId, long seq) {
    return select().where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.eq(seq)))
        .fetchOptional(MessageRepository::message);
  }

  /** Messages of a room by seq: below {@code beforeSeq} newest first, or above {@code afterSeq} oldest first. */
  public List<MessageRecord> page(UUID roomId, Long beforeSeq, Long afterSeq, int limit) {
    Condition where = CHAT_MESSAGE.ROOM_ID.eq(roomId);
    if (afterSeq != null) {
      return select().where(where.and(CHAT_MESSAGE.SEQ.gt(afterSeq)))
          .orderBy(CHAT_MESSAGE.SEQ.asc()).limit(limit).fetch(MessageRepository::message);
    }
    if (beforeSeq != null) {
      where = where.and(CHAT_MESSAGE.SEQ.lt(beforeSeq));
    }
    return select().where(where).orderBy(CHAT_MESSAGE.SEQ.desc()).limit(limit).fetch(MessageRepository::message);
  }

  /** Messages of a room with the given seqs. */
  public List<MessageRecord> findAll(UUID roomId, Collection<Long> seqs) {
    return select().where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.in(seqs)))
        .fetch(MessageRepository::message);
  }

  /**
   * Replaces the text of a message that is not deleted and records the edit on the timeline;
   * returns the edit's seq, or empty (nothing written) when the message is deleted.
   */
  public Optional<Long> edit(UUID companyId, UUID roomId, long seq, UUID actor, String text) {
    int updated = dsl.update(CHAT_MESSAGE).set(CHAT_MESSAGE.CONTENT, text)
        .set(CHAT_MESSAGE.EDIT_TIME, DSL.currentOffsetDateTime())
        .where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.eq(seq)).and(CHAT_MESSAGE.DELETE_TIME.isNull()))
        .execute();
    if (updated == 0) {
      return Optional.empty();
    }
    return Optional.of(Timeline.append(dsl, companyId, roomId, TimelineEventKind.MESSAGE_EDITED, actor, seq, null, text));
  }

  /**
   * Turns a message into a tombstone (its text goes, also from the edits recorded for it) and
   * records the deletion on the timeline; returns its seq, or empty (nothing written) when the
   * message was deleted already.
   */
  public Optional<Long> delete(UUID companyId, UUID roomId, long seq, UUID actor) {
    int updated = dsl.update(CHAT_MESSAGE).setNull(CHAT_MESSAGE.CONTENT)
        .set(CHAT_MESSAGE.DELETE_TIME, DSL.currentOffsetDateTime())
        .where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.eq(seq)).and(CHAT_MESSAGE.DELETE_TIME.isNull()))
        .execute();
    if (updated == 0) {
      return Optional.empty();
    }
    dsl.update(ROOM_EVENT).setNull(ROOM_EVENT.TEXT)
        .where(ROOM_EVENT.ROOM_ID.eq(roomId).and(ROOM_EVENT.MESSAGE_SEQ.eq(seq))
            .and(ROOM_EVENT.KIND.eq(TimelineEventKind.MESSAGE_EDITED)))
        .execute();
    return Optional.of(Timeline.append(dsl, companyId, roomId, TimelineEventKind.MESSAGE_DELETED, actor, seq, null, null));
  }

  /** A member's read state: cursor and unread messages. */
  public record ReadState(long lastReadSeq, long unread) {}

  /** The read state after MarkRead, and whether the cursor moved. */
  public record Marked(ReadState state, boolean moved) {}

  /**
   * Moves the reader's cursor forward to {@code seq} (never back, and never behind their own
   * newest message, which is read already) and returns the state after. The message count up
   * to the cursor comes from the newest message at or before it.
   */
  public Marked markRead(UUID roomId, UUID user, long seq) {
    var readCount = DSL.field(DSL.select(DSL.coalesce(DSL.max(CHAT_MESSAGE.ORDINAL), 0L)).from(CHAT_MESSAGE)
        .where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.le(seq))));
    var effective = DSL.field(DSL.select(MEMBER_READ_STATE.LAST_READ_SEQ).from(MEMBER_READ_STATE)
        .where(MEMBER_READ_STATE.ROOM_ID.eq(roomId).and(MEMBER_READ_STATE.USER_ID.eq(user))));
    int moved = dsl.update(CHAT_PARTICIPANT)
        .set(CHAT_PARTICIPANT.LAST_READ_SEQ, seq)
        .set(CHAT_PARTICIPANT.READ_MESSAGE_COUNT, readCount)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.USER_ID.eq(user))
            .and(effective.lt(seq)))
        .execute();
    return new Marked(readState(roomId, user), moved > 0);
  }

  public ReadState readState(UUID roomId, UUID user) {
    return dsl.select(MEMBER_READ_STATE.LAST_READ_SEQ, CHAT_ROOM.MESSAGE_COUNT.minus(MEMBER_READ_STATE.READ_MESSAGE_COUNT))
        .from(MEMBER_READ_STATE).join(CHAT_ROOM).on(CHAT_ROOM.ID.eq(MEMBER_READ_STATE.ROOM_ID))
        .where(MEMBER_READ_STATE.ROOM_ID.eq(roomId).and(MEMBER_READ_STATE.USER_ID.eq(user)))
        .fetchSingle(r -> new ReadState(r.value1(), r.value2()));
  }

  /** Unread messages of one room for the summary. */
  public record Unread(UUID roomId, long count, boolean muted) {}

  /** The rooms where the user has unread messages, newest activity first. */
  public List<Unread> unread(UUID companyId, UUID user) {
    var count = CHAT_ROOM.MESSAGE_COUNT.minus(MEMBER_READ_STATE.READ_MESSAGE_COUNT);
    return dsl.select(CHAT_ROOM.ID, count, CHAT_PARTICIPANT.MUTED)
        .from(CHAT_PARTICIPANT).join(CHAT_ROOM).on(CHAT_ROOM.ID.eq(CHAT_PARTICIPANT.ROOM_ID))
        .join(MEMBER_READ_STATE).on(MEMBER_READ_STATE.ROOM_ID.eq(CHAT_PARTICIPANT.ROOM_ID)
            .and(MEMBER_READ_STATE.USER_ID.eq(CHAT_PARTICIPANT.USER_ID)))
        .where(CHAT_PARTICIPANT.USER_ID.eq(user).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull())
            .and(CHAT_PARTICIPANT.COMPANY_ID.eq(companyId)).and(count.gt(0L)))
        .orderBy(CHAT_ROOM.LAST_ACTIVITY_TIME.desc(), CHAT_ROOM.ID.desc())
        .fetch(r -> new Unread(r.value1(), r.value2(), r.value3()));
  }

  private static final org.jooq.Field<String> SENDER_NAME =
      DSL.coalesce(APP_USER.DISPLAY_NAME, SERVICE_ACCOUNT.DISPLAY_NAME, SERVICE_ACCOUNT.NAME).as("sender_name");

  private SelectOnConditionStep<Record> select() {
    return dsl.select(CHAT_MESSAGE.fields()).select(SENDER_NAME)
        .from(CHAT_MESSAGE)
        .leftJoin(APP_USER).on(APP_USER.ID.eq(CHAT_MESSAGE.SENDER_ID))
        .leftJoin(SERVICE_ACCOUNT).on(SERVICE_ACCOUNT.NAME.eq(CHAT_MESSAGE.SYSTEM_SENDER));
  }

  static MessageRecord message(Record r) {
    return new MessageRecord(r.get(CHAT_MESSAGE.ROOM_ID), r.get(CHAT_MESSAGE.SEQ), r.get(CHAT_MESSAGE.SENDER_ID),
        r.get(SENDER_NAME), r.get(CHAT_MESSAGE.CONTENT), instant(r.get(CHAT_MESSAGE.CREATE_TIME)),
        instant(r.get(CHAT_MESSAGE.EDIT_TIME)), instant(r.get(CHAT_MESSAGE.DELETE_TIME)), r.get(CHAT_MESSAGE.REQUEST_ID));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
