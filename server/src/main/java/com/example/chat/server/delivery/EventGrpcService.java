package com.example.chat.server.delivery;

import com.example.chat.server.grpc.CallContext;
import com.example.chat.server.input.Validator;
import com.example.chat.v1.EventServiceGrpc;
import com.example.chat.v1.RoomCursor;
import com.example.chat.v1.SubscribeRequest;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Subscribe RPC. Its responses are sent as bytes serialized once per event (and shared by
 * every recipient), so the method is bound with a byte-array marshaller instead of the
 * generated one; on the wire it is exactly {@code chat.v1.SubscribeResponse}.
 */
public final class EventGrpcService {
  private final DeliveryHub hub;

  public EventGrpcService(DeliveryHub hub) {
    this.hub = hub;
  }

  public ServerServiceDefinition definition() {
    MethodDescriptor<SubscribeRequest, byte[]> method = EventServiceGrpc.getSubscribeMethod()
        .toBuilder(ProtoUtils.marshaller(SubscribeRequest.getDefaultInstance()), new BytesMarshaller())
        .build();
    ServiceDescriptor service = ServiceDescriptor.newBuilder(EventServiceGrpc.SERVICE_NAME)
        .setSchemaDescriptor(EventServiceGrpc.getServiceDescriptor().getSchemaDescriptor())
        .addMethod(method)
        .build();
    return ServerServiceDefinition.builder(service)
        .addMethod(method, ServerCalls.asyncServerStreamingCall(this::subscribe))
        .build();
  }

  private void subscribe(SubscribeRequest request, StreamObserver<byte[]> out) {
    Validator v = new Validator();
    Map<UUID, Long> cursors = new HashMap<>();
    for (int i = 0; i < request.getCursorsCount(); i++) {
      RoomCursor cursor = request.getCursors(i);
      String field = "cursors[" + i + "]";
      UUID room = v.id(field + ".room_id", cursor.getRoomId());
      v.check(cursor.getSeq() >= 0, field + ".seq", "must not be negative");
      v.check(room == null || cursors.put(room, cursor.getSeq()) == null, field + ".room_id", "names a room twice");
    }
    v.check(request.getMembershipPosition() >= 0, "membership_position", "must not be negative");
    v.throwIfInvalid();
    Long position = request.hasMembershipPosition() ? request.getMembershipPosition() : null;
    hub.open(CallContext.person(), (ServerCallStreamObserver<byte[]>) out, cursors, position);
  }

  /** Pre-serialized messages go out as they are. */
  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new KnownLengthStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      throw new IllegalStateException("the server only sends these messages, it never reads them");
    }
  }

  /** Lets gRPC size the frame without copying. */
  private static final class KnownLengthStream extends ByteArrayInputStream implements KnownLength {
    KnownLengthStream(byte[] bytes) {
      super(bytes);
    }
  }
}
