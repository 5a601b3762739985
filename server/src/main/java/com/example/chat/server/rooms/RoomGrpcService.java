package com.example.chat.server.rooms;

import static com.example.chat.server.grpc.Unary.orEmpty;
import static com.example.chat.server.grpc.Unary.reply;
import static com.example.chat.server.rooms.RoomProtos.room;

import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.grpc.CallContext;
import com.example.chat.v1.AddRoomMembersRequest;
import com.example.chat.v1.AddRoomMembersResponse;
import com.example.chat.v1.CreateGroupRoomRequest;
import com.example.chat.v1.CreateGroupRoomResponse;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.GetRoomResponse;
import com.example.chat.v1.LeaveRoomRequest;
import com.example.chat.v1.LeaveRoomResponse;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.ListRoomsResponse;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.OpenDirectRoomResponse;
import com.example.chat.v1.RemoveRoomMemberRequest;
import com.example.chat.v1.RemoveRoomMemberResponse;
import com.example.chat.v1.RenameRoomRequest;
import com.example.chat.v1.RenameRoomResponse;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SetRoomMutedRequest;
import com.example.chat.v1.SetRoomMutedResponse;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@link Rooms}. */
public final class RoomGrpcService extends RoomServiceGrpc.RoomServiceImplBase {
  private final Rooms rooms;

  public RoomGrpcService(Rooms rooms) {
    this.rooms = rooms;
  }

  @Override
  public void openDirectRoom(OpenDirectRoomRequest r, StreamObserver<OpenDirectRoomResponse> out) {
    Rooms.OpenResult opened = rooms.openDirect(CallContext.person(), r.getUserId());
    reply(out, OpenDirectRoomResponse.newBuilder().setRoom(room(opened.room())).setCreated(opened.created()).build());
  }

  @Override
  public void createGroupRoom(CreateGroupRoomRequest r, StreamObserver<CreateGroupRoomResponse> out) {
    RoomView view = rooms.createGroup(CallContext.person(), r.getRequestId(), r.getName(), r.getMemberUserIdsList());
    reply(out, CreateGroupRoomResponse.newBuilder().setRoom(room(view)).build());
  }

  @Override
  public void getRoom(GetRoomRequest r, StreamObserver<GetRoomResponse> out) {
    reply(out, GetRoomResponse.newBuilder().setRoom(room(rooms.get(CallContext.person(), r.getRoomId()))).build());
  }

  @Override
  public void listRooms(ListRoomsRequest r, StreamObserver<ListRoomsResponse> out) {
    if (r.getKind() == RoomKind.UNRECOGNIZED) {
      throw InvalidInputException.of("kind", "is not a room kind");
    }
    var page = rooms.list(CallContext.person(), RoomProtos.kind(r.getKind()), r.getPageSize(), r.getPageToken());
    ListRoomsResponse.Builder response = ListRoomsResponse.newBuilder();
    page.items().forEach(v -> response.addRooms(room(v)));
    reply(out, response.setNextPageToken(orEmpty(page.nextPageToken())).build());
  }

  @Override
  public void addRoomMembers(AddRoomMembersRequest r, StreamObserver<AddRoomMembersResponse> out) {
    RoomView view = rooms.addMembers(CallContext.person(), r.getRoomId(), r.getUserIdsList());
    reply(out, AddRoomMembersResponse.newBuilder().setRoom(room(view)).build());
  }

  @Override
  public void removeRoomMember(RemoveRoomMemberRequest r, StreamObserver<RemoveRoomMemberResponse> out) {
    RoomView view = rooms.removeMember(CallContext.person(), r.getRoomId(), r.getUserId());
    reply(out, RemoveRoomMemberResponse.newBuilder().setRoom(room(view)).build());
  }

  @Override
  public void renameRoom(RenameRoomRequest r, StreamObserver<RenameRoomResponse> out) {
    RoomView view = rooms.rename(CallContext.person(), r.getRoomId(), r.getName());
    reply(out, RenameRoomResponse.newBuilder().setRoom(room(view)).build());
  }

  @Override
  public void leaveRoom(LeaveRoomRequest r, StreamObserver<LeaveRoomResponse> out) {
    rooms.leave(CallContext.person(), r.getRoomId());
    reply(out, LeaveRoomResponse.getDefaultInstance());
  }

  @Override
  public void setRoomMuted(SetRoomMutedRequest r, StreamObserver<SetRoomMutedResponse> out) {
    RoomView view = rooms.setMuted(CallContext.person(), r.getRoomId(), r.getMuted());
    reply(out, SetRoomMutedResponse.newBuilder().setRoom(room(view)).build());
  }
}
