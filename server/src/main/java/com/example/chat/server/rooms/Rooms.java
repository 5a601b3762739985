package com.example.chat.server.rooms;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.server.rooms.RoomRepository.Opened;
import com.example.chat.server.rooms.RoomRepository.Room;
import com.example.chat.server.rooms.RoomRepository.Row;
import com.example.chat.server.rooms.RoomView.SendBlocked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Room use cases: direct rooms, groups and their members, and rooms as each person sees them.
 * Who may do what is asked of {@link ChatPolicy}; this class only gathers the facts.
 */
public final class Rooms {
  public static final int MAX_GROUP_NAME = 100;

  private final RoomRepository rooms;
  private final DirectoryRepository directory;
  private final RoomAnnouncer announcer;
  private final int maxGroupSize;

  public Rooms(RoomRepository rooms, DirectoryRepository directory, RoomAnnouncer announcer, int maxGroupSize) {
    this.rooms = rooms;
    this.directory = directory;
    this.announcer = announcer;
    this.maxGroupSize = maxGroupSize;
  }

  /** A view and whether the call created the room. */
  public record OpenResult(RoomView room, boolean created) {}

  public OpenResult openDirect(Person caller, String userId) {
    Validator v = new Validator();
    UUID target = v.id("user_id", userId);
    v.throwIfInvalid();
    if (target.equals(caller.userId())) {
      throw InvalidInputException.of("user_id", "is you; a direct room needs another person");
    }
    Party peer = directory.findParty(caller.companyId(), target).orElseThrow(() -> NotFoundException.user(userId));
    requireMayChat(caller, peer);
    if (!peer.active()) {
      throw new FailedPreconditionException("USER_INACTIVE", "That user is deactivated.");
    }
    Opened opened = rooms.openDirect(caller.companyId(), caller.userId(), target);
    if (opened.created()) {
      announcer.announceMembership(opened.roomId());
    }
    return new OpenResult(view(caller, opened.roomId()), opened.created());
  }

  public RoomView createGroup(Person caller, String requestId, String name, List<String> memberIds) {
    Validator v = new Validator();
    String request = v.requestId("request_id", requestId);
    v.text("name", name, MAX_GROUP_NAME);
    Set<UUID> members = new LinkedHashSet<>();
    for (int i = 0; i < memberIds.size(); i++) {
      String field = "member_user_ids[" + i + "]";
      UUID id = v.id(field, memberIds.get(i));
      v.check(id == null || !id.equals(caller.userId()), field, "is you; the creator is a member anyway");
      v.check(id == null || members.add(id), field, "is listed twice");
    }
    v.check(members.size() + 1 <= maxGroupSize, "member_user_ids",
        "a group has at most " + maxGroupSize + " members, the creator included");
    v.throwIfInvalid();
    if (!ChatPolicy.mayCreateGroups(caller.role())) {
      throw new PermissionDeniedException("GROUPS_NOT_ALLOWED", "Your role may not create groups.");
    }
    if (request != null) {
      var earlier = rooms.findGroupByRequest(caller.companyId(), caller.userId(), request);
      if (earlier.isPresent()) {
        return view(caller, earlier.get());
      }
    }
    requireAddable(caller, members, "member_user_ids");
    Opened opened = rooms.createGroup(caller.companyId(), caller.userId(), name.strip(), members, request);
    if (opened.created()) {
      announcer.announceMembership(opened.roomId());
    }
    return view(caller, opened.roomId());
  }

  public RoomView get(Person caller, String roomId) {
    Room room = visibleRoom(caller, roomId);
    return view(caller, room.id());
  }

  public Page.Of<RoomView> list(Person caller, RoomView.Kind kind, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    List<String> after = Page.position("rooms", pageToken, 2);
    List<Row> rows = rooms.rows(caller.companyId(), caller.userId(), null, kind,
        after == null ? null : Instant.parse(after.get(0)), after == null ? null : UUID.fromString(after.get(1)), size + 1);
    Page.Of<Row> page = Page.cut(rows, size, last -> Page.token("rooms", last.lastActivity(), last.room().id()));
    return new Page.Of<>(views(caller, page.items()), page.nextPageToken());
  }

