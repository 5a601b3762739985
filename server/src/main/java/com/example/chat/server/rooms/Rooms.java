package com.example.chat.server.rooms;

import static com.example.chat.server.rooms.RoomAccess.party;
import static com.example.chat.server.rooms.RoomAccess.roomId;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.changes.Change;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.server.rooms.RoomRepository.MembershipChange;
import com.example.chat.server.rooms.RoomRepository.Opened;
import com.example.chat.server.rooms.RoomRepository.Room;
import com.example.chat.server.rooms.RoomRepository.Row;
import com.example.chat.server.storage.Tx;
import com.example.chat.server.storage.UnitOfWork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Room use cases: direct rooms, groups and their members, and rooms as each person sees them.
 * Each runs in one transaction ({@link UnitOfWork}) holding its checks and its writes; who may
 * do what is asked of {@link ChatPolicy}.
 */
public final class Rooms {
  public static final int MAX_GROUP_NAME = 100;

  private final UnitOfWork work;
  private final int maxGroupSize;

  public Rooms(UnitOfWork work, int maxGroupSize) {
    this.work = work;
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
    return work.run(tx -> {
      Party peer = new DirectoryRepository(tx.dsl()).findParty(caller.companyId(), target)
          .orElseThrow(() -> NotFoundException.user(userId));
      requireMayChat(party(tx.dsl(), caller), peer);
      if (!peer.active()) {
        throw new FailedPreconditionException("USER_INACTIVE", "That user is deactivated.");
      }
      Opened opened = new RoomRepository(tx.dsl()).openDirect(caller.companyId(), caller.userId(), target);
      if (opened.created()) {
        tx.record(new Change.MembersAdded(caller.companyId(), opened.roomId(), List.of(caller.userId(), target),
            caller.userId(), true));
      }
      return new OpenResult(RoomAccess.view(tx.dsl(), caller, opened.roomId()), opened.created());
    });
  }

  public RoomView createGroup(Person caller, String requestId, String name, List<String> memberIds) {
    Validator v = new Validator();
    String request = v.requestId("request_id", requestId);
    String groupName = v.name("name", name, MAX_GROUP_NAME);
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
    return work.run(tx -> {
      RoomRepository rooms = new RoomRepository(tx.dsl());
      var earlier = rooms.findGroupByRequest(caller.companyId(), caller.userId(), request);
      if (earlier.isPresent()) {
        return RoomAccess.view(tx.dsl(), caller, earlier.get());
      }
      requireAddable(tx.dsl(), caller, members, "member_user_ids");
      // A repeat racing this one meets it at the request id's unique index and gets its room.
      Opened opened = rooms.createGroup(caller.companyId(), caller.userId(), groupName, members, request);
      if (opened.created()) {
        List<UUID> everyone = new ArrayList<>();
        everyone.add(caller.userId());
        everyone.addAll(members);
        tx.record(new Change.MembersAdded(caller.companyId(), opened.roomId(), everyone, caller.userId(), true));
      }
      return RoomAccess.view(tx.dsl(), caller, opened.roomId());
    });
  }

  public RoomView get(Person caller, String roomId) {
    return work.read(db -> RoomAccess.view(db, caller, RoomAccess.visibleRoom(db, caller, roomId).id()));
  }

  public Page.Of<RoomView> list(Person caller, RoomView.Kind kind, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    Page.Position after = Page.ROOMS.decode(pageToken, String.valueOf(kind));
    return work.read(db -> {
      List<Row> rows = new RoomRepository(db).rows(caller.companyId(), caller.userId(), null, kind,
          after == null ? null : after.time(0), after == null ? null : after.id(1), size + 1);
      Page.Of<Row> page = Page.cut(rows, size,
          last -> Page.ROOMS.encode(String.valueOf(kind), last.lastActivity(), last.room().id()));
      return new Page.Of<>(RoomAccess.views(db, caller, page.items()), page.nextPageToken());
    });
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
    return work.run(tx -> {
      Room room = managedGroup(tx.dsl(), caller, roomId);
      requireAddable(tx.dsl(), caller, users, "user_ids");
      List<MembershipChange> added = new RoomRepository(tx.dsl())
          .addMembers(caller.companyId(), room.id(), caller.userId(), users, maxGroupSize)
          .orElseThrow(() -> InvalidInputException.of("user_ids", "a group has at most " + maxGroupSize + " members"));
      if (!added.isEmpty()) {
        tx.record(new Change.MembersAdded(caller.companyId(), room.id(),
            added.stream().map(MembershipChange::userId).toList(), caller.userId(), false));
      }
      return RoomAccess.view(tx.dsl(), caller, room.id());
    });
  }

