package com.example.chat.server.rooms;

import com.example.chat.db.types.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A room as one viewer sees it. */
public record RoomView(UUID roomId, Kind kind, String displayName, String badge,
    List<Member> participants, Preview lastMessage, long lastSeq, long lastReadSeq, long unreadCount,
    boolean muted, SendBlocked sendBlocked, String sendBlockedMessage, Instant lastActivityTime, Instant createTime,
    UUID ownerId) {

  /** What the room is from the viewer's side; it also decides the icon. */
  public enum Kind { EMPLOYEE_CHAT, CUSTOMER_CHAT, GROUP }

  /**
   * Why the viewer may not send; null when they may. An ended employee-customer conversation
   * reads CUSTOMER_NOT_ASSIGNED on the employee's side and CONTACT_CHANGED on the customer's.
   */
  public enum SendBlocked { CUSTOMER_NOT_ASSIGNED, CONTACT_CHANGED, PEER_INACTIVE, NOT_A_MEMBER }

  /** A current member. {@code owner} for the group's creator. */
  public record Member(UUID userId, String displayName, Role role, boolean owner, String department,
      String organization, boolean active) {}

  /** The newest message, for lists. */
  public record Preview(long seq, UUID senderId, String senderName, String text, boolean deleted,
      Instant createTime) {}

  public boolean canSend() {
    return sendBlocked == null;
  }
}
