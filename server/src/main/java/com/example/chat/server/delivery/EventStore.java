package com.example.chat.server.delivery;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_PARTICIPANT;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;

import com.example.chat.server.messages.MessageRecord;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.db.types.Role;
import com.example.chat.server.rooms.RoomView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads room timelines and memberships for delivery. The database is the source of truth. */
public final class EventStore {
  private final DSLContext dsl;
  private final MessageRepository messages;
  private final LongAdder timelineReads = new LongAdder();

  public EventStore(DSLContext dsl, MessageRepository messages) {
    this.dsl = dsl;
    this.messages = messages;
  }

  /**
   * The columns of a message's creation event over {@code chat_message m} and
   * {@link #SENDER_JOINS}, as {@link #messageCreated} maps them.
   */
  private static final String MESSAGE_COLUMNS = """
      m.seq, m.sender_id as actor, m.content as text,
      coalesce(u.display_name, sa.display_name, sa.name) as sender_name,
      m.create_time, m.edit_time, m.delete_time, m.request_id""";
  /** The sender's name: a person's, or a service account's for a system message. */
  private static final String SENDER_JOINS = """
      left join app_user u on u.id = m.sender_id
      left join service_account sa on sa.name = m.system_sender""";

  /**
   * Up to {@code limit} events of the room with a seq above {@code after}, in seq order. One
   * statement, so one snapshot: messages and other events are seen consistently. New messages
   * (nearly all events) come complete from it; edits and deletes look their message up.
   * Seqs are gapless across messages and other events, so those events are exactly the seqs
   * up to {@code after + limit}: bounding the range lets PostgreSQL read just them from the
   * primary keys, where an open range had it read every newer row of a busy room and sort them
   * (a replay from the start of a 60,000-message room: 220 ms, bounded 1 ms). Each part has its
   * own limit too: that changes no result, but lets PostgreSQL see that its generic plan is
   * cheap and keep it, where it planned every call afresh (0.25 ms of planning against 0.05 ms
   * of execution, on every stream's resume).
   */
  public List<TimelineEvent> after(UUID roomId, long after, int limit) {
    timelineReads.increment();
    var rows = dsl.fetch("""
        select * from (
          (select 'MESSAGE_CREATED' as kind, m.seq as message_seq, null::uuid as user_id,
                  %s
             from chat_message m
             %s
            where m.room_id = ? and m.seq > ? and m.seq <= ?
            order by m.seq limit ?)
          union all
          (select e.kind, e.message_seq, e.user_id, e.seq, e.actor_id, e.text, null, null, null, null, null
             from room_event e
            where e.room_id = ? and e.seq > ? and e.seq <= ?
            order by e.seq limit ?)) timeline
        order by seq limit ?""".formatted(MESSAGE_COLUMNS, SENDER_JOINS),
        roomId, after, after + limit, limit, roomId, after, after + limit, limit, limit);
    Set<Long> changedMessages = new HashSet<>();
    Set<UUID> users = new HashSet<>();
    for (var r : rows) {
      if (!"MESSAGE_CREATED".equals(r.get("kind", String.class)) && r.get("message_seq") != null) {
        changedMessages.add(r.get("message_seq", Long.class));
      }
      if (r.get("user_id") != null) {
        users.add(r.get("user_id", UUID.class));
      }
    }
    Map<Long, MessageRecord> changed = new HashMap<>();
    if (!changedMessages.isEmpty()) {
      messages.findAll(roomId, changedMessages).forEach(m -> changed.put(m.seq(), m));
    }
    Map<UUID, RoomView.Member> members = members(users);
    List<TimelineEvent> events = new ArrayList<>(rows.size());
    for (var r : rows) {
      TimelineEvent.Kind kind = TimelineEvent.Kind.valueOf(r.get("kind", String.class));
      if (kind == TimelineEvent.Kind.MESSAGE_CREATED) {
        events.add(messageCreated(roomId, r));
        continue;
      }
      long seq = r.get("seq", Long.class);
      MessageRecord message = switch (kind) {
        case MESSAGE_EDITED -> edited(changed.get(r.get("message_seq", Long.class)), r.get("text", String.class));
        case MESSAGE_DELETED -> changed.get(r.get("message_seq", Long.class));
        default -> null;
      };
      UUID user = r.get("user_id", UUID.class);
      events.add(new TimelineEvent(roomId, seq, kind, r.get("actor", UUID.class), message,
          user == null ? null : members.get(user), kind == TimelineEvent.Kind.ROOM_RENAMED ? r.get("text", String.class) : null));
    }
    return events;
  }

