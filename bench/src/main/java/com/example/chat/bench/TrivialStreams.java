package com.example.chat.bench;

import com.example.chat.v1.CaughtUp;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The baseline for streaming, run in a JVM of its own like our server ({@link #main}): a gRPC
 * service that does nothing but keep server streams open and push the bytes it is given to
 * them. Streams join a numbered group (the request is the group number as text), like the
 * subscribers of a room, and get a CaughtUp event once registered, as from our server. A
 * {@link #PUSH} call carries one or more events, each as a group number, a length and the
 * event's bytes (like one NOTIFY naming many rooms); each is sent to every stream of its group,
 * and the call answers once all are queued.
 */
final class TrivialStreams {
  static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  static final MethodDescriptor<byte[], byte[]> STREAM = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
      .setFullMethodName("bench.Trivial/Stream")
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

  static final MethodDescriptor<byte[], byte[]> PUSH = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("bench.Trivial/Push")
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

  private static final byte[] CAUGHT_UP = SubscribeResponse.newBuilder().setCaughtUp(CaughtUp.getDefaultInstance()).build().toByteArray();

  private final ConcurrentHashMap<Integer, List<ServerCallStreamObserver<byte[]>>> groups = new ConcurrentHashMap<>();

  /** {@code --ports-file FILE}: listens on any free port and writes it there as {"grpc": N}. */
  public static void main(String[] args) throws Exception {
    Path portsFile = Path.of(args[Arrays.asList(args).indexOf("--ports-file") + 1]);
    TrivialStreams streams = new TrivialStreams();
    ServerServiceDefinition service = ServerServiceDefinition.builder(
            ServiceDescriptor.newBuilder("bench.Trivial").addMethod(STREAM).addMethod(PUSH).build())
        .addMethod(STREAM, ServerCalls.asyncServerStreamingCall(streams::open))
        .addMethod(PUSH, ServerCalls.asyncUnaryCall(streams::push))
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(0)).addService(service).build().start();
    Path partial = portsFile.resolveSibling(portsFile.getFileName() + ".partial");
    Files.writeString(partial, "{\"grpc\": " + server.getPort() + "}\n");
    Files.move(partial, portsFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    server.awaitTermination();
  }

  private void open(byte[] request, StreamObserver<byte[]> out) {
    int group = Integer.parseInt(new String(request));
    var stream = (ServerCallStreamObserver<byte[]>) out;
    groups.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(stream);
    stream.setOnCancelHandler(() -> groups.get(group).remove(stream));
    synchronized (stream) {
      stream.onNext(CAUGHT_UP);
    }
  }

  private void push(byte[] request, StreamObserver<byte[]> out) {
    ByteBuffer buffer = ByteBuffer.wrap(request);
    while (buffer.hasRemaining()) {
      int group = buffer.getInt();
      byte[] event = new byte[buffer.getInt()];
      buffer.get(event);
      for (ServerCallStreamObserver<byte[]> stream : groups.getOrDefault(group, List.of())) {
        synchronized (stream) {
          stream.onNext(event);
        }
      }
    }
    out.onNext(new byte[0]);
    out.onCompleted();
  }

  /** Client side of {@link #PUSH}: {@code events.get(i)} to the streams of group {@code groups[i]}. */
  static void push(Channel channel, int[] groups, List<byte[]> events, StreamObserver<byte[]> done) {
    int size = 0;
    for (byte[] event : events) {
      size += 8 + event.length;
    }
    ByteBuffer request = ByteBuffer.allocate(size);
    for (int i = 0; i < events.size(); i++) {
      request.putInt(groups[i]).putInt(events.get(i).length).put(events.get(i));
    }
    ClientCalls.asyncUnaryCall(channel.newCall(PUSH, CallOptions.DEFAULT), request.array(), done);
  }
}
