package com.example.chat.bench;

import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.ListRoomsRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;

/**
 * Scenarios where our server is compared with itself (no peer does the same thing): latency
 * across two instances, deep history pages, the room list with many unread messages. Each is
 * measured once.
 */
final class OneServerScenarios {
  private OneServerScenarios() {}

  // 3. End-to-end latency -----------------------------------------------------------------

  static void latency(BenchEnv env, OurServer server, Report report) throws Exception {
    UUID sender = env.users(1).get(0);
    List<UUID> readers = env.users(10);
    List<UUID> rooms = new ArrayList<>();
    for (UUID reader : readers) {
      rooms.add(env.group(sender, List.of(reader)));
    }
    openLoopLatency(env, server, server.port(), sender, readers, rooms); // warm-up: the first run pays for the JIT
    Histogram single = openLoopLatency(env, server, server.port(), sender, readers, rooms);
    Histogram two;
    try (JavaProcess second = env.startChatServer()) {
      openLoopLatency(env, server, second.port(), sender, readers, rooms); // the same warm-up for the second instance
      two = openLoopLatency(env, server, second.port(), sender, readers, rooms);
    }
    double p99Single = single.getValueAtPercentile(99);
    double p99Two = two.getValueAtPercentile(99);
    report.add("3. End-to-end latency", "p99 send-to-deliver at 200 msg/s, subscribers on a second instance (own JVM) vs the same",
        p99Two / 1000.0, p99Single / 1000.0, "ms", "≤ 1.5x", p99Two <= 1.5 * p99Single);
    report.note("Latency, one instance: " + Report.latency(single) + "; two instances (send to A, subscribe on B): "
        + Report.latency(two) + ".");
  }

