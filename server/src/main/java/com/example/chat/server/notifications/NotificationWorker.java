package com.example.chat.server.notifications;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of notifications on this instance, in one loop: sequence new outbox rows,
 * wake the feed streams, claim due deliveries for the free senders, and now and then expire,
 * prune and renew presence. The loop runs when woken (a local write, a sender finishing) and
 * otherwise every poll interval, which is how it learns of work made by other instances.
 */
public final class NotificationWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);
  private static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(5);

  private final DSLContext dsl;
  private final NotificationSequencer sequencer;
  private final WebhookDispatcher dispatcher;
  private final NotificationFeed feed;
  private final StreamPresence presence;
  private final NotificationSettings settings;
  private final Semaphore wakeUps = new Semaphore(0);
  private final Semaphore freeSenders;
  private final ExecutorService senders;
  private final Thread loop;
  private volatile boolean running = true;
  private long nextHousekeeping;
  private boolean failing;
  private long lastWarning;

  public NotificationWorker(DSLContext dsl, NotificationSequencer sequencer, WebhookDispatcher dispatcher,
      NotificationFeed feed, StreamPresence presence, NotificationSettings settings, ExecutorService senders) {
    this.dsl = dsl;
    this.sequencer = sequencer;
    this.dispatcher = dispatcher;
    this.feed = feed;
    this.presence = presence;
    this.settings = settings;
    this.senders = senders;
    this.freeSenders = new Semaphore(settings.senders());
    this.loop = new Thread(this::run, "notifications");
    loop.setDaemon(true);
  }

  /** A fixed pool of daemon threads named {@code name-N}. */
  public static ExecutorService pool(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    loop.start();
  }

  /** Something may be waiting: a commit with outbox rows, an endpoint enabled, a redelivery. */
  public void wake() {
    wakeUps.release();
  }

  private void run() {
    while (running) {
      try {
        wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        if (!running) {
          return;
        }
        work();
        if (failing) {
          LOG.info("notification work resumed");
          failing = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be down: try again on the next round, saying so once a minute
        // rather than on every round.
        long now = System.nanoTime();
        if (!failing || now - lastWarning >= TimeUnit.MINUTES.toNanos(1)) {
          LOG.warn("notification work failed; retrying every {} ms", settings.pollInterval().toMillis(), e);
          lastWarning = now;
        }
        failing = true;
      }
    }
  }

  private void work() {
    int sequenced = 0;
    int batch;
    do {
      batch = sequencer.runOnce();
      sequenced += batch;
    } while (batch > 0 && running);
    if (sequenced > 0) {
      feed.wake();
    }
    dispatch();
    long now = System.nanoTime();
    if (now - nextHousekeeping >= 0) {
      nextHousekeeping = now + HOUSEKEEPING_EVERY.toNanos();
      housekeeping();
    }
  }

  private void dispatch() {
    int free = freeSenders.availablePermits();
    if (free == 0) {
      return;
    }
    List<WebhookDispatcher.Claimed> claimed = dispatcher.claim(free);
    for (WebhookDispatcher.Claimed c : claimed) {
      freeSenders.acquireUninterruptibly();
      senders.execute(() -> {
        try {
          dispatcher.deliver(c);
        } catch (RuntimeException e) {
          // The outcome could not be recorded: the lease runs out and the attempt is repeated.
          LOG.warn("could not record a webhook delivery", e);
        } finally {
          freeSenders.release();
          wake();
        }
      });
    }
  }

  private void housekeeping() {
    presence.refresh();
    dispatcher.expire();
    // Delivered (or never delivered anywhere) notifications older than the retention go; the
    // newest position pruned per company is kept so the feed can refuse to resume before it.
    dsl.execute("""
        WITH pruned AS (
          DELETE FROM notification_event e
          WHERE e.create_time < now() - (? * interval '1 millisecond') AND e.position IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.state <> 'DELIVERED')
          RETURNING e.company_id, e.position, e.endpoint_id
        )
        INSERT INTO notification_horizon (company_id, pruned_through)
        SELECT company_id, max(position) FROM pruned WHERE endpoint_id IS NULL GROUP BY company_id
        ON CONFLICT (company_id) DO UPDATE
          SET pruned_through = greatest(notification_horizon.pruned_through, excluded.pruned_through)""",
        settings.retention().toMillis());
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      loop.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdown();
    try {
      if (!senders.awaitTermination(settings.requestTimeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
