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

  static RoomView of(Party viewer, Row row, List<RoomView.Member> members, String viewersContact) {
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
        row.lastReadSeq(), row.unread(), row.muted(), blocked, explain(blocked, viewersContact),
        row.lastActivity(), row.created(), row.room().ownerId());
  }

  /**
   * Why the viewer may not send in this room now, or null. Whether an employee-customer
   * conversation holds is decided on every view and every send, so a reassignment takes effect
   * at once, for both sides.
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
    if (ChatPolicy.conversationHolds(viewer, row.peer().party())) {
      return null;
    }
    return viewer.role().isEmployee() ? SendBlocked.CUSTOMER_NOT_ASSIGNED : SendBlocked.CONTACT_CHANGED;
  }

  /**
   * The reason in words for the viewer; empty when they may send. {@code viewersContact} is,
   * for a customer, the name of the employee now assigned to them (null otherwise).
   */
  static String explain(SendBlocked blocked, String viewersContact) {
    if (blocked == null) {
      return "";
    }
    return switch (blocked) {
      case CUSTOMER_NOT_ASSIGNED ->
          "You may no longer write in this room: the customer is not assigned to you or your team.";
      case CONTACT_CHANGED -> viewersContact == null
          ? "This conversation has ended; you can still read it."
          : "Your contact for this conversation is now " + viewersContact
              + ". You can still read it; write to " + viewersContact + " in a new conversation.";
      case PEER_INACTIVE -> "You may no longer write in this room: the other person is deactivated.";
      case NOT_A_MEMBER -> "You are no longer a member of this room.";
    };
  }
}
