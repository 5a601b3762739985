package com.example.chat.server.notifications;

import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.rooms.Rooms;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.jooq.DSLContext;

/**
 * The notifications feature wired together: webhook management, the stream presence
 * interceptor, the feed, and the background worker that sequences and delivers.
 */
public final class Notifications implements AutoCloseable {
  /** A quiet feed stream carries a heartbeat this often (as Subscribe does). */
  private static final Duration FEED_HEARTBEAT = Duration.ofSeconds(15);
  /**
   * Outbox rows rendered and committed per sequencer transaction: small enough that the first
   * deliveries of a burst leave soon, large enough that lookups are shared within a batch.
   */
  private static final int SEQUENCER_BATCH = 200;
  /** How often this instance renews its presence rows. */
  private static final Duration PRESENCE_REFRESH = Duration.ofSeconds(5);

  private final Webhooks webhooks;
  private final StreamPresence presence;
  private final NotificationFeed feed;
  private final NotificationWorker worker;
  private final ExecutorService http;

  public Notifications(DSLContext dsl, NotificationSettings settings, Rooms rooms, DirectoryRepository directory,
      MessageRepository messages) {
    UrlSafety urls = new UrlSafety(settings.allowHttp(), settings.allowedHosts());
    this.presence = new StreamPresence(dsl, PRESENCE_REFRESH);
    this.feed = new NotificationFeed(dsl, directory, settings.pollInterval(), FEED_HEARTBEAT);
    ExecutorService senders = NotificationWorker.pool("webhook-sender", settings.senders());
    // The HTTP client completes responses on its own threads: were they the senders, which
    // block waiting for those responses, every sender could wait for a thread none gives up.
    this.http = NotificationWorker.pool("webhook-http", 2);
    WebhookSender sender = new WebhookSender(urls, settings.requestTimeout(), http);
    WebhookDispatcher dispatcher = new WebhookDispatcher(dsl, sender,
        new Backoff(settings.retryBase(), settings.retryMax()), settings.retryWindow(), settings.requestTimeout());
    NotificationSequencer sequencer = new NotificationSequencer(dsl,
        new NotificationRenderer(rooms, directory, messages, presence), SEQUENCER_BATCH);
    this.worker = new NotificationWorker(dsl, sequencer, dispatcher, feed, presence, settings, senders);
    this.webhooks = new Webhooks(new WebhookRepository(dsl), directory, urls, settings.secretGrace(), worker::wake);
    worker.start();
  }

  public WebhookGrpcService webhookService() {
    return new WebhookGrpcService(webhooks);
  }

  public NotificationFeedGrpcService feedService() {
    return new NotificationFeedGrpcService(feed);
  }

  /** The outbox writer: register it with the unit of work. */
  public NotificationOutbox outbox() {
    return new NotificationOutbox(worker::wake);
  }

  /** Counts live Subscribe streams per person: intercept the event service with it. */
  public StreamPresence presence() {
    return presence;
  }

  /** Outbox rows were committed: sequence and deliver them now rather than at the next poll. */
  public void wake() {
    worker.wake();
  }

  @Override
  public void close() {
    feed.close();
    worker.close();
    http.shutdownNow();
    presence.close();
  }
}