  public RoomView addMembers(Person caller, String roomId, List<String> userIds) {
    Validator v = new Validator();
    Set<UUID> users = new LinkedHashSet<>();
    for (int i = 0; i < userIds.size(); i++) {
      String field = "user_ids[" + i + "]";
      UUID id = v.id(field, userIds.get(i));
      v.check(id == null || users.add(id), field, "is listed twice");
    }
    v.check(!userIds.isEmpty(), "user_ids", "must name at least one person");
    v.throwIfInvalid();
    Room room = managedGroup(caller, roomId);
    requireAddable(caller, users, "user_ids");
    var changes = rooms.addMembers(caller.companyId(), room.id(), caller.userId(), users, maxGroupSize);
    if (changes.isEmpty()) {
      throw InvalidInputException.of("user_ids", "a group has at most " + maxGroupSize + " members");
    }
    if (!changes.get().isEmpty()) {
      announcer.announceMembership(room.id());
    }
    return view(caller, room.id());
  }

  public RoomView removeMember(Person caller, String roomId, String userId) {
    Validator v = new Validator();
    UUID user = v.id("user_id", userId);
    v.throwIfInvalid();
    Room room = managedGroup(caller, roomId);
    if (user.equals(room.ownerId())) {
      throw new FailedPreconditionException("CANNOT_REMOVE_OWNER", "The group's owner cannot be removed.");
    }
    if (rooms.removeMember(caller.companyId(), room.id(), caller.userId(), user).isEmpty()) {
      throw new NotFoundException("MEMBER_NOT_FOUND", "That person is not a member of this group.");
    }
    announcer.announce(room.id());
    return view(caller, room.id());
  }

  public RoomView rename(Person caller, String roomId, String name) {
    Validator v = new Validator();
    v.text("name", name, MAX_GROUP_NAME);
    v.throwIfInvalid();
    Room room = managedGroup(caller, roomId);
    rooms.rename(caller.companyId(), room.id(), caller.userId(), name.strip());
    announcer.announce(room.id());
    return view(caller, room.id());
  }

  public void leave(Person caller, String roomId) {
    Room room = visibleRoom(caller, roomId);
    if (!room.group()) {
      throw new FailedPreconditionException("NOT_A_GROUP", "A direct room cannot be left.");
    }
    if (rooms.removeMember(caller.companyId(), room.id(), caller.userId(), caller.userId()).isEmpty()) {
      throw NotFoundException.room(roomId);
    }
    announcer.announce(room.id());
  }

  public RoomView setMuted(Person caller, String roomId, boolean muted) {
    Room room = visibleRoom(caller, roomId);
    rooms.setMuted(room.id(), caller.userId(), muted);
    announcer.announceMuted(room.id());
    return view(caller, room.id());
  }

  private static UUID roomId(String roomId) {
    Validator v = new Validator();
    UUID id = v.id("room_id", roomId);
    v.throwIfInvalid();
    return id;
  }

  /** A room the caller is a member of; NOT_FOUND otherwise (whether or not it exists). */
  public Room visibleRoom(Person caller, String roomId) {
    UUID id = roomId(roomId);
    return rooms.find(caller.companyId(), id)
        .filter(r -> rooms.isMember(r.id(), caller.userId()))
        .orElseThrow(() -> NotFoundException.room(roomId));
  }

  /**
   * A group the caller may manage: its owner or the company's admins. Members who may not
   * manage it get PERMISSION_DENIED; everyone else NOT_FOUND.
   */
  private Room managedGroup(Person caller, String roomId) {
    UUID id = roomId(roomId);
    Room room = rooms.find(caller.companyId(), id).orElseThrow(() -> NotFoundException.room(roomId));
    boolean manages = room.group() && ChatPolicy.mayManageGroup(caller.role(), caller.userId(), room.ownerId());
    if (!manages && !rooms.isMember(room.id(), caller.userId())) {
      throw NotFoundException.room(roomId);
    }
    if (!room.group()) {
      throw new FailedPreconditionException("NOT_A_GROUP", "Only group rooms have members to manage and a name.");
    }
    if (!manages) {
      throw new PermissionDeniedException("GROUP_MANAGER_REQUIRED",
          "Only the group's owner and the company's admins may do this.");
    }
    return room;
  }

