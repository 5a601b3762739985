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
    SendBlocked blocked = null;
    if (row.room().group()) {
      kind = Kind.GROUP;
      name = row.room().name();
      badge = "";
      if (!row.member()) {
        blocked = SendBlocked.NOT_A_MEMBER;
      }
    } else {
      var peer = row.peer();
      boolean customer = !peer.party().role().isEmployee();
      kind = customer ? Kind.CUSTOMER_CHAT : Kind.EMPLOYEE_CHAT;
      name = peer.displayName();
      badge = customer ? peer.organization() : peer.department();
      if (!peer.party().active()) {
        blocked = SendBlocked.PEER_INACTIVE;
      } else if (!ChatPolicy.mayChat(viewer, peer.party())) {
        blocked = SendBlocked.CUSTOMER_NOT_ASSIGNED;
      }
    }
    return new RoomView(row.room().id(), kind, name, badge, members, row.preview(), row.room().lastSeq(),
        row.lastReadSeq(), row.unread(), row.muted(), blocked, row.lastActivity(), row.created(),
        row.room().ownerId());
  }
}
