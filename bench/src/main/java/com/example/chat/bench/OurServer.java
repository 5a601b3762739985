package com.example.chat.bench;

import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Our chat server as a system under test: its jar in a JVM of its own on the bench's
 * PostgreSQL; users and rooms are created in SQL beforehand, and the loads are gRPC clients
 * (SendMessage, Subscribe) in the load generator's JVM.
 */
final class OurServer implements SystemUnderTest {
  private static final int CHANNELS = 8;

  final BenchEnv env;
  final JavaProcess process;
  /** One channel for the senders: calls multiplex on it as a client library's would. */
  final ManagedChannel channel;
  private final String name;

  OurServer(BenchEnv env) throws Exception {
    this(env, BenchEnv.serverJar(), "ours");
  }

  /** The chat server of another jar (another build), to compare two builds in one run. */
  OurServer(BenchEnv env, Path jar, String name) throws Exception {
    this.env = env;
    this.process = env.startChatServer(jar);
    this.channel = BenchEnv.channel(process.port());
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  int port() {
    return process.port();
  }

  @Override
  public Load sendLoad(int senders, int roomSize) throws Exception {
    List<UUID> users = env.users(senders);
    List<UUID> members = env.users(senders * (roomSize - 1));
    List<ManagedChannel> streamChannels = BenchEnv.channels(port(), CHANNELS);
    Streams receivers = new Streams(members.size());
    List<String> rooms = new ArrayList<>();
    List<MessageServiceGrpc.MessageServiceStub> stubs = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      List<UUID> roomMembers = members.subList(i * (roomSize - 1), (i + 1) * (roomSize - 1));
      rooms.add(env.group(users.get(i), roomMembers).toString());
      stubs.add(env.as(users.get(i), MessageServiceGrpc.newStub(channel)));
      for (UUID member : roomMembers) {
        receivers.subscribeChat(streamChannels.get(member.hashCode() & (CHANNELS - 1)), env.token(member));
      }
    }
    receivers.awaitReady();
    return new AsyncCallLoad(senders, (i, done) -> stubs.get(i).sendMessage(
        SendMessageRequest.newBuilder().setRoomId(rooms.get(i)).setText(Streams.PADDING).build(), cast(done)),
        () -> {
          receivers.cancelAll();
          streamChannels.forEach(ManagedChannel::shutdownNow);
        });
  }

  /** The RPC floor: an empty unary call (health check) with the same client and concurrency as the sends. */
  Load emptyCallLoad(int callers) {
    HealthGrpc.HealthStub health = HealthGrpc.newStub(channel);
    return new AsyncCallLoad(callers, (i, done) -> health.check(HealthCheckRequest.getDefaultInstance(), cast(done)), () -> {});
  }

  @Override
  public Load fanOutLoad(int members, int inFlight) throws Exception {
    List<UUID> users = env.users(members + 1);
    UUID sender = users.get(0);
    List<UUID> receiving = users.subList(1, members + 1);
    String room = env.group(sender, receiving).toString();
    List<ManagedChannel> streamChannels = BenchEnv.channels(port(), CHANNELS);
    Streams streams = subscribe(receiving, streamChannels);
    var stub = env.as(sender, MessageServiceGrpc.newStub(channel));
    FanOutLoad[] load = new FanOutLoad[1];
    load[0] = new FanOutLoad(streams, receiving.size(), inFlight,
        text -> stub.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build(), failures(load)),
        () -> streamChannels.forEach(ManagedChannel::shutdownNow));
    return load[0];
  }

  /**
   * {@code rooms} rooms of {@code perRoom} subscribed members; each burst commits
   * {@code messagesPerRoom} messages to every room beforehand (in SQL) and then announces them
   * all with NOTIFY, as the server does after its commits: delivery alone, without the sends.
   */
  Load deliveryLoad(int rooms, int perRoom, int messagesPerRoom) throws Exception {
    UUID sender = env.users(1).get(0);
    List<UUID> roomIds = new ArrayList<>();
    List<UUID> receiving = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      List<UUID> members = env.users(perRoom);
      receiving.addAll(members);
      roomIds.add(env.group(sender, members));
    }
    List<ManagedChannel> streamChannels = BenchEnv.channels(port(), CHANNELS);
    Streams streams = subscribe(receiving, streamChannels);
    return new BurstLoad(streams, (long) rooms * perRoom * messagesPerRoom, new BurstLoad.Burst() {
      private BenchEnv.Staged staged;

      @Override
      public void stage() throws Exception {
        staged = env.stageAnnounced(roomIds, sender, messagesPerRoom);
      }

      @Override
      public void release() throws Exception {
        staged.release();
      }
    }, () -> streamChannels.forEach(ManagedChannel::shutdownNow));
  }

  @Override
  public AutoCloseable idleSessions(int count) throws Exception {
    List<UUID> users = env.users(100);
    env.group(env.users(1).get(0), users);
    List<ManagedChannel> streamChannels = BenchEnv.channels(port(), CHANNELS);
    Streams streams = new Streams(count);
    for (int i = 0; i < count; i++) {
      streams.subscribeChat(streamChannels.get(i % CHANNELS), env.token(users.get(i % users.size())));
    }
    streams.awaitReady();
    return () -> {
      streams.cancelAll();
      streamChannels.forEach(ManagedChannel::shutdownNow);
    };
  }

  private Streams subscribe(List<UUID> users, List<ManagedChannel> channels) throws InterruptedException {
    Streams streams = new Streams(users.size());
    for (int i = 0; i < users.size(); i++) {
      streams.subscribeChat(channels.get(i % channels.size()), env.token(users.get(i)));
    }
    streams.awaitReady();
    return streams;
  }

  private static <T> StreamObserver<T> failures(FanOutLoad[] load) {
    return new StreamObserver<>() {
      public void onNext(T value) {}

      public void onError(Throwable t) {
        load[0].failed.incrementAndGet();
      }

      public void onCompleted() {}
    };
  }

  @SuppressWarnings("unchecked")
  static <T> StreamObserver<T> cast(StreamObserver<Object> observer) {
    return (StreamObserver<T>) (StreamObserver<?>) observer;
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow();
    process.close();
  }
}
