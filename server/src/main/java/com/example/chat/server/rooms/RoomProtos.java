package com.example.chat.server.rooms;

import static com.example.chat.server.grpc.ProtoMapping.id;
import static com.example.chat.server.grpc.ProtoMapping.role;
import static com.example.chat.server.grpc.ProtoMapping.timestamp;

import com.example.chat.v1.MessagePreview;
import com.example.chat.v1.Participant;
import com.example.chat.v1.RoomIcon;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomRole;
import com.example.chat.v1.SendBlockedReason;

/** RoomView to and from chat.v1 messages. */
public final class RoomProtos {
  private RoomProtos() {}

  public static com.example.chat.v1.RoomView room(RoomView v) {
    com.example.chat.v1.RoomView.Builder b = com.example.chat.v1.RoomView.newBuilder()
        .setRoomId(v.roomId().toString())
        .setKind(kind(v.kind()))
        .setDisplayName(v.displayName())
        .setBadge(v.badge() == null ? "" : v.badge())
        .setIcon(icon(v.kind()))
        .setIconEmoji(emoji(v.kind()))
        .setLastSeq(v.lastSeq())
        .setLastReadSeq(v.lastReadSeq())
        .setUnreadCount(v.unreadCount())
        .setMuted(v.muted())
        .setCanSend(v.canSend())
        .setSendBlockedReason(blocked(v.sendBlocked()))
        .setSendBlockedMessage(v.sendBlockedMessage())
        .setLastActivityTime(timestamp(v.lastActivityTime()))
        .setCreateTime(timestamp(v.createTime()))
        .setOwnerId(id(v.ownerId()));
    v.participants().forEach(m -> b.addParticipants(participant(m)));
    if (v.lastMessage() != null) {
      RoomView.Preview p = v.lastMessage();
      b.setLastMessage(MessagePreview.newBuilder().setSeq(p.seq()).setSenderId(id(p.senderId()))
          .setSystem(p.senderId() == null)
          .setSenderDisplayName(p.senderName()).setText(p.text()).setDeleted(p.deleted())
          .setCreateTime(timestamp(p.createTime())));
    }
    return b.build();
  }

  /** A member as the API shows them: the department of an employee, the organization of a customer. */
  public static Participant participant(RoomView.Member m) {
    return Participant.newBuilder().setUserId(m.userId().toString())
        .setDisplayName(m.displayName()).setRole(role(m.role()))
        .setRoomRole(m.owner() ? RoomRole.ROOM_ROLE_OWNER : RoomRole.ROOM_ROLE_MEMBER)
        .setDepartment(m.role().isEmployee() ? m.department() : "")
        .setOrganization(m.organization() == null ? "" : m.organization())
        .setActive(m.active()).build();
  }

  /** The domain kind of a filter; null for "every kind". */
  public static RoomView.Kind kind(RoomKind kind) {
    return switch (kind) {
      case ROOM_KIND_EMPLOYEE_CHAT -> RoomView.Kind.EMPLOYEE_CHAT;
      case ROOM_KIND_CUSTOMER_CHAT -> RoomView.Kind.CUSTOMER_CHAT;
      case ROOM_KIND_GROUP -> RoomView.Kind.GROUP;
      case ROOM_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  private static RoomKind kind(RoomView.Kind kind) {
    return switch (kind) {
      case EMPLOYEE_CHAT -> RoomKind.ROOM_KIND_EMPLOYEE_CHAT;
      case CUSTOMER_CHAT -> RoomKind.ROOM_KIND_CUSTOMER_CHAT;
      case GROUP -> RoomKind.ROOM_KIND_GROUP;
    };
  }

  private static RoomIcon icon(RoomView.Kind kind) {
    return switch (kind) {
      case EMPLOYEE_CHAT -> RoomIcon.ROOM_ICON_EMPLOYEE;
      case CUSTOMER_CHAT -> RoomIcon.ROOM_ICON_CUSTOMER;
      case GROUP -> RoomIcon.ROOM_ICON_GROUP;
    };
  }

  private static String emoji(RoomView.Kind kind) {
    return switch (kind) {
      case EMPLOYEE_CHAT -> "💼";
      case CUSTOMER_CHAT -> "👤";
      case GROUP -> "👥";
    };
  }

  private static SendBlockedReason blocked(RoomView.SendBlocked reason) {
    if (reason == null) {
      return SendBlockedReason.SEND_BLOCKED_REASON_UNSPECIFIED;
    }
    return switch (reason) {
      case CUSTOMER_NOT_ASSIGNED -> SendBlockedReason.SEND_BLOCKED_REASON_CUSTOMER_NOT_ASSIGNED;
      case CONTACT_CHANGED -> SendBlockedReason.SEND_BLOCKED_REASON_CONTACT_CHANGED;
      case PEER_INACTIVE -> SendBlockedReason.SEND_BLOCKED_REASON_PEER_INACTIVE;
      case NOT_A_MEMBER -> SendBlockedReason.SEND_BLOCKED_REASON_NOT_A_MEMBER;
    };
  }
}
