package com.example.chat.server.rooms;

import com.example.chat.db.types.RoomKind;
import com.example.chat.db.types.RoomRole;
import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CHAT_MESSAGE;
import static com.example.chat.db.Tables.CHAT_PARTICIPANT;
import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;
import static com.example.chat.db.Tables.MEMBER_READ_STATE;
import static com.example.chat.db.Tables.SERVICE_ACCOUNT;

import com.example.chat.db.tables.AppUser;
import com.example.chat.db.tables.ChatParticipant;
import com.example.chat.db.tables.CustomerProfile;
import com.example.chat.db.tables.MemberReadState;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.db.types.Role;
import com.example.chat.db.types.TimelineEventKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Queries of rooms and their members over one {@link DSLContext} (a use case's transaction).
 * Holds no state of its own; writes expect to run inside the caller's transaction.
 */
public final class RoomRepository {
  private static final ChatParticipant ME = CHAT_PARTICIPANT.as("me");
  private static final MemberReadState MY_READ = MEMBER_READ_STATE.as("my_read");
  private static final ChatParticipant PEER_P = CHAT_PARTICIPANT.as("peer_p");
  private static final AppUser PEER = APP_USER.as("peer");
  private static final CustomerProfile PEER_CP = CUSTOMER_PROFILE.as("peer_cp");
  private static final AppUser PEER_ASSIGNEE = APP_USER.as("peer_assignee");
  private static final AppUser SENDER = APP_USER.as("sender");
  private static final int PREVIEW_LENGTH = 200;
  /** The newest message's sender: a person, or the service that posted a system message. */
  private static final org.jooq.Field<String> PREVIEW_SENDER =
      DSL.coalesce(SENDER.DISPLAY_NAME, SERVICE_ACCOUNT.DISPLAY_NAME, SERVICE_ACCOUNT.NAME).as("preview_sender");

  private final DSLContext dsl;

  public RoomRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The stored facts of a room. */
  public record Room(UUID id, UUID companyId, boolean group, String name, UUID ownerId, long lastSeq) {}

  /** A room's row in a viewer's list, with what the view needs of the peer of a direct room. */
  public record Row(Room room, long lastReadSeq, long unread, boolean muted, boolean member,
      Instant lastActivity, Instant created, RoomView.Preview preview, Peer peer) {}

  /** The other person of a direct room. */
  public record Peer(Party party, String displayName, String department, String organization) {}

  /** Result of opening a direct room. */
  public record Opened(UUID roomId, boolean created) {}

  public static String directKey(UUID a, UUID b) {
    return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
  }

  /**
   * Returns the pair's direct room, creating it if needed. Concurrent opens of the same pair
   * meet at the unique key: one inserts, the other waits for its commit and finds the room.
   */
  public Opened openDirect(UUID companyId, UUID a, UUID b) {
    String key = directKey(a, b);
    Optional<UUID> created = dsl.insertInto(CHAT_ROOM)
        .set(CHAT_ROOM.COMPANY_ID, companyId).set(CHAT_ROOM.KIND, RoomKind.DIRECT).set(CHAT_ROOM.DIRECT_KEY, key)
        .onConflictDoNothing().returning(CHAT_ROOM.ID).fetchOptional().map(r -> r.getId());
    if (created.isEmpty()) {
      return new Opened(dsl.select(CHAT_ROOM.ID).from(CHAT_ROOM)
          .where(CHAT_ROOM.COMPANY_ID.eq(companyId).and(CHAT_ROOM.DIRECT_KEY.eq(key))).fetchSingle().value1(), false);
    }
    for (UUID user : List.of(a, b)) {
      insertParticipant(companyId, created.get(), user, RoomRole.MEMBER, 0, 0);
    }
    return new Opened(created.get(), true);
  }

  /** Creates a group with its owner and members, or returns the one made with this request id. */
  public Opened createGroup(UUID companyId, UUID owner, String name, Collection<UUID> members, String requestId) {
    Optional<UUID> created = dsl.insertInto(CHAT_ROOM)
        .set(CHAT_ROOM.COMPANY_ID, companyId).set(CHAT_ROOM.KIND, RoomKind.GROUP).set(CHAT_ROOM.NAME, name)
        .set(CHAT_ROOM.OWNER_ID, owner).set(CHAT_ROOM.REQUEST_ID, requestId)
        .onConflictDoNothing().returning(CHAT_ROOM.ID).fetchOptional().map(r -> r.getId());
    if (created.isEmpty()) {
      return new Opened(findGroupByRequest(dsl, companyId, owner, requestId).orElseThrow(), false);
    }
    insertParticipant(companyId, created.get(), owner, RoomRole.OWNER, 0, 0);
    for (UUID member : members) {
      insertParticipant(companyId, created.get(), member, RoomRole.MEMBER, 0, 0);
    }
    return new Opened(created.get(), true);
  }

  public Optional<UUID> findGroupByRequest(UUID companyId, UUID owner, String requestId) {
    return findGroupByRequest(dsl, companyId, owner, requestId);
  }

  private static Optional<UUID> findGroupByRequest(DSLContext q, UUID companyId, UUID owner, String requestId) {
    if (requestId == null) {
      return Optional.empty();
    }
    return q.select(CHAT_ROOM.ID).from(CHAT_ROOM)
        .where(CHAT_ROOM.COMPANY_ID.eq(companyId).and(CHAT_ROOM.OWNER_ID.eq(owner))
            .and(CHAT_ROOM.REQUEST_ID.eq(requestId)))
        .fetchOptional(r -> r.value1());
  }

  private void insertParticipant(UUID companyId, UUID roomId, UUID user,
      RoomRole roomRole, long joinedSeq, long readMessages) {
    dsl.insertInto(CHAT_PARTICIPANT)
        .set(CHAT_PARTICIPANT.ROOM_ID, roomId).set(CHAT_PARTICIPANT.USER_ID, user)
        .set(CHAT_PARTICIPANT.COMPANY_ID, companyId).set(CHAT_PARTICIPANT.ROOM_ROLE, roomRole)
        .set(CHAT_PARTICIPANT.JOINED_SEQ, joinedSeq).set(CHAT_PARTICIPANT.LAST_READ_SEQ, joinedSeq)
        .set(CHAT_PARTICIPANT.READ_MESSAGE_COUNT, readMessages)
        .onConflict(CHAT_PARTICIPANT.ROOM_ID, CHAT_PARTICIPANT.USER_ID).doUpdate()
        .set(CHAT_PARTICIPANT.LEFT_SEQ, (Long) null).set(CHAT_PARTICIPANT.ROOM_ROLE, roomRole)
        .set(CHAT_PARTICIPANT.JOINED_SEQ, joinedSeq).set(CHAT_PARTICIPANT.LAST_READ_SEQ, joinedSeq)
        .set(CHAT_PARTICIPANT.READ_MESSAGE_COUNT, readMessages)
        .set(CHAT_PARTICIPANT.JOINED_TIME, DSL.currentOffsetDateTime())
        .execute();
  }

  /** A room of the company. */
  public Optional<Room> find(UUID companyId, UUID roomId) {
    return dsl.selectFrom(CHAT_ROOM).where(CHAT_ROOM.ID.eq(roomId).and(CHAT_ROOM.COMPANY_ID.eq(companyId)))
        .fetchOptional(r -> new Room(r.getId(), r.getCompanyId(), r.getKind() == RoomKind.GROUP, r.getName(),
            r.getOwnerId(), r.getLastSeq()));
  }

  /** The company a room belongs to, for callers not bound to one company (backend services). */
  public Optional<UUID> companyOf(UUID roomId) {
    return dsl.select(CHAT_ROOM.COMPANY_ID).from(CHAT_ROOM).where(CHAT_ROOM.ID.eq(roomId)).fetchOptional(r -> r.value1());
  }

  public boolean isMember(UUID roomId, UUID userId) {
    return dsl.fetchExists(CHAT_PARTICIPANT, CHAT_PARTICIPANT.ROOM_ID.eq(roomId)
        .and(CHAT_PARTICIPANT.USER_ID.eq(userId)).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()));
  }

  /** A membership change on the timeline: who, and at which seq. */
  public record MembershipChange(UUID userId, long seq) {}

  /**
   * Adds members to a group at fresh seqs (current members are skipped). The room row stays
   * locked for the whole transaction, so the size check cannot race with another add.
   *
   * @return the changes made, or empty if the group would exceed {@code maxMembers}
   */
  public Optional<List<MembershipChange>> addMembers(UUID companyId, UUID roomId, UUID actor, Collection<UUID> users, int maxMembers) {
    long messageCount = dsl.select(CHAT_ROOM.MESSAGE_COUNT).from(CHAT_ROOM).where(CHAT_ROOM.ID.eq(roomId))
        .forUpdate().fetchSingle().value1();
    List<UUID> current = dsl.select(CHAT_PARTICIPANT.USER_ID).from(CHAT_PARTICIPANT)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull())).fetch(r -> r.value1());
    List<UUID> fresh = users.stream().filter(u -> !current.contains(u)).distinct().toList();
    if (current.size() + fresh.size() > maxMembers) {
      return Optional.<List<MembershipChange>>empty();
    }
    List<MembershipChange> changes = new ArrayList<>();
    for (UUID user : fresh) {
      long seq = Timeline.append(dsl, companyId, roomId, TimelineEventKind.MEMBER_ADDED, actor, null, user, null);
      // A new member starts with nothing unread: the history before them is not news.
      insertParticipant(companyId, roomId, user, RoomRole.MEMBER, seq, messageCount);
      changes.add(new MembershipChange(user, seq));
    }
    return Optional.of(changes);
  }

  /** Ends a membership at a fresh seq; empty if the user was not a member. */
  public Optional<MembershipChange> removeMember(UUID companyId, UUID roomId, UUID actor, UUID user) {
    dsl.select(CHAT_ROOM.ID).from(CHAT_ROOM).where(CHAT_ROOM.ID.eq(roomId)).forUpdate().fetchSingle();
    boolean member = dsl.fetchExists(CHAT_PARTICIPANT, CHAT_PARTICIPANT.ROOM_ID.eq(roomId)
        .and(CHAT_PARTICIPANT.USER_ID.eq(user)).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()));
    if (!member) {
      return Optional.<MembershipChange>empty();
    }
    long seq = Timeline.append(dsl, companyId, roomId, TimelineEventKind.MEMBER_REMOVED, actor, null, user, null);
    dsl.update(CHAT_PARTICIPANT).set(CHAT_PARTICIPANT.LEFT_SEQ, seq)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.USER_ID.eq(user))).execute();
    return Optional.of(new MembershipChange(user, seq));
  }

  /** Renames a group at a fresh seq and returns it. */
  public long rename(UUID companyId, UUID roomId, UUID actor, String name) {
    long seq = Timeline.append(dsl, companyId, roomId, TimelineEventKind.ROOM_RENAMED, actor, null, null, name);
    dsl.update(CHAT_ROOM).set(CHAT_ROOM.NAME, name).where(CHAT_ROOM.ID.eq(roomId)).execute();
    return seq;
  }

  /** Sets the member's mute flag; true when it changed. */
  public boolean setMuted(UUID roomId, UUID userId, boolean muted) {
    return dsl.update(CHAT_PARTICIPANT).set(CHAT_PARTICIPANT.MUTED, muted)
        .where(CHAT_PARTICIPANT.ROOM_ID.eq(roomId).and(CHAT_PARTICIPANT.USER_ID.eq(userId))
            .and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()).and(CHAT_PARTICIPANT.MUTED.ne(muted)))
        .execute() > 0;
  }

  /**
   * The viewer's rows, newest activity first. {@code roomId} narrows to one room (which the
   * viewer need not be a member of: admins manage groups they are not in).
   */
  public List<Row> rows(UUID companyId, UUID viewer, UUID roomId, RoomView.Kind kind,
      Instant afterActivity, UUID afterId, int limit) {
    Condition where = CHAT_ROOM.COMPANY_ID.eq(companyId);
    if (roomId != null) {
      where = where.and(CHAT_ROOM.ID.eq(roomId));
    } else {
      where = where.and(ME.USER_ID.eq(viewer)).and(ME.LEFT_SEQ.isNull());
    }
    if (kind == RoomView.Kind.GROUP) {
      where = where.and(CHAT_ROOM.KIND.eq(RoomKind.GROUP));
    } else if (kind != null) {
      Condition peerIsCustomer = PEER.ROLE.eq(Role.CUSTOMER);
      where = where.and(CHAT_ROOM.KIND.eq(RoomKind.DIRECT))
          .and(kind == RoomView.Kind.CUSTOMER_CHAT ? peerIsCustomer : peerIsCustomer.not());
    }
    if (afterId != null) {
      where = where.and(DSL.row(CHAT_ROOM.LAST_ACTIVITY_TIME, CHAT_ROOM.ID)
          .lt(OffsetDateTime.ofInstant(afterActivity, ZoneOffset.UTC), afterId));
    }
    var query = dsl.select(CHAT_ROOM.fields())
        .select(MY_READ.LAST_READ_SEQ, MY_READ.READ_MESSAGE_COUNT, ME.MUTED, ME.LEFT_SEQ, ME.USER_ID)
        .select(PEER.ID, PEER.ROLE, PEER.ACTIVE, PEER.DISPLAY_NAME, PEER.DEPARTMENT,
            PEER_CP.ORGANIZATION, PEER_CP.ASSIGNED_TO, PEER_ASSIGNEE.REPORTS_TO)
        .select(CHAT_MESSAGE.SEQ, CHAT_MESSAGE.SENDER_ID, PREVIEW_SENDER,
            DSL.left(CHAT_MESSAGE.CONTENT, PREVIEW_LENGTH).as("preview"), CHAT_MESSAGE.DELETE_TIME,
            CHAT_MESSAGE.CREATE_TIME)
        .from(CHAT_ROOM)
        .leftJoin(ME).on(ME.ROOM_ID.eq(CHAT_ROOM.ID).and(ME.USER_ID.eq(viewer)))
        .leftJoin(MY_READ).on(MY_READ.ROOM_ID.eq(ME.ROOM_ID).and(MY_READ.USER_ID.eq(ME.USER_ID)))
        .leftJoin(PEER_P).on(CHAT_ROOM.KIND.eq(RoomKind.DIRECT).and(PEER_P.ROOM_ID.eq(CHAT_ROOM.ID))
            .and(PEER_P.USER_ID.ne(viewer)))
        .leftJoin(PEER).on(PEER.ID.eq(PEER_P.USER_ID))
        .leftJoin(PEER_CP).on(PEER_CP.USER_ID.eq(PEER.ID))
        .leftJoin(PEER_ASSIGNEE).on(PEER_ASSIGNEE.ID.eq(PEER_CP.ASSIGNED_TO))
        .leftJoin(CHAT_MESSAGE).on(CHAT_MESSAGE.ROOM_ID.eq(CHAT_ROOM.ID).and(CHAT_MESSAGE.SEQ.eq(CHAT_ROOM.LAST_MESSAGE_SEQ)))
        .leftJoin(SENDER).on(SENDER.ID.eq(CHAT_MESSAGE.SENDER_ID))
        .leftJoin(SERVICE_ACCOUNT).on(SERVICE_ACCOUNT.NAME.eq(CHAT_MESSAGE.SYSTEM_SENDER))
        .where(where)
        .orderBy(CHAT_ROOM.LAST_ACTIVITY_TIME.desc(), CHAT_ROOM.ID.desc())
        .limit(limit);
    return query.fetch(RoomRepository::row);
  }

  private static Row row(Record r) {
    Room room = new Room(r.get(CHAT_ROOM.ID), r.get(CHAT_ROOM.COMPANY_ID), r.get(CHAT_ROOM.KIND) == RoomKind.GROUP,
        r.get(CHAT_ROOM.NAME), r.get(CHAT_ROOM.OWNER_ID), r.get(CHAT_ROOM.LAST_SEQ));
    boolean member = r.get(ME.USER_ID) != null && r.get(ME.LEFT_SEQ) == null;
    long readMessages = member ? r.get(MY_READ.READ_MESSAGE_COUNT) : r.get(CHAT_ROOM.MESSAGE_COUNT);
    RoomView.Preview preview = r.get(CHAT_MESSAGE.SEQ) == null ? null : new RoomView.Preview(
        r.get(CHAT_MESSAGE.SEQ), r.get(CHAT_MESSAGE.SENDER_ID), r.get(PREVIEW_SENDER),
        r.get("preview", String.class) == null ? "" : r.get("preview", String.class),
        r.get(CHAT_MESSAGE.DELETE_TIME) != null, r.get(CHAT_MESSAGE.CREATE_TIME).toInstant());
    Peer peer = r.get(PEER.ID) == null ? null : new Peer(
        new Party(r.get(PEER.ID), r.get(PEER.ROLE), r.get(PEER.ACTIVE),
            r.get(PEER_CP.ASSIGNED_TO), r.get(PEER_ASSIGNEE.REPORTS_TO)),
        r.get(PEER.DISPLAY_NAME), r.get(PEER.DEPARTMENT), r.get(PEER_CP.ORGANIZATION));
    return new Row(room,
        member ? r.get(MY_READ.LAST_READ_SEQ) : room.lastSeq(),
        r.get(CHAT_ROOM.MESSAGE_COUNT) - readMessages,
        member && r.get(ME.MUTED), member,
        r.get(CHAT_ROOM.LAST_ACTIVITY_TIME).toInstant(), r.get(CHAT_ROOM.CREATE_TIME).toInstant(),
        preview, peer);
  }

  /**
   * What deciding a send needs, in one light query on the hot path: the room, whether the
   * viewer is a member now, and the peer of a direct room. Empty if the viewer never was a
   * member. (Plain JDBC: rendering a query through jOOQ per message cost more than running it.)
   */
  public Optional<Row> accessRow(UUID companyId, UUID viewer, UUID roomId) {
    return dsl.connectionResult(c -> {
      try (PreparedStatement query = c.prepareStatement(ACCESS)) {
        query.setObject(1, viewer);
        query.setObject(2, viewer);
        query.setObject(3, roomId);
        query.setObject(4, companyId);
        try (ResultSet r = query.executeQuery()) {
          if (!r.next()) {
            return Optional.<Row>empty();
          }
          Room room = new Room(r.getObject(1, UUID.class), companyId, "GROUP".equals(r.getString(2)),
              r.getString(3), r.getObject(4, UUID.class), r.getLong(5));
          boolean member = r.getObject(6) == null;
          UUID peerId = r.getObject(7, UUID.class);
          Peer peer = peerId == null ? null : new Peer(
              new Party(peerId, Role.valueOf(r.getString(8)), r.getBoolean(9), r.getObject(13, UUID.class),
                  r.getObject(14, UUID.class)),
              r.getString(10), r.getString(11), r.getString(12));
          return Optional.of(new Row(room, 0, 0, false, member, null, null, null, peer));
        }
      }
    });
  }

  private static final String ACCESS = """
      select r.id, r.kind, r.name, r.owner_id, r.last_seq, me.left_seq,
             peer.id, peer.role, peer.active, peer.display_name, peer.department,
             cp.organization, cp.assigned_to, assignee.reports_to
        from chat_room r
        join chat_participant me on me.room_id = r.id and me.user_id = ?
        left join chat_participant pp on r.kind = 'DIRECT' and pp.room_id = r.id and pp.user_id <> ?
        left join app_user peer on peer.id = pp.user_id
        left join customer_profile cp on cp.user_id = peer.id
        left join app_user assignee on assignee.id = cp.assigned_to
       where r.id = ? and r.company_id = ?""";

  /** Current members of the given rooms, each list owner first, then by name. */
  public Map<UUID, List<RoomView.Member>> members(Collection<UUID> roomIds) {
    Map<UUID, List<RoomView.Member>> byRoom = new LinkedHashMap<>();
    roomIds.forEach(id -> byRoom.put(id, new ArrayList<>()));
    dsl.select(CHAT_PARTICIPANT.ROOM_ID, CHAT_PARTICIPANT.ROOM_ROLE, APP_USER.ID, APP_USER.DISPLAY_NAME,
            APP_USER.ROLE, APP_USER.DEPARTMENT, APP_USER.ACTIVE, CUSTOMER_PROFILE.ORGANIZATION)
        .from(CHAT_PARTICIPANT)
        .join(APP_USER).on(APP_USER.ID.eq(CHAT_PARTICIPANT.USER_ID))
        .leftJoin(CUSTOMER_PROFILE).on(CUSTOMER_PROFILE.USER_ID.eq(APP_USER.ID))
        .where(CHAT_PARTICIPANT.ROOM_ID.in(roomIds).and(CHAT_PARTICIPANT.LEFT_SEQ.isNull()))
        .orderBy(CHAT_PARTICIPANT.ROOM_ROLE.desc(), DSL.lower(APP_USER.DISPLAY_NAME), APP_USER.ID)
        .forEach(r -> byRoom.get(r.value1()).add(new RoomView.Member(r.value3(), r.value4(),
            r.value5(), r.value2() == RoomRole.OWNER, r.value6(), r.value8(), r.value7())));
    return byRoom;
  }
}
