package com.example.chat.server.notifications;

import static com.example.chat.server.grpc.ProtoMapping.role;
import static com.example.chat.server.grpc.ProtoMapping.timestamp;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.directory.UserRecord;
import com.example.chat.server.grpc.ProtoMapping;
import com.example.chat.server.messages.MessageGrpcService;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.rooms.RoomProtos;
import com.example.chat.server.rooms.Rooms;
import com.example.chat.v1.MessageChanged;
import com.example.chat.v1.MessageReceived;
import com.example.chat.v1.Notification;
import com.example.chat.v1.Participant;
import com.example.chat.v1.RoomJoined;
import com.example.chat.v1.RoomRole;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.TestEvent;
import com.example.chat.v1.UserChanged;
import com.example.chat.server.messages.MessageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an outbox row (references only) into the notification receivers get: the room as the
 * person sees it, the message, the sender, the user as the directory has them. It runs once per
 * event, shortly after the change committed; what it reads is the state at that moment.
 */
public final class NotificationRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationRenderer.class);

  private final Rooms rooms;
  private final DirectoryRepository directory;
  private final MessageRepository messages;
  private final StreamPresence presence;

  public NotificationRenderer(Rooms rooms, DirectoryRepository directory, MessageRepository messages,
      StreamPresence presence) {
    this.rooms = rooms;
    this.directory = directory;
    this.messages = messages;
    this.presence = presence;
  }

  /** An outbox row as the transaction that caused it wrote it. */
  public record Pending(long id, UUID eventId, UUID companyId, EventType type, UUID roomId, Long seq,
      Long messageSeq, UUID userId, UUID actorId, boolean roomCreated, UUID endpointId, Instant createTime) {}

  /**
   * Renders the events of one sequencer batch. Lookups are shared within the batch: a burst of
   * messages to the people of one room reads each person's room view, presence and each message
   * once rather than once per notification (all of them are "the state when rendered").
   */
  public List<Notification> render(List<Pending> batch, List<Long> positions) {
    Lookups lookups = new Lookups();
    List<Notification> rendered = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      rendered.add(render(batch.get(i), positions.get(i), lookups));
    }
    return rendered;
  }

  /** What a batch has already read. */
  private static final class Lookups {
    final Map<List<UUID>, Optional<RoomView>> rooms = new HashMap<>();
    final Map<UUID, Boolean> streaming = new HashMap<>();
    final Map<UUID, Optional<UserRecord>> users = new HashMap<>();
    final Map<List<Object>, Optional<MessageRecord>> messages = new HashMap<>();
  }

  private Notification render(Pending e, long position, Lookups lookups) {
    Notification.Builder n = Notification.newBuilder()
        .setEventId(e.eventId().toString())
        .setType(WebhookProtos.type(e.type()))
        .setCompanyId(e.companyId().toString())
        .setCreateTime(timestamp(e.createTime()))
        .setPosition(position);
    try {
      switch (e.type()) {
        case MESSAGE_RECEIVED -> n.setMessageReceived(messageReceived(e, lookups));
        case ROOM_JOINED -> n.setRoomJoined(roomJoined(e, lookups));
        case MESSAGE_EDITED, MESSAGE_DELETED -> n.setMessageChanged(messageChanged(e, lookups));
        case USER_CREATED, USER_UPDATED, USER_DEACTIVATED, CUSTOMER_PROFILE_UPDATED -> n.setUserChanged(userChanged(e, lookups));
        case TEST -> n.setTest(TestEvent.newBuilder().setEndpointId(ProtoMapping.id(e.endpointId())));
      }
    } catch (RuntimeException failure) {
      // A notification must never be lost, nor block those after it: send what the row itself
      // says (ids), so the receiver can still look the rest up.
      LOG.warn("notification {} rendered with ids only", e.eventId(), failure);
      n.clearPayload();
      bareIds(n, e);
    }
    return n.build();
  }

  private MessageReceived messageReceived(Pending e, Lookups lookups) {
    MessageReceived.Builder b = MessageReceived.newBuilder()
        .setRecipientUserId(e.userId().toString())
        .setRecipientStreaming(streaming(e.userId(), lookups));
    RoomView room = roomAsSeenBy(e.companyId(), e.userId(), e.roomId(), lookups).orElse(null);
    if (room != null) {
      b.setRoom(room);
    }
    message(e.roomId(), e.seq(), lookups).ifPresent(m -> {
      b.setMessage(MessageGrpcService.message(m));
      if (m.senderId() != null) { // a system message has no person as sender
        b.setSender(sender(e.companyId(), m.senderId(), room, lookups));
      }
    });
    return b.build();
  }

  private RoomJoined roomJoined(Pending e, Lookups lookups) {
    RoomJoined.Builder b = RoomJoined.newBuilder()
        .setUserId(e.userId().toString())
        .setUserStreaming(streaming(e.userId(), lookups))
        .setRoomCreated(e.roomCreated())
        .setAddedByUserId(e.actorId() == null || e.actorId().equals(e.userId()) ? "" : e.actorId().toString());
    roomAsSeenBy(e.companyId(), e.userId(), e.roomId(), lookups).ifPresent(b::setRoom);
    return b.build();
  }

  private MessageChanged messageChanged(Pending e, Lookups lookups) {
    MessageChanged.Builder b = MessageChanged.newBuilder()
        .setRoomId(e.roomId().toString())
        .setSeq(e.seq() == null ? 0 : e.seq())
        .setActorUserId(ProtoMapping.id(e.actorId()));
    if (e.messageSeq() != null) {
      message(e.roomId(), e.messageSeq(), lookups).ifPresent(m -> b.setMessage(MessageGrpcService.message(m)));
    }
    return b.build();
  }

  private boolean streaming(UUID userId, Lookups lookups) {
    return lookups.streaming.computeIfAbsent(userId, presence::isStreaming);
  }

  private Optional<MessageRecord> message(UUID roomId, long seq, Lookups lookups) {
    return lookups.messages.computeIfAbsent(List.of(roomId, seq), k -> messages.find(roomId, seq));
  }

  private Optional<UserRecord> user(UUID companyId, UUID userId, Lookups lookups) {
    return lookups.users.computeIfAbsent(userId, k -> directory.findUser(companyId, userId));
  }

  private UserChanged userChanged(Pending e, Lookups lookups) {
    UserChanged.Builder b = UserChanged.newBuilder();
    // Not shared: two changes of one person in a batch each show them as they are now anyway.
    directory.findUser(e.companyId(), e.userId()).ifPresentOrElse(
        u -> b.setUser(com.example.chat.server.directory.DirectoryProtos.user(u)),
        () -> b.setUser(com.example.chat.v1.User.newBuilder().setId(e.userId().toString())
            .setCompanyId(e.companyId().toString())));
    return b.build();
  }

  /** The room as a person sees it; empty if they are no longer in it (they left meanwhile). */
  private Optional<RoomView> roomAsSeenBy(UUID companyId, UUID userId, UUID roomId, Lookups lookups) {
    return lookups.rooms.computeIfAbsent(List.of(userId, roomId), k -> {
      Optional<UserRecord> user = user(companyId, userId, lookups);
      if (user.isEmpty()) {
        return Optional.empty();
      }
      UserRecord u = user.get();
      try {
        return Optional.of(RoomProtos.room(rooms.view(new Person(u.id(), u.companyId(), u.role(), u.displayName()), roomId)));
      } catch (RuntimeException notVisible) {
        return Optional.empty();
      }
    });
  }

  private Participant sender(UUID companyId, UUID senderId, RoomView room, Lookups lookups) {
    if (room != null) {
      for (Participant p : room.getParticipantsList()) {
        if (p.getUserId().equals(senderId.toString())) {
          return p;
        }
      }
    }
    // The sender left the room since: describe them from the directory.
    return user(companyId, senderId, lookups)
        .map(u -> Participant.newBuilder().setUserId(u.id().toString()).setDisplayName(u.displayName())
            .setRole(role(u.role())).setRoomRole(RoomRole.ROOM_ROLE_MEMBER)
            .setDepartment(u.role().isEmployee() ? u.department() : "")
            .setOrganization(u.customer() == null ? "" : u.customer().organization())
            .setActive(u.active()).build())
        .orElse(Participant.newBuilder().setUserId(senderId.toString()).build());
  }

  private static void bareIds(Notification.Builder n, Pending e) {
    String room = ProtoMapping.id(e.roomId());
    String user = ProtoMapping.id(e.userId());
    switch (e.type()) {
      case MESSAGE_RECEIVED -> n.setMessageReceived(MessageReceived.newBuilder().setRecipientUserId(user)
          .setRoom(RoomView.newBuilder().setRoomId(room))
          .setMessage(com.example.chat.v1.Message.newBuilder().setRoomId(room).setSeq(e.seq() == null ? 0 : e.seq())));
      case ROOM_JOINED -> n.setRoomJoined(RoomJoined.newBuilder().setUserId(user)
          .setRoom(RoomView.newBuilder().setRoomId(room)).setRoomCreated(e.roomCreated()));
      case MESSAGE_EDITED, MESSAGE_DELETED -> n.setMessageChanged(MessageChanged.newBuilder().setRoomId(room)
          .setSeq(e.seq() == null ? 0 : e.seq()).setActorUserId(ProtoMapping.id(e.actorId())));
      case USER_CREATED, USER_UPDATED, USER_DEACTIVATED, CUSTOMER_PROFILE_UPDATED -> n.setUserChanged(
          UserChanged.newBuilder().setUser(com.example.chat.v1.User.newBuilder().setId(user)));
      case TEST -> n.setTest(TestEvent.newBuilder().setEndpointId(ProtoMapping.id(e.endpointId())));
    }
  }
}
