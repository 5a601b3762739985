package com.example.chat.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The baseline for streaming: a gRPC service that does nothing but keep server streams open
 * and push prebuilt bytes to them. Streams join a numbered group (the request is the group
 * number as text), like subscribers of a room.
 */
final class TrivialStreams implements AutoCloseable {
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

  private final ConcurrentHashMap<Integer, List<ServerCallStreamObserver<byte[]>>> groups = new ConcurrentHashMap<>();
  private final Server server;

  TrivialStreams() throws IOException {
    ServerServiceDefinition service = ServerServiceDefinition.builder(
            ServiceDescriptor.newBuilder("bench.Trivial").addMethod(STREAM).build())
        .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((request, out) -> {
          int group = Integer.parseInt(new String(request));
          var stream = (ServerCallStreamObserver<byte[]>) out;
          groups.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(stream);
          stream.setOnCancelHandler(() -> groups.get(group).remove(stream));
        }))
        .build();
    server = NettyServerBuilder.forAddress(new InetSocketAddress(0)).addService(service).build().start();
  }

  int port() {
    return server.getPort();
  }

  int streams() {
    return groups.values().stream().mapToInt(List::size).sum();
  }

  /** Sends the same bytes to every stream of the group. */
  void push(int group, byte[] event) {
    for (ServerCallStreamObserver<byte[]> stream : groups.getOrDefault(group, List.of())) {
      synchronized (stream) {
        stream.onNext(event);
      }
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
