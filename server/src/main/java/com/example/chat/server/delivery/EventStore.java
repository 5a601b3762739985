package com.example.chat.server.delivery;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.db.Tables.CHAT_PARTICIPANT;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;
import static com.example.chat.db.Tables.ROOM_EVENT;

import com.example.chat.server.messages.MessageRecord;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.policy.Role;
import com.example.chat.server.rooms.RoomView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Reads room timelines and memberships for delivery. The database is the source of truth. */
public final class EventStore {
  private static final Field<String> KIND = DSL.field("kind", String.class);
  private static final Field<Long> SEQ = DSL.field("seq", Long.class);
  private static final Field<UUID> ACTOR = DSL.field("actor", SQLDataType.UUID);
  private static final Field<Long> MESSAGE_SEQ = DSL.field("message_seq", Long.class);
  private static final Field<UUID> USER = DSL.field("user_id", SQLDataType.UUID);
  private static final Field<String> TEXT = DSL.field("text", String.class);

  private final DSLContext dsl;
  private final MessageRepository messages;

  public EventStore(DSLContext dsl, MessageRepository messages) {
    this.dsl = dsl;
    this.messages = messages;
  }

  /** Up to {@code limit} events of the room with a seq above {@code after}, in seq order. */
  public List<TimelineEvent> after(UUID roomId, long after, int limit) {
    var created = DSL.select(DSL.inline("MESSAGE_CREATED").as(KIND), CHAT_MESSAGE.SEQ.as(SEQ),
            CHAT_MESSAGE.SENDER_ID.as(ACTOR), CHAT_MESSAGE.SEQ.as(MESSAGE_SEQ),
            DSL.castNull(SQLDataType.UUID).as(USER), DSL.castNull(SQLDataType.CLOB).as(TEXT))
        .from(CHAT_MESSAGE).where(CHAT_MESSAGE.ROOM_ID.eq(roomId).and(CHAT_MESSAGE.SEQ.gt(after)));
    var others = DSL.select(ROOM_EVENT.KIND, ROOM_EVENT.SEQ, ROOM_EVENT.ACTOR_ID, ROOM_EVENT.MESSAGE_SEQ,
            ROOM_EVENT.USER_ID, ROOM_EVENT.TEXT)
        .from(ROOM_EVENT).where(ROOM_EVENT.ROOM_ID.eq(roomId).and(ROOM_EVENT.SEQ.gt(after)));
    // One statement, so one snapshot: messages and other events are seen consistently.
    var rows = dsl.fetch(created.unionAll(others).orderBy(DSL.field(DSL.name("seq"))).limit(limit));
    Set<Long> messageSeqs = new HashSet<>();
    Set<UUID> users = new HashSet<>();
    for (var r : rows) {
      if (r.get(MESSAGE_SEQ) != null) {
        messageSeqs.add(r.get(MESSAGE_SEQ));
      }
      if (r.get(USER) != null) {
        users.add(r.get(USER));
      }
    }
    Map<Long, MessageRecord> byseq = new HashMap<>();
    if (!messageSeqs.isEmpty()) {
      messages.findAll(roomId, messageSeqs).forEach(m -> byseq.put(m.seq(), m));
    }
    Map<UUID, RoomView.Member> members = members(users);
    List<TimelineEvent> events = new ArrayList<>(rows.size());
    for (var r : rows) {
      TimelineEvent.Kind kind = TimelineEvent.Kind.valueOf(r.get(KIND));
      MessageRecord message = r.get(MESSAGE_SEQ) == null ? null : byseq.get(r.get(MESSAGE_SEQ));
      if (kind == TimelineEvent.Kind.MESSAGE_EDITED && message != null && !message.deleted()) {
        message = new MessageRecord(message.roomId(), message.seq(), message.senderId(), message.senderName(),
            r.get(TEXT), message.createTime(), message.editTime(), null, message.requestId());
      }
      events.add(new TimelineEvent(roomId, r.get(SEQ), kind, r.get(ACTOR), message,
          r.get(USER) == null ? null : members.get(r.get(USER)),
          kind == TimelineEvent.Kind.ROOM_RENAMED ? r.get(TEXT) : null));
    }
    return events;
  }

