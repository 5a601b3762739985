package com.example.chat.server.delivery;

import com.example.chat.server.auth.Principal.Person;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
  /** Keeps the membership feed of this stream to one thread at a time. */
  private final AtomicInteger feedWork = new AtomicInteger();
  /** Rooms whose actor delivers to this stream now, so that ending can leave them all. */
  private final Set<UUID> rooms = ConcurrentHashMap.newKeySet();
  /** Resume steps still running (one per room command, one for the hub); CaughtUp follows at zero. */
  private final AtomicInteger pendingReplays = new AtomicInteger(1);
  private final Consumer<Subscriber> onEnd;
  /** The membership-log position this stream has handled (see {@link MembershipFeed}). */
  private volatile long membershipPosition;
  /** False until CaughtUp is queued: the live membership feed waits for the resume to finish. */
  private volatile boolean caughtUp;
  /** When something was last queued, for heartbeats. */
  private volatile long lastOfferNanos = System.nanoTime();
  private volatile Status ending;
  private boolean ended;

  /** {@code onEnd} runs once when the stream ends for any reason (to release its registrations). */
  Subscriber(Person person, ServerCallStreamObserver<byte[]> out, int capacity, Consumer<Subscriber> onEnd) {
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

  boolean isOpen() {
    return ending == null;
  }

  long membershipPosition() {
    return membershipPosition;
  }

  void membershipPosition(long position) {
    membershipPosition = position;
  }

  AtomicInteger feedWork() {
    return feedWork;
  }

  boolean caughtUp() {
    return caughtUp;
  }

  long lastOfferNanos() {
    return lastOfferNanos;
  }

  /** Queues an event; ends the stream if the client has fallen too far behind. */
  void offer(byte[] event) {
    if (ending != null) {
      return;
    }
    lastOfferNanos = System.nanoTime();
    if (queued.incrementAndGet() > capacity) {
      end(Status.RESOURCE_EXHAUSTED.withDescription("You fell more than " + capacity
          + " events behind. Subscribe again with your cursors to resume."));
      return;
    }
    queue.add(event);
    drain();
  }

  void expectReplays(int count) {
    pendingReplays.addAndGet(count);
  }

  /**
   * One resume step finished. The last one queues CaughtUp (carrying the membership position
   * the resume covered) and returns true: from then on the live membership feed may run.
   */
  boolean replayDone() {
    if (pendingReplays.decrementAndGet() != 0) {
      return false;
    }
    offer(EventProtos.caughtUp(membershipPosition));
    caughtUp = true;
    return true;
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