  /** Everyone added must be an active person of the company the caller may chat with. */
  private void requireAddable(Person caller, Set<UUID> users, String field) {
    Party me = party(caller);
    for (UUID user : users) {
      Party p = directory.findParty(caller.companyId(), user)
          .orElseThrow(() -> NotFoundException.user(user.toString()));
      if (!p.active()) {
        throw InvalidInputException.of(field, "user " + user + " is deactivated");
      }
      if (!p.role().isEmployee()) {
        requireMayChat(me, p);
      }
    }
  }

  private void requireMayChat(Person caller, Party target) {
    requireMayChat(party(caller), target);
  }

  private static void requireMayChat(Party me, Party target) {
    if (!ChatPolicy.mayChat(me, target)) {
      throw target.role().isEmployee()
          ? new PermissionDeniedException("EMPLOYEE_NOT_ASSIGNED", "You may only chat with the employee assigned to you.")
          : me.role().isEmployee()
              ? new PermissionDeniedException("CUSTOMER_NOT_ASSIGNED", "That customer is not assigned to you or your team.")
              : new PermissionDeniedException("CUSTOMERS_CANNOT_CHAT", "Customers cannot chat with other customers.");
    }
  }

  /**
   * The caller as the policy sees them. An employee's reach depends only on their id and role,
   * which the principal carries; a customer's needs their assignment from the database.
   */
  private Party party(Person caller) {
    if (caller.role().isEmployee()) {
      return new Party(caller.userId(), caller.role(), true, null, null);
    }
    return directory.findParty(caller.companyId(), caller.userId()).orElseThrow();
  }

  /** What a member may do in a room now. */
  public record Access(Room room, SendBlocked sendBlocked) {}

  /**
   * The caller's access to a room they are a member of (NOT_FOUND otherwise), with the reason
   * they may not send, if any.
   */
  public Access access(Person caller, String roomId) {
    UUID id = roomId(roomId);
    Row row = rooms.accessRow(caller.companyId(), caller.userId(), id)
        .filter(Row::member)
        .orElseThrow(() -> NotFoundException.room(roomId));
    return new Access(row.room(), RoomViews.sendBlocked(party(caller), row));
  }

  /**
   * A room the caller may moderate or read: a member's room, or a group the caller manages
   * (admins manage every group of their company). NOT_FOUND otherwise.
   */
  public Room moderatedOrVisibleRoom(Person caller, String roomId) {
    UUID id = roomId(roomId);
    return rooms.find(caller.companyId(), id)
        .filter(r -> managesMessages(caller, r) || rooms.isMember(r.id(), caller.userId()))
        .orElseThrow(() -> NotFoundException.room(roomId));
  }

  /** Whether the caller may delete other people's messages in this room (group managers). */
  public boolean managesMessages(Person caller, Room room) {
    return ChatPolicy.mayDeleteOthersMessages(caller.role(), caller.userId(), room.group(), room.ownerId());
  }

  /** The room as the caller sees it. */
  public RoomView view(Person caller, UUID roomId) {
    List<Row> rows = rooms.rows(caller.companyId(), caller.userId(), roomId, null, null, null, 1);
    return views(caller, rows).get(0);
  }

  private List<RoomView> views(Person caller, List<Row> rows) {
    Party me = party(caller);
    Map<UUID, List<RoomView.Member>> members = rooms.members(rows.stream().map(r -> r.room().id()).toList());
    List<RoomView> views = new ArrayList<>(rows.size());
    for (Row row : rows) {
      views.add(RoomViews.of(me, row, members.get(row.room().id())));
    }
    return views;
  }
}
