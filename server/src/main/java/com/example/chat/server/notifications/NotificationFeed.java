package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static com.example.chat.db.Tables.NOTIFICATION_FOLLOWER;
import static com.example.chat.db.Tables.NOTIFICATION_HORIZON;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.v1.FeedHeartbeat;
import com.example.chat.v1.Notification;
import com.example.chat.v1.StreamNotificationsResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification feed of backend services: each stream reads the company's sequenced
 * notifications after its position, in position order, sends them as the client can take them
 * (gRPC flow control), and then waits for more: woken by the local sequencer, and polled every
 * poll interval for those sequenced by other instances. The position is the client's; the
 * server keeps nothing per stream, so a stream resumes anywhere, after any restart.
 */
public final class NotificationFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationFeed.class);
  private static final int BATCH = 100;
  private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

  private final DSLContext dsl;
  private final DirectoryRepository directory;
  private final Duration heartbeatEvery;
  private final ScheduledExecutorService executor;
  private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();

  public NotificationFeed(DSLContext dsl, DirectoryRepository directory, Duration pollEvery, Duration heartbeatEvery) {
    this.dsl = dsl;
    this.directory = directory;
    this.heartbeatEvery = heartbeatEvery;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "notification-feed-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::wake, pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** New notifications may be there: every stream looks. */
  public void wake() {
    streams.forEach(s -> executor.execute(s::pump));
  }

  /** Opens a feed stream for a service account; refusals are thrown before anything is sent. */
  public void open(Principal caller, String companyId, long afterPosition, List<EventType> types,
      ServerCallStreamObserver<StreamNotificationsResponse> out) {
    Validator v = new Validator();
    UUID requested = v.optionalId("company_id", companyId);
    v.check(afterPosition >= 0, "after_position", "must not be negative");
    for (int i = 0; i < types.size(); i++) {
      v.check(types.get(i) != null && types.get(i) != EventType.TEST, "types[" + i + "]",
          "is not a notification type of the feed");
    }
    v.throwIfInvalid();
    Principal.Service service = (Principal.Service) caller;
    UUID company = requested != null ? requested : service.companyId();
    if (company == null) {
      throw InvalidInputException.of("company_id", "is required for a service account bound to no company");
    }
    if (!ChatPolicy.mayManageWebhooks(caller, company) || directory.findCompany(company).isEmpty()) {
      throw NotFoundException.company(company.toString());
    }
    Long horizon = dsl.select(NOTIFICATION_HORIZON.PRUNED_THROUGH).from(NOTIFICATION_HORIZON)
        .where(NOTIFICATION_HORIZON.COMPANY_ID.eq(company)).fetchOne(NOTIFICATION_HORIZON.PRUNED_THROUGH);
    if (horizon != null && afterPosition > 0 && afterPosition < horizon) {
      throw new FailedPreconditionException("FEED_POSITION_EXPIRED", "Notifications after position "
          + afterPosition + " are no longer all kept (they are kept for a limited time). Resume after position "
          + horizon + " to continue with what is kept, and catch up on the gap from the directory and room history.");
    }
    // From now on every notification of the company is kept for the feed.
    dsl.insertInto(NOTIFICATION_FOLLOWER)
        .set(NOTIFICATION_FOLLOWER.COMPANY_ID, company).set(NOTIFICATION_FOLLOWER.SERVICE_NAME, service.name())
        .onConflict(NOTIFICATION_FOLLOWER.COMPANY_ID, NOTIFICATION_FOLLOWER.SERVICE_NAME)
        .doUpdate().set(NOTIFICATION_FOLLOWER.LAST_SEEN_TIME, DSL.currentOffsetDateTime())
        .execute();
    Condition filter = NOTIFICATION_EVENT.COMPANY_ID.eq(company)
        .and(NOTIFICATION_EVENT.POSITION.isNotNull()).and(NOTIFICATION_EVENT.ENDPOINT_ID.isNull());
    if (!types.isEmpty()) {
      filter = filter.and(NOTIFICATION_EVENT.TYPE.in(types.stream().map(Enum::name).toList()));
    }
    FeedStream stream = new FeedStream(filter, afterPosition, out);
    streams.add(stream);
    out.setOnCancelHandler(() -> streams.remove(stream));
    out.setOnReadyHandler(() -> executor.execute(stream::pump));
    executor.execute(stream::pump);
  }

  /** Ends every stream with UNAVAILABLE so that clients resume (elsewhere) from their position. */
  @Override
  public void close() {
    Status bye = Status.UNAVAILABLE.withDescription("The server is shutting down; resume from your position.");
    streams.forEach(s -> s.end(bye));
    executor.shutdownNow();
  }

  /** One open feed stream; only one thread pumps it at a time. */
  private final class FeedStream {
    private final Condition filter;
    private final ServerCallStreamObserver<StreamNotificationsResponse> out;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean ended;
    private long position;
    private long lastSent = System.nanoTime();

    FeedStream(Condition filter, long position, ServerCallStreamObserver<StreamNotificationsResponse> out) {
      this.filter = filter;
      this.position = position;
      this.out = out;
    }

    void pump() {
      again.set(true);
      while (again.get() && !ended && pumping.compareAndSet(false, true)) {
        again.set(false);
        try {
          sendAvailable();
        } catch (RuntimeException e) {
          LOG.warn("a notification feed stream failed; the client resumes from its position", e);
          end(Status.UNAVAILABLE.withDescription("The feed is unavailable for a moment; resume from your position."));
        } finally {
          pumping.set(false);
        }
      }
    }

    private void sendAvailable() {
      while (out.isReady() && !ended) {
        List<Record2<Long, String>> rows = dsl.select(NOTIFICATION_EVENT.POSITION, NOTIFICATION_EVENT.PAYLOAD)
            .from(NOTIFICATION_EVENT)
            .where(filter.and(NOTIFICATION_EVENT.POSITION.gt(position)))
            .orderBy(NOTIFICATION_EVENT.POSITION).limit(BATCH).fetch();
        for (Record2<Long, String> row : rows) {
          out.onNext(StreamNotificationsResponse.newBuilder().setNotification(parse(row.value2())).build());
          position = row.value1();
          lastSent = System.nanoTime();
        }
        if (rows.size() < BATCH) {
          break;
        }
      }
      if (!ended && out.isReady() && System.nanoTime() - lastSent >= heartbeatEvery.toNanos()) {
        out.onNext(StreamNotificationsResponse.newBuilder()
            .setHeartbeat(FeedHeartbeat.newBuilder().setPosition(position)).build());
        lastSent = System.nanoTime();
      }
    }

    void end(Status status) {
      if (!ended) {
        ended = true;
        streams.remove(this);
        try {
          out.onError(status.asRuntimeException());
        } catch (IllegalStateException alreadyClosed) {
          // The client went away first.
        }
      }
    }
  }

  private static Notification parse(String json) {
    Notification.Builder n = Notification.newBuilder();
    try {
      JSON.merge(json, n);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored notification does not parse", e);
    }
    return n.build();
  }
}
