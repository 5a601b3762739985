package com.example.chat.cli;

import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.Contact;
import com.example.chat.v1.ContactKind;
import com.example.chat.v1.ContactServiceGrpc;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.LeaveRoomRequest;
import com.example.chat.v1.ListContactsRequest;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RemoveRoomMemberRequest;
import com.example.chat.v1.RenameRoomRequest;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SetRoomMutedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Contacts and rooms. */
final class RoomCommands {
  private RoomCommands() {}

  static String describe(RoomView r) {
    StringBuilder line = new StringBuilder()
        .append(r.getIconEmoji()).append(' ').append(r.getDisplayName());
    if (!r.getBadge().isEmpty()) {
      line.append(" (").append(r.getBadge()).append(')');
    }
    if (r.getUnreadCount() > 0) {
      line.append("  [").append(r.getUnreadCount()).append(" unread]");
    }
    if (r.getMuted()) {
      line.append("  [muted]");
    }
    if (!r.getCanSend()) {
      line.append("  [read-only: ").append(r.getSendBlockedReason().name().substring("SEND_BLOCKED_REASON_".length())
          .toLowerCase(Locale.ROOT).replace('_', ' ')).append(']');
    }
    if (r.hasLastMessage()) {
      var m = r.getLastMessage();
      line.append("\n    ").append(m.getSenderDisplayName()).append(": ")
          .append(m.getDeleted() ? "(deleted)" : m.getText().replace('\n', ' '));
    }
    return r.getRoomId() + "  " + line;
  }

  static String describe(Contact c) {
    String unit = c.getKind() == ContactKind.CONTACT_KIND_CUSTOMER
        ? "👤 " + c.getOrganization() + " (served by " + c.getAssignedEmployeeName() + ")"
        : "💼 " + c.getDepartment();
    return String.format("%s  %-24s %-28s %s", c.getUserId(), c.getDisplayName(), c.getEmail(), unit);
  }

