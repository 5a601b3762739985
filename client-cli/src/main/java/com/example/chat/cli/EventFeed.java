package com.example.chat.cli;

import com.example.chat.v1.EventServiceGrpc;
import com.example.chat.v1.RoomCursor;
import com.example.chat.v1.RoomKind;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SubscribeRequest;
import com.example.chat.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The caller's live events, kept flowing across dropped connections, server restarts and
 * frozen servers: it remembers the last seq of every room and the membership position, and
 * resubscribes with them, so nothing is lost or repeated (rooms joined or lost meanwhile come
 * with the resume). It starts from "now": the rooms' current seqs. A stream on which nothing
 * arrives, not even the heartbeat the server sends every 15 s of silence, for
 * {@code deadAfter} is declared dead and resumed.
 */
final class EventFeed {
  static final String DEAD_AFTER_HELP = "Resume the stream (with cursors, on whichever server answers) when "
      + "nothing, not even a heartbeat, arrived for this long (default ${DEFAULT-VALUE}; the server sends "
      + "heartbeats every 15 s of silence).";

  private static final Set<Status.Code> RETRY = Set.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED,
      Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED);

  private final ConnectionOptions.Client client;
  private final Terminal term;
  private final Map<String, Long> cursors = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final java.time.Duration deadAfter;
  /** The largest membership position received; null until the first CaughtUp. */
  private volatile Long membershipPosition;
  private volatile String myId;
  private volatile ClientCallStreamObserver<SubscribeRequest> current;
  private volatile boolean stopped;

  EventFeed(ConnectionOptions.Client client, Terminal term, java.time.Duration deadAfter) {
    this.client = client;
    this.term = term;
    this.deadAfter = deadAfter;
  }

  String roomName(String roomId) {
    return names.getOrDefault(roomId, roomId);
  }

  void stop() {
    stopped = true;
    var call = current;
    if (call != null) {
      call.cancel("stopped", null);
    }
  }

  /** Streams events to {@code sink} until stopped; returns normally or throws a non-retryable failure. */
  void run(Consumer<SubscribeResponse> sink) throws InterruptedException {
    refreshRooms(true);
    long backoff = 200;
    while (!stopped) {
      BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
      SubscribeRequest.Builder request = SubscribeRequest.newBuilder();
      cursors.forEach((room, seq) -> request.addCursors(RoomCursor.newBuilder().setRoomId(room).setSeq(seq)));
      if (membershipPosition != null) {
        request.setMembershipPosition(membershipPosition);
      }
      client.stream(EventServiceGrpc.newStub(client.channel())).subscribe(request.build(), new Observer(inbox));
      Status end = null;
      while (end == null) {
        Object next = inbox.poll(deadAfter.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          // Missed heartbeats: the server is frozen or the path to it is dead.
          current.cancel("no heartbeat", null);
          end = Status.UNAVAILABLE.withDescription("nothing arrived for " + deadAfter.toSeconds() + " s");
        } else if (next instanceof SubscribeResponse event) {
          if (accept(event)) {
            sink.accept(event);
            backoff = 200;
          }
        } else {
          end = (Status) next;
        }
      }
      if (stopped || end.isOk()) {
        return;
      }
      if (end.getCode() == Status.Code.NOT_FOUND) {
        refreshRooms(false); // a room we had a cursor for is gone (we left or were removed)
      } else if (!RETRY.contains(end.getCode())) {
        throw end.asRuntimeException();
      }
      term.err().println("chat: stream ended (" + end.getCode() + ": " + end.getDescription()
          + "); reconnecting with cursors");
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, 5000);
    }
  }

  /** Keeps cursors and names up to date; false for an event already seen. */
  private boolean accept(SubscribeResponse event) {
    if (event.getMembershipPosition() > 0 || event.hasCaughtUp()) {
      long known = membershipPosition == null ? 0 : membershipPosition;
      membershipPosition = Math.max(known, event.getMembershipPosition());
    }
    if (event.hasHeartbeat()) {
      return false; // it only says the stream is alive
    }
    String room = event.getRoomId();
    if (event.hasRoomCreated()) {
      RoomView view = event.getRoomCreated().getRoom();
      names.put(room, view.getDisplayName());
      cursors.putIfAbsent(room, 0L);
    }
    if (event.hasRoomRenamed()) {
      names.put(room, event.getRoomRenamed().getName());
    }
    if (event.getSeq() > 0) {
      long known = cursors.getOrDefault(room, 0L);
      if (event.getSeq() <= known) {
        return false;
      }
      cursors.put(room, event.getSeq());
    }
    if (event.hasMemberRemoved() && event.getMemberRemoved().getUserId().equals(myId)) {
      cursors.remove(room);
    }
    return true;
  }

  private void refreshRooms(boolean first) {
    while (true) {
      try {
        myId = client.unary(com.example.chat.v1.DirectoryServiceGrpc.newBlockingStub(client.channel()))
            .whoAmI(com.example.chat.v1.WhoAmIRequest.getDefaultInstance()).getUser().getId();
        var rooms = RoomCommands.allRooms(client, RoomKind.ROOM_KIND_UNSPECIFIED);
        Set<String> current = ConcurrentHashMap.newKeySet();
        for (RoomView room : rooms) {
          current.add(room.getRoomId());
          names.put(room.getRoomId(), room.getDisplayName());
          // Start from now for rooms we did not know; rooms we follow keep their cursor.
          cursors.putIfAbsent(room.getRoomId(), first ? room.getLastSeq() : 0L);
        }
        cursors.keySet().retainAll(current);
        return;
      } catch (StatusRuntimeException e) {
        if (first || !RETRY.contains(e.getStatus().getCode())) {
          throw e;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private final class Observer implements ClientResponseObserver<SubscribeRequest, SubscribeResponse> {
    private final BlockingQueue<Object> inbox;

    Observer(BlockingQueue<Object> inbox) {
      this.inbox = inbox;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<SubscribeRequest> call) {
      current = call;
    }

    @Override
    public void onNext(SubscribeResponse value) {
      inbox.add(value);
    }

    @Override
    public void onError(Throwable t) {
      inbox.add(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      inbox.add(Status.OK);
    }
  }
}