  private Map<UUID, RoomView.Member> members(Set<UUID> users) {
    Map<UUID, RoomView.Member> members = new HashMap<>();
    if (users.isEmpty()) {
      return members;
    }
    dsl.select(APP_USER.ID, APP_USER.DISPLAY_NAME, APP_USER.ROLE, APP_USER.DEPARTMENT, APP_USER.ACTIVE,
            CUSTOMER_PROFILE.ORGANIZATION)
        .from(APP_USER).leftJoin(CUSTOMER_PROFILE).on(CUSTOMER_PROFILE.USER_ID.eq(APP_USER.ID))
        .where(APP_USER.ID.in(users))
        .forEach(r -> members.put(r.value1(), new RoomView.Member(r.value1(), r.value2(),
            Role.valueOf(r.value3()), false, r.value4(), r.value6(), r.value5())));
    return members;
  }

  /** A user's current membership: the room and the seq at which it began. */
  public record Membership(UUID roomId, long joinedSeq, long lastSeq) {}

  /** The rooms the user is a member of now, with each room's newest seq. */
  public Map<UUID, Membership> memberships(UUID userId) {
    Map<UUID, Membership> rooms = new HashMap<>();
    dsl.select(CHAT_PARTICIPANT.ROOM_ID, CHAT_PARTICIPANT.JOINED_SEQ, CHAT_ROOM.LAST_SEQ)
        .from(CHAT_PARTICIPANT).join(CHAT_ROOM).on(CHAT_ROOM.ID.eq(CHAT_PARTICIPANT.ROOM_ID))
        .where(CHAT_PARTICIPANT.USER_ID.eq(userId).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()))
        .forEach(r -> rooms.put(r.value1(), new Membership(r.value1(), r.value2(), r.value3())));
    return rooms;
  }

  /** Which of the given users are members of the room now, with the seq their membership began. */
  public Map<UUID, Long> membersAmong(UUID roomId, Set<UUID> users) {
    Map<UUID, Long> found = new HashMap<>();
    if (users.isEmpty()) {
      return found;
    }
    dsl.select(CHAT_PARTICIPANT.USER_ID, CHAT_PARTICIPANT.JOINED_SEQ).from(CHAT_PARTICIPANT)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull())
            .and(CHAT_PARTICIPANT.USER_ID.in(users)))
        .forEach(r -> found.put(r.value1(), r.value2()));
    return found;
  }

  /** The members of the room who muted it. */
  public Set<UUID> mutedMembers(UUID roomId) {
    return new HashSet<>(dsl.select(CHAT_PARTICIPANT.USER_ID).from(CHAT_PARTICIPANT)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.MUTED))
        .fetch(r -> r.value1()));
  }

  /** The newest seq of each given room. */
  public Map<UUID, Long> lastSeqs(Set<UUID> rooms) {
    Map<UUID, Long> seqs = new HashMap<>();
    if (!rooms.isEmpty()) {
      dsl.select(CHAT_ROOM.ID, CHAT_ROOM.LAST_SEQ).from(CHAT_ROOM).where(CHAT_ROOM.ID.in(rooms))
          .forEach(r -> seqs.put(r.value1(), r.value2()));
    }
    return seqs;
  }

  /** Rooms the given users belong to now, for the periodic sweep that finds missed new rooms. */
  public Map<UUID, Set<UUID>> roomsOf(Set<UUID> users) {
    Map<UUID, Set<UUID>> rooms = new HashMap<>();
    if (!users.isEmpty()) {
      dsl.select(CHAT_PARTICIPANT.ROOM_ID, CHAT_PARTICIPANT.USER_ID).from(CHAT_PARTICIPANT)
          .where(CHAT_PARTICIPANT.USER_ID.in(users).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()))
          .forEach(r -> rooms.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
    }
    return rooms;
  }
}