  public RoomView removeMember(Person caller, String roomId, String userId) {
    Validator v = new Validator();
    UUID user = v.id("user_id", userId);
    v.throwIfInvalid();
    return work.run(tx -> {
      Room room = managedGroup(tx.dsl(), caller, roomId);
      if (user.equals(room.ownerId())) {
        throw new FailedPreconditionException("CANNOT_REMOVE_OWNER", "The group's owner cannot be removed.");
      }
      MembershipChange removed = new RoomRepository(tx.dsl())
          .removeMember(caller.companyId(), room.id(), caller.userId(), user)
          .orElseThrow(() -> new NotFoundException("MEMBER_NOT_FOUND", "That person is not a member of this group."));
      tx.record(new Change.MemberRemoved(caller.companyId(), room.id(), user, caller.userId(), removed.seq()));
      return RoomAccess.view(tx.dsl(), caller, room.id());
    });
  }

  public RoomView rename(Person caller, String roomId, String name) {
    Validator v = new Validator();
    String newName = v.name("name", name, MAX_GROUP_NAME);
    v.throwIfInvalid();
    return work.run(tx -> {
      Room room = managedGroup(tx.dsl(), caller, roomId);
      long seq = new RoomRepository(tx.dsl()).rename(caller.companyId(), room.id(), caller.userId(), newName);
      tx.record(new Change.RoomRenamed(caller.companyId(), room.id(), newName, caller.userId(), seq));
      return RoomAccess.view(tx.dsl(), caller, room.id());
    });
  }

  public void leave(Person caller, String roomId) {
    work.run(tx -> {
      Room room = RoomAccess.visibleRoom(tx.dsl(), caller, roomId);
      if (!room.group()) {
        throw new FailedPreconditionException("NOT_A_GROUP", "A direct room cannot be left.");
      }
      MembershipChange left = new RoomRepository(tx.dsl())
          .removeMember(caller.companyId(), room.id(), caller.userId(), caller.userId())
          .orElseThrow(() -> NotFoundException.room(roomId));
      tx.record(new Change.MemberRemoved(caller.companyId(), room.id(), caller.userId(), caller.userId(), left.seq()));
      return left;
    });
  }

  public RoomView setMuted(Person caller, String roomId, boolean muted) {
    return work.run(tx -> {
      Room room = RoomAccess.visibleRoom(tx.dsl(), caller, roomId);
      if (new RoomRepository(tx.dsl()).setMuted(room.id(), caller.userId(), muted)) {
        tx.record(new Change.MuteChanged(caller.companyId(), room.id(), caller.userId(), muted));
      }
      return RoomAccess.view(tx.dsl(), caller, room.id());
    });
  }

  /** The room as the caller sees it now (for delivery, which tells a new member of the room). */
  public RoomView view(Person caller, UUID roomId) {
    return work.read(db -> RoomAccess.view(db, caller, roomId));
  }

  /**
   * A group the caller may manage: its owner or the company's admins. The room row is locked
   * for the rest of the transaction, so two changes of one group run one after the other.
   * Members who may not manage it get PERMISSION_DENIED; everyone else NOT_FOUND.
   */
  private static Room managedGroup(DSLContext db, Person caller, String roomId) {
    UUID id = roomId(roomId);
    RoomRepository rooms = new RoomRepository(db);
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
  private static void requireAddable(DSLContext db, Person caller, Set<UUID> users, String field) {
    Party me = party(db, caller);
    DirectoryRepository directory = new DirectoryRepository(db);
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

  private static void requireMayChat(Party me, Party target) {
    if (!ChatPolicy.mayChat(me, target)) {
      throw target.role().isEmployee()
          ? new PermissionDeniedException("EMPLOYEE_NOT_ASSIGNED", "You may only chat with the employee assigned to you.")
          : me.role().isEmployee()
              ? new PermissionDeniedException("CUSTOMER_NOT_ASSIGNED", "That customer is not assigned to you or your team.")
              : new PermissionDeniedException("CUSTOMERS_CANNOT_CHAT", "Customers cannot chat with other customers.");
    }
  }
}
