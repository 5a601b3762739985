package com.example.chat.bench;

import com.example.chat.v1.Message;
import com.example.chat.v1.MessageCreated;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The trivial streaming baseline ({@link TrivialStreams}) in a JVM of its own, with the same
 * kinds of load as our server's streaming scenarios, so that both sides are measured alike.
 * Its events are the bytes our server would send for a new message.
 */
final class TrivialServer implements AutoCloseable {
  private static final int CHANNELS = 8;

  private final JavaProcess process;
  private final ManagedChannel channel;
  private int groups;

  TrivialServer(BenchEnv env) throws Exception {
    Path benchJar = Path.of(TrivialServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    process = JavaProcess.start(env.dir, "trivial-streams", JavaProcess.JVM_OPTIONS, List.of("-cp", benchJar.toString(), TrivialStreams.class.getName()), List.of());
    channel = BenchEnv.channel(process.port());
  }

  long pid() {
    return process.pid();
  }

  /** Like {@link OurServer#fanOutLoad}: one group of {@code members} streams. */
  Load fanOutLoad(int members, int inFlight) throws Exception {
    int group = ++groups;
    List<ManagedChannel> streamChannels = BenchEnv.channels(process.port(), CHANNELS);
    Streams streams = open(members, n -> group, streamChannels);
    UUID room = UUID.randomUUID();
    return new FanOutLoad(streams, members, inFlight,
        text -> TrivialStreams.push(channel, new int[] {group}, List.of(event(room, text)), ignore()),
        () -> streamChannels.forEach(ManagedChannel::shutdownNow));
  }

  /** Like {@link OurServer#deliveryLoad}: the events are built beforehand, then pushed at once. */
  Load deliveryLoad(int rooms, int perRoom, int messagesPerRoom) throws Exception {
    int first = groups + 1;
    groups += rooms;
    List<ManagedChannel> streamChannels = BenchEnv.channels(process.port(), CHANNELS);
    Streams streams = open(rooms * perRoom, n -> first + n / perRoom, streamChannels);
    List<byte[]> events = new ArrayList<>();
    return new BurstLoad(streams, (long) rooms * perRoom * messagesPerRoom, new BurstLoad.Burst() {
      @Override
      public void stage() {
        events.clear();
        for (int m = 0; m < messagesPerRoom * rooms; m++) {
          events.add(event(UUID.randomUUID(), "history message number " + m));
        }
      }

      /** In batches of a NOTIFY's worth of rooms (~160), as our server is woken. */
      @Override
      public void release() {
        int batch = 160;
        for (int from = 0; from < events.size(); from += batch) {
          int to = Math.min(events.size(), from + batch);
          int[] groupOf = new int[to - from];
          for (int i = from; i < to; i++) {
            groupOf[i - from] = first + i % rooms;
          }
          TrivialStreams.push(channel, groupOf, events.subList(from, to), ignore());
        }
      }
    }, () -> streamChannels.forEach(ManagedChannel::shutdownNow));
  }

  /** {@code count} open streams, nothing sent on them. */
  AutoCloseable idleStreams(int count) throws Exception {
    int group = ++groups;
    List<ManagedChannel> streamChannels = BenchEnv.channels(process.port(), CHANNELS);
    Streams streams = open(count, n -> group, streamChannels);
    return () -> {
      streams.cancelAll();
      streamChannels.forEach(ManagedChannel::shutdownNow);
    };
  }

  private static Streams open(int count, java.util.function.IntUnaryOperator groupOf, List<ManagedChannel> channels)
      throws InterruptedException {
    Streams streams = new Streams(count);
    for (int n = 0; n < count; n++) {
      streams.subscribeTrivial(channels.get(n % channels.size()), groupOf.applyAsInt(n));
    }
    streams.awaitReady();
    return streams;
  }

  /** What our server sends for a new message: a SubscribeResponse with the message. */
  private static byte[] event(UUID room, String text) {
    return SubscribeResponse.newBuilder().setRoomId(room.toString()).setSeq(1).setNotify(true)
        .setMessageCreated(MessageCreated.newBuilder().setMessage(Message.newBuilder()
            .setRoomId(room.toString()).setSeq(1).setSenderId(UUID.randomUUID().toString())
            .setSenderDisplayName("User").setText(text)))
        .build().toByteArray();
  }

  private static StreamObserver<byte[]> ignore() {
    return new StreamObserver<>() {
      public void onNext(byte[] value) {}

      public void onError(Throwable t) {}

      public void onCompleted() {}
    };
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow();
    process.close();
  }
}