  /** A row of {@link #MESSAGE_COLUMNS} as the event of the message's creation. */
  private static TimelineEvent messageCreated(UUID roomId, Record r) {
    long seq = r.get("seq", Long.class);
    UUID sender = r.get("actor", UUID.class);
    MessageRecord message = new MessageRecord(roomId, seq, sender, r.get("sender_name", String.class),
        r.get("text", String.class), instant(r.get("create_time", OffsetDateTime.class)),
        instant(r.get("edit_time", OffsetDateTime.class)), instant(r.get("delete_time", OffsetDateTime.class)),
        r.get("request_id", String.class));
    return new TimelineEvent(roomId, seq, TimelineEvent.Kind.MESSAGE_CREATED, sender, message, null, null);
  }

  /**
   * A part of a room's timeline to read: the seqs after {@code after} up to {@code through}
   * ({@link Long#MAX_VALUE}: up to the newest).
   */
  public record Range(UUID roomId, long after, long through) {}

  /**
   * What {@link #newMessages} found in a range.
   *
   * @param through where the range ends in the statement's snapshot (its {@code through}, or
   *     the room's newest seq when that is lower): the timeline has at least reached it
   * @param messages the range's new messages in seq order, at most the limit asked for
   */
  public record NewMessages(long through, List<TimelineEvent> messages) {}

  /**
   * The new messages of many rooms, read with one statement: for each range, up to
   * {@code perRoom} messages in it in seq order (with the columns {@link #after} reads, so
   * each is the same event). Only messages: other events of a range (edits, membership,
   * renames) are not read here, and leave a gap that the room has to read with {@link #after}.
   * Rooms that do not exist are absent.
   */
  public Map<UUID, NewMessages> newMessages(List<Range> ranges, int perRoom) {
    Map<UUID, NewMessages> found = new HashMap<>();
    if (ranges.isEmpty()) {
      return found;
    }
    timelineReads.increment();
    UUID[] rooms = ranges.stream().map(Range::roomId).toArray(UUID[]::new);
    Long[] after = ranges.stream().map(Range::after).toArray(Long[]::new);
    Long[] through = ranges.stream().map(Range::through).toArray(Long[]::new);
    dsl.fetch("""
        select r.room_id, least(r.through_seq, c.last_seq) as range_end, m.*
          from unnest(?::uuid[], ?::bigint[], ?::bigint[]) as r (room_id, after_seq, through_seq)
          join chat_room c on c.id = r.room_id
          left join lateral (
            select %s
              from chat_message m
              %s
             where m.room_id = r.room_id and m.seq > r.after_seq and m.seq <= least(r.through_seq, c.last_seq)
             order by m.seq limit ?) m on true
         order by r.room_id, m.seq""".formatted(MESSAGE_COLUMNS, SENDER_JOINS), rooms, after, through, perRoom)
        .forEach(r -> {
          UUID roomId = r.get("room_id", UUID.class);
          NewMessages room = found.computeIfAbsent(roomId,
              k -> new NewMessages(r.get("range_end", Long.class), new ArrayList<>()));
          if (r.get("seq") != null) {
            room.messages().add(messageCreated(roomId, r));
          }
        });
    return found;
  }

  /** Statements that read timelines so far ({@link #after}, {@link #newMessages}); for tests and metrics. */
  public long timelineReads() {
    return timelineReads.sum();
  }