  /** Sends at a fixed rate through {@code server} and measures delivery to streams on the server at {@code readPort}. */
  private static Histogram openLoopLatency(BenchEnv env, OurServer server, int readPort, UUID sender, List<UUID> readers,
      List<UUID> rooms) throws Exception {
    ManagedChannel channel = BenchEnv.channel(readPort);
    Streams streams = new Streams(readers.size());
    readers.forEach(r -> streams.subscribeChat(channel, env.token(r)));
    streams.awaitReady();
    var stub = env.as(sender, MessageServiceGrpc.newStub(server.channel));
    int rate = 200;
    int seconds = 10;
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < rate * seconds; i++) {
      long due = start + i * interval;
      // Parked, not spinning: a spinning load generator takes one of the two cores from the
      // servers and PostgreSQL for the whole run. A late wake-up costs nothing: latency runs
      // from the stamp taken when the message is sent.
      long early = due - System.nanoTime();
      if (early > 0) {
        LockSupport.parkNanos(early);
      }
      stub.sendMessage(SendMessageRequest.newBuilder().setRoomId(rooms.get(i % rooms.size()).toString())
          .setText(Streams.stamped(Streams.PADDING)).build(), ignore());
    }
    streams.awaitDelivered((long) rate * seconds, 30_000);
    Histogram h = streams.latency.getIntervalHistogram();
    streams.cancelAll();
    channel.shutdownNow();
    return h;
  }

  private static <T> StreamObserver<T> ignore() {
    return new StreamObserver<>() {
      public void onNext(T v) {}

      public void onError(Throwable t) {}

      public void onCompleted() {}
    };
  }

  // 4. History ----------------------------------------------------------------------------

  static void history(BenchEnv env, OurServer server, Report report) throws Exception {
    UUID reader = env.users(1).get(0);
    UUID room = env.group(reader, List.of());
    long t0 = System.nanoTime();
    env.fill(room, reader, 1_000_000);
    env.dsl().execute("analyze chat_message");
    report.note(String.format(Locale.ROOT, "History: 1,000,000 messages inserted in %.1f s (one INSERT ... SELECT).",
        (System.nanoTime() - t0) / 1e9));
    var stub = env.as(reader, MessageServiceGrpc.newBlockingStub(server.channel));
    Histogram firstH = Report.histogram();
    Histogram deepH = Report.histogram();
    IntConsumer first = i -> timed(firstH, () -> stub.listMessages(ListMessagesRequest.newBuilder()
        .setRoomId(room.toString()).setPageSize(50).build()));
    IntConsumer deep = i -> timed(deepH, () -> stub.listMessages(ListMessagesRequest.newBuilder()
        .setRoomId(room.toString()).setPageSize(50).setBeforeSeq(500_000 - (i * 977L % 400_000)).build()));
    closedLoop(4, 2, first);
    firstH.reset();
    double firstRate = closedLoop(4, 5, first);
    closedLoop(4, 2, deep);
    deepH.reset();
    double deepRate = closedLoop(4, 5, deep);
    report.add("4. History", "1,000,000-message room: a page ~500,000 deep vs the newest page (50 per page, 4 clients)",
        deepRate, firstRate, "pages/s", "≥ 0.9x", deepRate >= 0.9 * firstRate);
    report.note("History latency: newest page " + Report.latency(firstH) + "; deep page " + Report.latency(deepH) + ".");
  }

  // 5. Room list --------------------------------------------------------------------------

  static void roomList(BenchEnv env, OurServer server, Report report) throws Exception {
    UUID writer = env.users(1).get(0);
    UUID busy = env.users(1).get(0);
    UUID calm = env.users(1).get(0);
    for (int i = 0; i < 50; i++) {
      env.fill(env.group(writer, List.of(busy)), writer, 10_000);
      env.fill(env.group(writer, List.of(calm)), writer, 10);
    }
    env.dsl().execute("analyze");
    var busyStub = env.as(busy, RoomServiceGrpc.newBlockingStub(server.channel));
    var calmStub = env.as(calm, RoomServiceGrpc.newBlockingStub(server.channel));
    long unread = busyStub.listRooms(ListRoomsRequest.newBuilder().setPageSize(50).build()).getRoomsList().stream()
        .mapToLong(com.example.chat.v1.RoomView::getUnreadCount).sum();
    Histogram busyH = Report.histogram();
    Histogram calmH = Report.histogram();
    IntConsumer busyCall = i -> timed(busyH, () -> busyStub.listRooms(ListRoomsRequest.newBuilder().setPageSize(50).build()));
    IntConsumer calmCall = i -> timed(calmH, () -> calmStub.listRooms(ListRoomsRequest.newBuilder().setPageSize(50).build()));
    closedLoop(1, 2, calmCall);
    calmH.reset();
    closedLoop(1, 5, calmCall);
    closedLoop(1, 2, busyCall);
    busyH.reset();
    closedLoop(1, 5, busyCall);
    double busyP50 = busyH.getValueAtPercentile(50) / 1000.0;
    double calmP50 = calmH.getValueAtPercentile(50) / 1000.0;
    report.add("5. Room list", "ListRooms p50, 50 rooms × 10,000 unread (" + unread + " in all) vs 50 rooms × 10 unread",
        busyP50, calmP50, "ms", "≤ 1.2x", busyP50 <= 1.2 * calmP50);
    report.note("Room list latency: 10,000 unread each " + Report.latency(busyH) + "; 10 unread each " + Report.latency(calmH) + ".");
  }

  private static void timed(Histogram h, Runnable call) {
    long start = System.nanoTime();
    call.run();
    synchronized (h) {
      h.recordValue((System.nanoTime() - start) / 1000);
    }
  }

  /** Runs {@code work(i)} in a loop on {@code threads} threads for some seconds; returns calls per second. */
  private static double closedLoop(int threads, int seconds, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder done = new LongAdder();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int index = t;
      pool.execute(() -> {
        while (running.get()) {
          work.accept(index);
          done.increment();
        }
      });
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }
}
