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
import java.util.function.Consumer;

/**
 * The caller's live events, kept flowing across dropped connections and server restarts: it
 * remembers the last seq of every room and resubscribes with those cursors, so nothing is
 * lost or repeated. It starts from "now": the rooms' current seqs.
 */
final class EventFeed {
  private static final Set<Status.Code> RETRY = Set.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED,
      Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED);

  private final ConnectionOptions.Client client;
  private final Terminal term;
  private final Map<String, Long> cursors = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private volatile String myId;
  private volatile ClientCallStreamObserver<SubscribeRequest> current;
  private volatile boolean stopped;

  EventFeed(ConnectionOptions.Client client, Terminal term) {
    this.client = client;
    this.term = term;
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
      client.stream(EventServiceGrpc.newStub(client.channel())).subscribe(request.build(), new Observer(inbox));
      Status end = null;
      while (end == null) {
        Object next = inbox.take();
        if (next instanceof SubscribeResponse event) {
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
      term.err().println("chat: stream ended (" + end.getCode() + "); reconnecting with cursors");
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, 5000);
    }
  }

  /** Keeps cursors and names up to date; false for an event already seen. */
  private boolean accept(SubscribeResponse event) {
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
