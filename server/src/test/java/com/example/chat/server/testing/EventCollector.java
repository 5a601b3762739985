package com.example.chat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.v1.EventServiceGrpc;
import com.example.chat.v1.RoomCursor;
import com.example.chat.v1.SubscribeRequest;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Subscribe stream as a client sees it: every event received, in order, and how it ended. */
public final class EventCollector implements ClientResponseObserver<SubscribeRequest, SubscribeResponse> {
  private final List<SubscribeResponse> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final boolean manualFlow;
  private volatile ClientCallStreamObserver<SubscribeRequest> call;
  private volatile Status status;

  private EventCollector(boolean manualFlow) {
    this.manualFlow = manualFlow;
  }

  /** Subscribes with the given token and cursors (room id to seq). */
  public static EventCollector subscribe(Channel channel, String token, Map<String, Long> cursors) {
    return start(channel, token, cursors, null, false);
  }

  /** Subscribes with cursors and a membership position (rooms joined and lost since it come first). */
  public static EventCollector subscribe(Channel channel, String token, Map<String, Long> cursors, long membershipPosition) {
    return start(channel, token, cursors, membershipPosition, false);
  }

  /** Subscribes but reads nothing until {@link #readAll()}: a client that has stalled. */
  public static EventCollector subscribeStalled(Channel channel, String token) {
    return start(channel, token, Map.of(), null, true);
  }

  private static EventCollector start(Channel channel, String token, Map<String, Long> cursors, Long position,
      boolean manual) {
    EventCollector collector = new EventCollector(manual);
    SubscribeRequest.Builder request = SubscribeRequest.newBuilder();
    if (position != null) {
      request.setMembershipPosition(position);
    }
    cursors.forEach((room, seq) -> request.addCursors(RoomCursor.newBuilder().setRoomId(room).setSeq(seq)));
    TestServer.withToken(token, EventServiceGrpc.newStub(channel)).subscribe(request.build(), collector);
    return collector;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
    this.call = requestStream;
    if (manualFlow) {
      requestStream.disableAutoRequestWithInitial(0);
    }
  }

  @Override
  public void onNext(SubscribeResponse value) {
    events.add(value);
  }

  @Override
  public void onError(Throwable t) {
    status = Status.fromThrowable(t);
    done.countDown();
  }

  @Override
  public void onCompleted() {
    status = Status.OK;
    done.countDown();
  }

  public void readAll() {
    call.request(Integer.MAX_VALUE);
  }

  public void cancel() {
    call.cancel("test cancels", null);
  }

  public List<SubscribeResponse> events() {
    return new ArrayList<>(events);
  }

  /** The message-created events of one room, in arrival order. */
  public List<SubscribeResponse> messagesOf(String roomId) {
    return events.stream().filter(e -> e.getRoomId().equals(roomId) && e.hasMessageCreated()).toList();
  }

  /** Waits until the predicate holds over the events received. */
  public void await(Predicate<List<SubscribeResponse>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(events())) {
      assertThat(System.nanoTime()).as("timed out waiting; received %s events, status %s", events.size(), status)
          .isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  public void awaitCaughtUp() throws InterruptedException {
    await(list -> list.stream().anyMatch(SubscribeResponse::hasCaughtUp), Duration.ofSeconds(10));
  }

  public Status awaitEnd(Duration timeout) throws InterruptedException {
    assertThat(done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("the stream should have ended").isTrue();
    return status;
  }

  public Status status() {
    return status;
  }

  /** The largest membership position received: what a client resumes with beside its cursors. */
  public long membershipPosition() {
    return events.stream().mapToLong(SubscribeResponse::getMembershipPosition).max().orElse(0);
  }

  /** Every event of one room (timeline events, RoomCreated), in arrival order. */
  public List<SubscribeResponse> of(String roomId) {
    return events.stream().filter(e -> e.getRoomId().equals(roomId)).toList();
  }

  /** The largest seq seen per room: what a client resumes with. */
  public Map<String, Long> cursors() {
    Map<String, Long> cursors = new HashMap<>();
    for (SubscribeResponse e : events) {
      if (e.getSeq() > 0) {
        cursors.merge(e.getRoomId(), e.getSeq(), Math::max);
      }
    }
    return cursors;
  }
}