  /** A user id, or the e-mail of one of the caller's contacts. */
  static String resolvePerson(ConnectionOptions.Client c, String idOrEmail) {
    if (!idOrEmail.contains("@")) {
      return idOrEmail;
    }
    var stub = c.unary(ContactServiceGrpc.newBlockingStub(c.channel()));
    String token = "";
    do {
      var page = stub.listContacts(ListContactsRequest.newBuilder().setPageSize(200).setPageToken(token).build());
      for (Contact contact : page.getContactsList()) {
        if (contact.getEmail().equalsIgnoreCase(idOrEmail)) {
          return contact.getUserId();
        }
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    throw new UsageException("none of your contacts has the e-mail " + idOrEmail);
  }

  @Command(name = "contacts", mixinStandardHelpOptions = true, description = "List the people you may chat with.")
  static final class Contacts extends BaseCommand {
    @Option(names = "--kind", description = "employee or customer (default: both).") String kind;
    @Option(names = "--name", description = "Only names starting with this.") String prefix = "";

    @Override
    protected int run(ConnectionOptions.Client c) {
      ContactKind contactKind = kind == null ? ContactKind.CONTACT_KIND_UNSPECIFIED : switch (kind.toLowerCase(Locale.ROOT)) {
        case "employee", "employees" -> ContactKind.CONTACT_KIND_EMPLOYEE;
        case "customer", "customers" -> ContactKind.CONTACT_KIND_CUSTOMER;
        default -> throw new UsageException("--kind must be employee or customer");
      };
      var stub = c.unary(ContactServiceGrpc.newBlockingStub(c.channel()));
      String token = "";
      do {
        var page = stub.listContacts(ListContactsRequest.newBuilder().setKind(contactKind).setNamePrefix(prefix)
            .setPageSize(200).setPageToken(token).build());
        page.getContactsList().forEach(contact -> print(contact, describe(contact)));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return 0;
    }
  }

  /** Every room of the caller, newest activity first. */
  static List<RoomView> allRooms(ConnectionOptions.Client c, RoomKind kind) {
    var stub = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()));
    List<RoomView> rooms = new ArrayList<>();
    String token = "";
    do {
      var page = stub.listRooms(ListRoomsRequest.newBuilder().setKind(kind).setPageSize(200).setPageToken(token).build());
      rooms.addAll(page.getRoomsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return rooms;
  }

  @Command(name = "rooms", mixinStandardHelpOptions = true, description = "List your rooms, newest activity first.")
  static final class Rooms extends BaseCommand {
    @Option(names = "--kind", description = "employee, customer or group (default: all).") String kind;

    @Override
    protected int run(ConnectionOptions.Client c) {
      RoomKind roomKind = kind == null ? RoomKind.ROOM_KIND_UNSPECIFIED : switch (kind.toLowerCase(Locale.ROOT)) {
        case "employee" -> RoomKind.ROOM_KIND_EMPLOYEE_CHAT;
        case "customer" -> RoomKind.ROOM_KIND_CUSTOMER_CHAT;
        case "group" -> RoomKind.ROOM_KIND_GROUP;
        default -> throw new UsageException("--kind must be employee, customer or group");
      };
      allRooms(c, roomKind).forEach(r -> print(r, describe(r)));
      return 0;
    }
  }

  @Command(name = "open", mixinStandardHelpOptions = true, description = "Open (or find) your direct room with a person.")
  static final class Open extends BaseCommand {
    @Parameters(paramLabel = "PERSON", description = "User id or e-mail of one of your contacts.") String person;

    @Override
    protected int run(ConnectionOptions.Client c) {
      RoomView room = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(resolvePerson(c, person)).build()).getRoom();
      print(room, describe(room));
      return 0;
    }
  }

  @Command(name = "mute", mixinStandardHelpOptions = true, description = "Mute (or with --off unmute) a room for yourself.")
  static final class Mute extends BaseCommand {
    @Parameters(paramLabel = "ROOM_ID") String room;
    @Option(names = "--off", description = "Unmute.") boolean off;

    @Override
    protected int run(ConnectionOptions.Client c) {
      RoomView view = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .setRoomMuted(SetRoomMutedRequest.newBuilder().setRoomId(room).setMuted(!off).build()).getRoom();
      print(view, describe(view));
      return 0;
    }
  }

  @Command(name = "group", mixinStandardHelpOptions = true, description = "Create and manage group rooms.",
      subcommands = {CreateGroup.class, AddMembers.class, RemoveMember.class, Rename.class, Leave.class})
  static final class Group extends CommandGroup {}

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group with you as owner.")
  static final class CreateGroup extends BaseCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = {"-m", "--member"}, paramLabel = "PERSON", description = "A member (id or e-mail); repeatable.") List<String> members = new ArrayList<>();
    @Option(names = "--request-id", description = "Idempotency key: a retry returns the first group.") String requestId = "";

    @Override
    protected int run(ConnectionOptions.Client c) {
      var request = CreateGroupRoomRequest.newBuilder().setName(name).setRequestId(requestId);
      members.forEach(m -> request.addMemberUserIds(resolvePerson(c, m)));
      RoomView room = c.unary(RoomServiceGrpc.newBlockingStub(c.channel())).createGroupRoom(request.build()).getRoom();
      print(room, describe(room));
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add members to a group.")
  static final class AddMembers extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1..*", paramLabel = "PERSON") List<String> people;

    @Override
    protected int run(ConnectionOptions.Client c) {
      var request = AddRoomMembersRequest.newBuilder().setRoomId(room);
      people.forEach(p -> request.addUserIds(resolvePerson(c, p)));
      RoomView view = c.unary(RoomServiceGrpc.newBlockingStub(c.channel())).addRoomMembers(request.build()).getRoom();
      print(view, describe(view));
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a member from a group.")
  static final class RemoveMember extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1", paramLabel = "USER_ID") String user;

    @Override
    protected int run(ConnectionOptions.Client c) {
      RoomView view = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .removeRoomMember(RemoveRoomMemberRequest.newBuilder().setRoomId(room).setUserId(user).build()).getRoom();
      print(view, describe(view));
      return 0;
    }
  }

  @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a group.")
  static final class Rename extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1", paramLabel = "NAME") String name;

    @Override
    protected int run(ConnectionOptions.Client c) {
      RoomView view = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .renameRoom(RenameRoomRequest.newBuilder().setRoomId(room).setName(name).build()).getRoom();
      print(view, describe(view));
      return 0;
    }
  }

  @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a group.")
  static final class Leave extends BaseCommand {
    @Parameters(paramLabel = "ROOM_ID") String room;

    @Override
    protected int run(ConnectionOptions.Client c) {
      var response = c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .leaveRoom(LeaveRoomRequest.newBuilder().setRoomId(room).build());
      print(response, "left " + room);
      return 0;
    }
  }
}
