package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.STREAM_PRESENCE;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.grpc.CallContext;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who has a live Subscribe stream open, on any instance, so that a notification can tell a
 * backend whether the person is looking. An interceptor on the event service counts this
 * instance's open streams per person (answering for this instance at once) and writes the first
 * open and the last close through to the database for the other instances, off the call's path
 * so that opening a stream never waits for it. {@link #refresh()} renews the instance's
 * heartbeat (one row, however many people are connected): a presence row counts while its
 * instance's heartbeat (or the row itself, just written) is fresh, so rows of an instance that
 * died count for nothing after a while.
 */
public final class StreamPresence implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPresence.class);

  private final DSLContext dsl;
  private final UUID instanceId = UUID.randomUUID();
  private final Duration staleAfter;
  private final ConcurrentHashMap<UUID, AtomicInteger> open = new ConcurrentHashMap<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stream-presence");
    t.setDaemon(true);
    return t;
  });

  /** @param refreshEvery how often {@link #refresh()} runs; rows older than three times that are stale */
  public StreamPresence(DSLContext dsl, Duration refreshEvery) {
    this.dsl = dsl;
    this.staleAfter = refreshEvery.multipliedBy(3);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (!(CallContext.principal() instanceof Principal.Person person)) {
      return next.startCall(call, headers);
    }
    opened(person.userId());
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end = () -> {
      if (ended.compareAndSet(false, true)) {
        closed(person.userId());
      }
    };
    ServerCall<Q, R> watched = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        end.run();
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(watched, headers);
    } catch (RuntimeException e) {
      end.run();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        end.run();
        super.onCancel();
      }

      @Override
      public void onComplete() {
        end.run();
        super.onComplete();
      }
    };
  }

  private void opened(UUID userId) {
    if (open.computeIfAbsent(userId, k -> new AtomicInteger()).incrementAndGet() == 1) {
      submit(() -> write(userId));
    }
  }

  private void closed(UUID userId) {
    AtomicInteger count = open.get(userId);
    if (count != null && count.decrementAndGet() == 0) {
      open.remove(userId, count);
      submit(() -> clear(userId));
    }
  }

  /**
   * Runs a write off the call's path. Streams end after {@link #close()} while the server stops;
   * their writes are dropped then, because close removed every row of this instance.
   */
  private void submit(Runnable write) {
    try {
      writer.execute(write);
    } catch (RejectedExecutionException closed) {
      // nothing to write any more
    }
  }

  private void clear(UUID userId) {
    if (open.containsKey(userId)) {
      return; // opened again meanwhile
    }
    try {
      dsl.deleteFrom(STREAM_PRESENCE)
          .where(STREAM_PRESENCE.USER_ID.eq(userId), STREAM_PRESENCE.INSTANCE_ID.eq(instanceId)).execute();
    } catch (RuntimeException e) {
      // The row goes stale by itself; the next refresh of this instance no longer renews it.
      LOG.debug("could not clear a presence row", e);
    }
  }

  private void write(UUID userId) {
    try {
      dsl.insertInto(STREAM_PRESENCE)
          .set(STREAM_PRESENCE.USER_ID, userId).set(STREAM_PRESENCE.INSTANCE_ID, instanceId)
          .onConflict(STREAM_PRESENCE.USER_ID, STREAM_PRESENCE.INSTANCE_ID)
          .doUpdate().set(STREAM_PRESENCE.SEEN_TIME, DSL.currentOffsetDateTime())
          .execute();
    } catch (RuntimeException e) {
      // Presence is a hint for backends: a database hiccup must not refuse the stream.
      LOG.debug("could not record presence", e);
    }
  }

  /**
   * Renews this instance's heartbeat, puts back any row of an open stream that is missing (an
   * instance that took this one for dead removed it) without rewriting the others, and forgets
   * instances that stopped renewing theirs, with their rows.
   */
  public void refresh() {
    dsl.execute("""
        INSERT INTO stream_instance (instance_id) VALUES (?)
        ON CONFLICT (instance_id) DO UPDATE SET seen_time = now()""", instanceId);
    UUID[] users = open.keySet().toArray(UUID[]::new);
    if (users.length > 0) {
      dsl.execute("""
          INSERT INTO stream_presence (user_id, instance_id) SELECT u, ? FROM unnest(?::uuid[]) AS u
          ON CONFLICT (user_id, instance_id) DO NOTHING""", instanceId, users);
    }
    dsl.deleteFrom(STREAM_PRESENCE).where(fresh().not()).execute();
    dsl.execute("DELETE FROM stream_instance WHERE NOT seen_time > " + recent());
  }

  /** Whether the person has a live stream open on any instance. */
  public boolean isStreaming(UUID userId) {
    AtomicInteger local = open.get(userId);
    if (local != null && local.get() > 0) {
      return true;
    }
    return dsl.fetchExists(dsl.selectOne().from(STREAM_PRESENCE)
        .where(STREAM_PRESENCE.USER_ID.eq(userId))
        .and(fresh()));
  }

  /** Whether a presence row counts: its instance is alive, or the row was written just now. */
  private org.jooq.Condition fresh() {
    return DSL.condition("""
        ({0} > %1$s
         OR EXISTS (SELECT 1 FROM stream_instance i WHERE i.instance_id = {1} AND i.seen_time > %1$s))"""
        .formatted(recent()), STREAM_PRESENCE.SEEN_TIME, STREAM_PRESENCE.INSTANCE_ID);
  }

  /** The time after which a heartbeat or a row is recent enough to count. */
  private String recent() {
    return "now() - interval '%d milliseconds'".formatted(staleAfter.toMillis());
  }

  /** Removes this instance's rows on shutdown: its streams are ending. */
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      dsl.deleteFrom(STREAM_PRESENCE).where(STREAM_PRESENCE.INSTANCE_ID.eq(instanceId)).execute();
      dsl.execute("DELETE FROM stream_instance WHERE instance_id = ?", instanceId);
    } catch (RuntimeException e) {
      LOG.debug("could not clear presence rows on shutdown", e);
    }
  }
}