  /** The message as this edit left it (a tombstone if it was deleted since). */
  private static MessageRecord edited(MessageRecord now, String text) {
    if (now == null || now.deleted()) {
      return now;
    }
    return new MessageRecord(now.roomId(), now.seq(), now.senderId(), now.senderName(), text,
        now.createTime(), now.editTime(), null, now.requestId());
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
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
            r.value3(), false, r.value4(), r.value6(), r.value5())));
    return members;
  }

  /**
   * A user's current membership of a room.
   *
   * @param joinedSeq the timeline seq at which it began (0 for the room's first members)
   * @param lastSeq the room's newest seq
   */
  public record Membership(UUID roomId, long joinedSeq, long lastSeq) {}

  /** One change in a user's membership log: a membership of the room began or ended at {@code seq}. */
  public record LogEntry(long position, UUID roomId, boolean joined, long seq) {}

  /**
   * What a new stream needs, read in one snapshot so that its parts agree.
   *
   * @param position the newest position of the user's membership log
   * @param memberships the current memberships by room
   * @param removals for each asked room the user was ever removed from, the removal seqs in order
   * @param since the log after the position the client gave (empty when it gave none)
   */
  public record ResumeState(long position, Map<UUID, Membership> memberships, Map<UUID, List<Long>> removals,
      List<LogEntry> since) {}

  /** Reads a stream's starting state for the user in one repeatable-read snapshot. */
  public ResumeState resumeState(UUID userId, Set<UUID> cursorRooms, Long sincePosition) {
    return dsl.transactionResult(cfg -> {
      DSLContext tx = cfg.dsl();
      tx.execute("set transaction isolation level repeatable read, read only");
      long position = tx.fetchSingle("select coalesce(max(position), 0) from membership_event where user_id = ?",
          userId).get(0, Long.class);
      Map<UUID, Membership> memberships = new HashMap<>();
      tx.select(CHAT_PARTICIPANT.ROOM_ID, CHAT_PARTICIPANT.JOINED_SEQ, CHAT_ROOM.LAST_SEQ)
          .from(CHAT_PARTICIPANT).join(CHAT_ROOM).on(CHAT_ROOM.ID.eq(CHAT_PARTICIPANT.ROOM_ID))
          .where(CHAT_PARTICIPANT.USER_ID.eq(userId).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()))
          .forEach(r -> memberships.put(r.value1(), new Membership(r.value1(), r.value2(), r.value3())));
      Map<UUID, List<Long>> removals = new HashMap<>();
      if (!cursorRooms.isEmpty()) {
        UUID[] rooms = cursorRooms.toArray(UUID[]::new);
        // The log knows every removal since it exists; the participant row the newest one
        // (which covers removals older than the log).
        tx.fetch("""
            select room_id, seq from membership_event where user_id = ? and not joined and room_id = any(?)
            union
            select room_id, left_seq from chat_participant where user_id = ? and left_seq is not null and room_id = any(?)
            order by 2""", userId, rooms, userId, rooms)
            .forEach(r -> removals.computeIfAbsent(r.get(0, UUID.class), k -> new ArrayList<>()).add(r.get(1, Long.class)));
      }
      List<LogEntry> since = sincePosition == null ? List.of() : log(tx, userId, sincePosition);
      return new ResumeState(position, memberships, removals, since);
    });
  }

  /** The user's membership log after {@code position}, in order. */
  public List<LogEntry> logAfter(UUID userId, long position) {
    return log(dsl, userId, position);
  }

  private static List<LogEntry> log(DSLContext q, UUID userId, long position) {
    return q.fetch("select position, room_id, joined, seq from membership_event where user_id = ? and position > ? "
            + "order by position", userId, position)
        .map(r -> new LogEntry(r.get(0, Long.class), r.get(1, UUID.class), r.get(2, Boolean.class), r.get(3, Long.class)));
  }

  /** The newest position handed out by the membership log (every user's log shares the clock). */
  public long membershipClock() {
    return dsl.fetchSingle("select position from membership_clock where id = 1").get(0, Long.class);
  }

  /**
   * The newest membership-log position of each given user who has changes after
   * {@code after} (the others are absent).
   */
  public Map<UUID, Long> logPositions(Set<UUID> users, long after) {
    Map<UUID, Long> positions = new HashMap<>();
    if (!users.isEmpty()) {
      dsl.fetch("select user_id, max(position) from membership_event where user_id = any(?) and position > ? "
              + "group by user_id", users.toArray(UUID[]::new), after)
          .forEach(r -> positions.put(r.get(0, UUID.class), r.get(1, Long.class)));
    }
    return positions;
  }

  /** Which of the given users are members of the room now. */
  public Set<UUID> membersAmong(UUID roomId, Set<UUID> users) {
    Set<UUID> found = new HashSet<>();
    if (users.isEmpty()) {
      return found;
    }
    dsl.select(CHAT_PARTICIPANT.USER_ID).from(CHAT_PARTICIPANT)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull())
            .and(CHAT_PARTICIPANT.USER_ID.in(users)))
        .forEach(r -> found.add(r.value1()));
    return found;
  }

  /** A user as their open streams were authorized, or now. */
  public record Account(UUID userId, UUID companyId, Role role, boolean active) {}

  /** The current account of each given user (users that no longer exist are absent). */
  public Map<UUID, Account> accounts(Set<UUID> users) {
    Map<UUID, Account> accounts = new HashMap<>();
    if (!users.isEmpty()) {
      dsl.select(APP_USER.ID, APP_USER.COMPANY_ID, APP_USER.ROLE, APP_USER.ACTIVE).from(APP_USER)
          .where(APP_USER.ID.in(users))
          .forEach(r -> accounts.put(r.value1(), new Account(r.value1(), r.value2(), r.value3(), r.value4())));
    }
    return accounts;
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
}
