package com.example.chat.server.rooms;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.server.rooms.RoomRepository.Room;
import com.example.chat.server.rooms.RoomRepository.Row;
import com.example.chat.server.rooms.RoomView.SendBlocked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What a person may see and do in a room, asked inside a use case's transaction (the one
 * given as {@code db}), so that the check and the write that follows see the same state.
 * Stateless: every method reads through the context it is given.
 */
public final class RoomAccess {
  private RoomAccess() {}

  /** What a member may do in a room now: the reason they may not send (null if they may), in words too. */
  public record Access(Room room, SendBlocked sendBlocked, String explanation) {}

  /** A room id of a request; INVALID_ARGUMENT when it is not an id. */
  public static UUID roomId(String roomId) {
    Validator v = new Validator();
    UUID id = v.id("room_id", roomId);
    v.throwIfInvalid();
    return id;
  }

  /** A room the caller is a member of; NOT_FOUND otherwise (whether or not it exists). */
  public static Room visibleRoom(DSLContext db, Person caller, String roomId) {
    UUID id = roomId(roomId);
    RoomRepository rooms = new RoomRepository(db);
    return rooms.find(caller.companyId(), id)
        .filter(r -> rooms.isMember(r.id(), caller.userId()))
        .orElseThrow(() -> NotFoundException.room(roomId));
  }

  /**
   * The caller's access to a room they are a member of (NOT_FOUND otherwise), with the reason
   * they may not send, if any.
   */
  public static Access access(DSLContext db, Person caller, String roomId) {
    UUID id = roomId(roomId);
    Row row = new RoomRepository(db).accessRow(caller.companyId(), caller.userId(), id)
        .filter(Row::member)
        .orElseThrow(() -> NotFoundException.room(roomId));
    SendBlocked blocked = RoomViews.sendBlocked(party(db, caller), row);
    return new Access(row.room(), blocked,
        RoomViews.explain(blocked, blocked == SendBlocked.CONTACT_CHANGED ? contactOf(db, caller) : null));
  }

  /**
   * A room the caller may moderate or read: a member's room, or a group the caller manages
   * (admins manage every group of their company). NOT_FOUND otherwise.
   */
  public static Room moderatedOrVisibleRoom(DSLContext db, Person caller, String roomId) {
    UUID id = roomId(roomId);
    RoomRepository rooms = new RoomRepository(db);
    return rooms.find(caller.companyId(), id)
        .filter(r -> managesMessages(caller, r) || rooms.isMember(r.id(), caller.userId()))
        .orElseThrow(() -> NotFoundException.room(roomId));
  }

  /** Whether the caller may delete other people's messages in this room (group managers). */
  public static boolean managesMessages(Person caller, Room room) {
    return ChatPolicy.mayDeleteOthersMessages(caller.role(), caller.userId(), room.group(), room.ownerId());
  }

  /**
   * The caller as the policy sees them. An employee's reach depends only on their id and role,
   * which the principal carries; a customer's needs their assignment from the database.
   */
  static Party party(DSLContext db, Person caller) {
    if (caller.role().isEmployee()) {
      return new Party(caller.userId(), caller.role(), true, null, null);
    }
    return new DirectoryRepository(db).findParty(caller.companyId(), caller.userId()).orElseThrow();
  }

  /** A customer's assigned employee, by name (null for employees). */
  private static String contactOf(DSLContext db, Person caller) {
    if (caller.role().isEmployee()) {
      return null;
    }
    return new DirectoryRepository(db).findUser(caller.companyId(), caller.userId())
        .map(u -> u.customer() == null ? null : u.customer().assignedToName()).orElse(null);
  }

  /** The room as the caller sees it. */
  public static RoomView view(DSLContext db, Person caller, UUID roomId) {
    List<Row> rows = new RoomRepository(db).rows(caller.companyId(), caller.userId(), roomId, null, null, null, 1);
    return views(db, caller, rows).get(0);
  }

  static List<RoomView> views(DSLContext db, Person caller, List<Row> rows) {
    Party me = party(db, caller);
    String contact = contactOf(db, caller);
    Map<UUID, List<RoomView.Member>> members = new RoomRepository(db).members(rows.stream().map(r -> r.room().id()).toList());
    List<RoomView> views = new ArrayList<>(rows.size());
    for (Row row : rows) {
      views.add(RoomViews.of(me, row, members.get(row.room().id()), contact));
    }
    return views;
  }
}
