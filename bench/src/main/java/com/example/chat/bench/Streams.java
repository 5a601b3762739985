package com.example.chat.bench;

import com.example.chat.v1.SubscribeRequest;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The client side of the streaming scenarios, the same for the chat server and the baseline:
 * every received event is parsed as a SubscribeResponse, counted, and its delivery latency is
 * recorded: from the send time its text carries, or else from the start of the burst that
 * released it ({@link #burstStarted}, for messages committed beforehand).
 */
final class Streams {
  static final String STAMP = "t=";
  /** Message text of a realistic size (100 characters), sent by every scenario and baseline. */
  static final String PADDING = "x".repeat(100);

  final LongAdder delivered = new LongAdder();
  final Recorder latency = new Recorder(3);
  /** When the current burst of unstamped events was released (System.nanoTime), or 0. */
  volatile long burstStarted;
  private final List<ClientCall<?, ?>> calls = new ArrayList<>();
  private final CountDownLatch ready;

  /** Streams that are ready once {@code expected} of them have caught up (both servers say so). */
  Streams(int expected) {
    this.ready = new CountDownLatch(expected);
  }

  private static final MethodDescriptor<SubscribeRequest, byte[]> SUBSCRIBE = MethodDescriptor.<SubscribeRequest, byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
      .setFullMethodName("chat.v1.EventService/Subscribe")
      .setRequestMarshaller(ProtoUtils.marshaller(SubscribeRequest.getDefaultInstance()))
      .setResponseMarshaller(TrivialStreams.BYTES).build();

  void subscribeChat(ManagedChannel channel, String token) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers))
        .newCall(SUBSCRIBE, CallOptions.DEFAULT);
    calls.add(intercepted);
    ClientCalls.asyncServerStreamingCall(intercepted, SubscribeRequest.getDefaultInstance(), observer());
  }

  void subscribeTrivial(ManagedChannel channel, int group) {
    var call = channel.newCall(TrivialStreams.STREAM, CallOptions.DEFAULT);
    calls.add(call);
    ClientCalls.asyncServerStreamingCall(call, String.valueOf(group).getBytes(), observer());
  }

  private StreamObserver<byte[]> observer() {
    return new StreamObserver<>() {
      @Override
      public void onNext(byte[] bytes) {
        long now = System.nanoTime();
        try {
          SubscribeResponse event = SubscribeResponse.parseFrom(bytes);
          if (event.hasCaughtUp()) {
            ready.countDown();
            return;
          }
          if (event.hasMessageCreated()) {
            delivered.increment();
            String text = event.getMessageCreated().getMessage().getText();
            long sent = text.startsWith(STAMP)
                ? Long.parseLong(text.substring(STAMP.length(), text.indexOf(' '))) : burstStarted;
            if (sent != 0) {
              latency.recordValue(Math.max(0, (now - sent) / 1000));
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  void awaitReady() throws InterruptedException {
    if (!ready.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("streams did not open in time: " + ready.getCount() + " missing");
    }
  }

  /** Waits until {@code count} events have arrived in all; false if they did not in time. */
  boolean awaitDelivered(long count, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (delivered.sum() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(1);
    }
    return delivered.sum() >= count;
  }

  void cancelAll() {
    calls.forEach(c -> c.cancel("done", null));
    calls.clear();
  }

  /** A message text that carries its send time, padded to a realistic size. */
  static String stamped(String padding) {
    return STAMP + System.nanoTime() + " " + padding;
  }
}
