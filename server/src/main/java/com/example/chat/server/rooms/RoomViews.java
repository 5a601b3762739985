package com.example.chat.server.rooms;

import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.server.rooms.RoomRepository.Row;
import com.example.chat.server.rooms.RoomView.Kind;
import com.example.chat.server.rooms.RoomView.SendBlocked;
import java.util.List;

/** How a stored room looks to one viewer: kind, name, badge and whether they may send. */
final class RoomViews {
  private RoomViews() {}

  static RoomView of(Party viewer, Row row, List<RoomView.Member> members) {
    Kind kind;
    String name;
    String badge;
    if (row.room().group()) {
      kind = Kind.GROUP;
      name = row.room().name();
      badge = "";
    } else {
      var peer = row.peer();
      boolean customer = !peer.party().role().isEmployee();
      kind = customer ? Kind.CUSTOMER_CHAT : Kind.EMPLOYEE_CHAT;
      name = peer.displayName();
      badge = customer ? peer.organization() : peer.department();
    }
    SendBlocked blocked = sendBlocked(viewer, row);
    return new RoomView(row.room().id(), kind, name, badge, members, row.preview(), row.room().lastSeq(),
        row.lastReadSeq(), row.unread(), row.muted(), blocked, row.lastActivity(), row.created(),
        row.room().ownerId());
  }

  /**
   * Why the viewer may not send in this room now, or null. The right to chat with a customer
   * is checked on every send in a direct room, so a reassignment takes effect at once.
   */
  static SendBlocked sendBlocked(Party viewer, Row row) {
    if (!row.member()) {
      return SendBlocked.NOT_A_MEMBER;
    }
    if (row.room().group()) {
      return null;
    }
    if (!row.peer().party().active()) {
      return SendBlocked.PEER_INACTIVE;
    }
    return ChatPolicy.mayChat(viewer, row.peer().party()) ? null : SendBlocked.CUSTOMER_NOT_ASSIGNED;
  }
}
