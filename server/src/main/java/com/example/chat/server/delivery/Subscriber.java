package com.example.chat.server.delivery;

import com.example.chat.server.auth.Principal.Person;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open Subscribe stream. Events arrive already serialized; they wait in a bounded queue
 * that is drained only while gRPC says the stream is ready (flow control), so a slow client
 * costs at most {@code capacity} events of memory and never slows anyone else. A client that
 * falls further behind is ended with RESOURCE_EXHAUSTED and resumes from its cursors.
 *
 * <p>All calls into the gRPC observer happen inside {@link #drain()}, which a work counter
 * keeps to one thread at a time.
 */
final class Subscriber {
  private final Person person;
  private final ServerCallStreamObserver<byte[]> out;
  private final int capacity;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger work = new AtomicInteger();
  /** Rooms this subscriber was handed to, so that cancelling can leave them all. */
  private final Set<UUID> rooms = ConcurrentHashMap.newKeySet();
  /** Rooms whose initial replay is still running; CaughtUp follows when it reaches zero. */
  private final AtomicInteger pendingReplays = new AtomicInteger();
  private final java.util.function.Consumer<Subscriber> onEnd;
  private volatile Status ending;
  private boolean ended;

  /** {@code onEnd} runs once when the stream ends for any reason (to release its registrations). */
  Subscriber(Person person, ServerCallStreamObserver<byte[]> out, int capacity,
      java.util.function.Consumer<Subscriber> onEnd) {
    this.person = person;
    this.out = out;
    this.capacity = capacity;
    this.onEnd = onEnd;
    out.setOnReadyHandler(this::drain);
  }

  Person person() {
    return person;
  }

  UUID userId() {
    return person.userId();
  }

  Set<UUID> rooms() {
    return rooms;
  }

  ServerCallStreamObserver<byte[]> stream() {
    return out;
  }

  boolean isOpen() {
    return ending == null;
  }

  /** Queues an event; ends the stream if the client has fallen too far behind. */
  void offer(byte[] event) {
    if (ending != null) {
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      end(Status.RESOURCE_EXHAUSTED.withDescription("You fell more than " + capacity
          + " events behind. Subscribe again with your cursors to resume."));
      return;
    }
    queue.add(event);
    drain();
  }

  void expectReplays(int rooms) {
    pendingReplays.addAndGet(rooms);
  }

  /** One initial replay finished; returns true when it was the last. */
  boolean replayDone() {
    return pendingReplays.decrementAndGet() == 0;
  }

  /** Ends the stream with this status (queued events are dropped; the client resumes from its cursors). */
  synchronized void end(Status status) {
    if (ending == null) {
      ending = status;
      drain();
      onEnd.accept(this);
    }
  }

  void drain() {
    if (work.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!ended) {
        if (ending != null) {
          ended = true;
          queue.clear();
          try {
            if (!out.isCancelled()) {
              out.onError(ending.asRuntimeException());
            }
          } catch (IllegalStateException alreadyClosed) {
            // the call ended meanwhile
          }
        } else {
          byte[] next;
          while (out.isReady() && ending == null && (next = queue.poll()) != null) {
            queued.decrementAndGet();
            out.onNext(next);
          }
        }
      }
      missed = work.addAndGet(-missed);
    } while (missed != 0);
  }
}
