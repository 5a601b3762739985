package com.example.chat.server.messages;

import static com.example.chat.server.grpc.ProtoMapping.timestamp;
import static com.example.chat.server.grpc.Unary.orEmpty;
import static com.example.chat.server.grpc.Unary.reply;

import com.example.chat.server.grpc.CallContext;
import com.example.chat.server.grpc.ProtoMapping;
import com.example.chat.server.messages.MessageRepository.ReadState;
import com.example.chat.v1.DeleteMessageRequest;
import com.example.chat.v1.DeleteMessageResponse;
import com.example.chat.v1.EditMessageRequest;
import com.example.chat.v1.EditMessageResponse;
import com.example.chat.v1.GetUnreadSummaryRequest;
import com.example.chat.v1.GetUnreadSummaryResponse;
import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.ListMessagesResponse;
import com.example.chat.v1.MarkReadRequest;
import com.example.chat.v1.MarkReadResponse;
import com.example.chat.v1.Message;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.PostSystemMessageRequest;
import com.example.chat.v1.PostSystemMessageResponse;
import com.example.chat.server.auth.Principal;
import com.example.chat.v1.RoomUnread;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SendMessageResponse;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@link Messages}. */
public final class MessageGrpcService extends MessageServiceGrpc.MessageServiceImplBase {
  private final Messages messages;

  public MessageGrpcService(Messages messages) {
    this.messages = messages;
  }

  /** A message as the API shows it: tombstones carry no text. */
  public static Message message(MessageRecord m) {
    Message.Builder b = Message.newBuilder().setRoomId(m.roomId().toString()).setSeq(m.seq())
        .setSenderId(ProtoMapping.id(m.senderId())).setSenderDisplayName(m.senderName()).setSystem(m.system())
        .setText(orEmpty(m.text())).setCreateTime(timestamp(m.createTime()))
        .setDeleted(m.deleted()).setRequestId(orEmpty(m.requestId()));
    if (m.editTime() != null) {
      b.setEditTime(timestamp(m.editTime()));
    }
    if (m.deleteTime() != null) {
      b.setDeleteTime(timestamp(m.deleteTime()));
    }
    return b.build();
  }

  @Override
  public void sendMessage(SendMessageRequest r, StreamObserver<SendMessageResponse> out) {
    // Answered as soon as the message is committed, even if this thread then stores others' sends.
    messages.send(CallContext.person(), r.getRoomId(), r.getRequestId(), r.getText(), sent ->
        reply(out, SendMessageResponse.newBuilder().setMessage(message(sent.message())).setCreated(sent.created()).build()));
  }

  @Override
  public void listMessages(ListMessagesRequest r, StreamObserver<ListMessagesResponse> out) {
    var page = messages.history(CallContext.person(), r.getRoomId(), r.getPageSize(), r.getBeforeSeq(),
        r.getAfterSeq(), r.getPageToken());
    ListMessagesResponse.Builder response = ListMessagesResponse.newBuilder();
    page.items().forEach(m -> response.addMessages(message(m)));
    reply(out, response.setNextPageToken(orEmpty(page.nextPageToken())).build());
  }

  @Override
  public void editMessage(EditMessageRequest r, StreamObserver<EditMessageResponse> out) {
    var edited = messages.edit(CallContext.person(), r.getRoomId(), r.getSeq(), r.getText());
    reply(out, EditMessageResponse.newBuilder().setMessage(message(edited)).build());
  }

  @Override
  public void deleteMessage(DeleteMessageRequest r, StreamObserver<DeleteMessageResponse> out) {
    var deleted = messages.delete(CallContext.person(), r.getRoomId(), r.getSeq());
    reply(out, DeleteMessageResponse.newBuilder().setMessage(message(deleted)).build());
  }

  @Override
  public void markRead(MarkReadRequest r, StreamObserver<MarkReadResponse> out) {
    ReadState state = messages.markRead(CallContext.person(), r.getRoomId(), r.getSeq());
    reply(out, MarkReadResponse.newBuilder().setLastReadSeq(state.lastReadSeq()).setUnreadCount(state.unread()).build());
  }

  @Override
  public void postSystemMessage(PostSystemMessageRequest r, StreamObserver<PostSystemMessageResponse> out) {
    var posted = messages.postSystem((Principal.Service) CallContext.principal(), r.getRoomId(), r.getRequestId(), r.getText());
    reply(out, PostSystemMessageResponse.newBuilder().setMessage(message(posted.message())).setCreated(posted.created()).build());
  }

  @Override
  public void getUnreadSummary(GetUnreadSummaryRequest r, StreamObserver<GetUnreadSummaryResponse> out) {
    GetUnreadSummaryResponse.Builder response = GetUnreadSummaryResponse.newBuilder();
    long total = 0;
    for (var u : messages.unread(CallContext.person())) {
      total += u.count();
      response.addRooms(RoomUnread.newBuilder().setRoomId(u.roomId().toString()).setUnreadCount(u.count()).setMuted(u.muted()));
    }
    reply(out, response.setTotalUnread(total).build());
  }
}
