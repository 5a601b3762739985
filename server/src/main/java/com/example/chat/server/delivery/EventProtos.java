package com.example.chat.server.delivery;

import com.example.chat.server.messages.MessageGrpcService;
import com.example.chat.server.rooms.RoomProtos;
import com.example.chat.server.rooms.RoomView;
import com.example.chat.v1.CaughtUp;
import com.example.chat.v1.Heartbeat;
import com.example.chat.v1.MemberAdded;
import com.example.chat.v1.MemberRemoved;
import com.example.chat.v1.MessageCreated;
import com.example.chat.v1.MessageDeleted;
import com.example.chat.v1.MessageEdited;
import com.example.chat.v1.ReadCursorMoved;
import com.example.chat.v1.RoomCreated;
import com.example.chat.v1.RoomRenamed;
import com.example.chat.v1.SubscribeResponse;
import com.example.chat.server.grpc.ProtoMapping;
import java.util.UUID;

/** Timeline events to SubscribeResponse bytes. */
final class EventProtos {
  private EventProtos() {}

  static byte[] caughtUp(long membershipPosition) {
    return SubscribeResponse.newBuilder().setMembershipPosition(membershipPosition)
        .setCaughtUp(CaughtUp.getDefaultInstance()).build().toByteArray();
  }

  static byte[] heartbeat(long membershipPosition) {
    return SubscribeResponse.newBuilder().setMembershipPosition(membershipPosition)
        .setHeartbeat(Heartbeat.getDefaultInstance()).build().toByteArray();
  }

  static SubscribeResponse event(TimelineEvent e, boolean notify) {
    SubscribeResponse.Builder b = SubscribeResponse.newBuilder()
        .setRoomId(e.roomId().toString()).setSeq(e.seq()).setNotify(notify);
    String actor = ProtoMapping.id(e.actorId());
    switch (e.kind()) {
      case MESSAGE_CREATED -> b.setMessageCreated(MessageCreated.newBuilder().setMessage(MessageGrpcService.message(e.message())));
      case MESSAGE_EDITED -> b.setMessageEdited(MessageEdited.newBuilder().setMessage(MessageGrpcService.message(e.message())));
      case MESSAGE_DELETED -> b.setMessageDeleted(MessageDeleted.newBuilder().setMessage(MessageGrpcService.message(e.message())));
      case MEMBER_ADDED -> b.setMemberAdded(MemberAdded.newBuilder().setMember(RoomProtos.participant(e.member())).setActorId(actor));
      case MEMBER_REMOVED -> b.setMemberRemoved(MemberRemoved.newBuilder().setUserId(e.member().userId().toString()).setActorId(actor));
      case ROOM_RENAMED -> b.setRoomRenamed(RoomRenamed.newBuilder().setName(e.name()).setActorId(actor));
    }
    return b.build();
  }

  /** The room as its new member sees it; {@code membershipPosition} 0 where the position must not move yet. */
  static byte[] roomCreated(RoomView view, long membershipPosition) {
    return SubscribeResponse.newBuilder().setRoomId(view.roomId().toString()).setNotify(true)
        .setMembershipPosition(membershipPosition)
        .setRoomCreated(RoomCreated.newBuilder().setRoom(RoomProtos.room(view))).build().toByteArray();
  }

  static byte[] readCursorMoved(UUID roomId, long lastReadSeq, long unread) {
    return SubscribeResponse.newBuilder().setRoomId(roomId.toString())
        .setReadCursorMoved(ReadCursorMoved.newBuilder().setLastReadSeq(lastReadSeq).setUnreadCount(unread))
        .build().toByteArray();
  }
}
