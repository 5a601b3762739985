package com.example.chat.server.notifications;

import com.example.chat.server.notifications.WebhookSender.Attempt;
import com.example.chat.server.notifications.WebhookSender.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries. Any instance may run it: a claim locks due rows with
 * {@code FOR UPDATE SKIP LOCKED} and, in the same statement, counts the attempt and pushes the
 * row's next attempt past this attempt's longest possible duration (a lease), then commits; so
 * two instances never send the same attempt, and no transaction stays open during HTTP calls. A
 * 2xx answer ends the delivery, 410 disables the endpoint, anything else is retried with
 * backoff until the retry window is over, when the delivery is kept as failed.
 */
public final class WebhookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final DSLContext dsl;
  private final WebhookSender sender;
  private final Backoff backoff;
  private final Duration retryWindow;
  private final Duration lease;

  public WebhookDispatcher(DSLContext dsl, WebhookSender sender, Backoff backoff, Duration retryWindow,
      Duration requestTimeout) {
    this.dsl = dsl;
    this.sender = sender;
    this.backoff = backoff;
    this.retryWindow = retryWindow;
    // Longer than an attempt can take (the sender bounds it to twice the timeout), with room.
    this.lease = requestTimeout.multipliedBy(3).plusSeconds(5);
  }

  /** A claimed attempt: the delivery row, its attempt number, and what to send. */
  public record Claimed(long deliveryId, int attempt, UUID endpointId, Attempt request) {}

  /** Claims up to {@code limit} due deliveries for this instance. */
  public List<Claimed> claim(int limit) {
    List<Claimed> claimed = new ArrayList<>();
    dsl.resultQuery("""
        WITH due AS (
          SELECT d.id FROM webhook_delivery d
          JOIN webhook_endpoint ep ON ep.id = d.endpoint_id AND ep.enabled
          WHERE d.state = 'PENDING' AND d.next_attempt_time <= now()
          ORDER BY d.next_attempt_time
          LIMIT ?
          FOR UPDATE OF d SKIP LOCKED
        ), claimed AS (
          UPDATE webhook_delivery d
          SET attempts = d.attempts + 1, last_attempt_time = now(),
              next_attempt_time = now() + (? * interval '1 millisecond')
          FROM due WHERE d.id = due.id
          RETURNING d.id, d.attempts, d.event_id, d.endpoint_id
        )
        SELECT c.id, c.attempts, c.endpoint_id, e.event_id, e.payload, ep.url, ep.secret,
               CASE WHEN ep.previous_secret_until > now() THEN ep.previous_secret END AS previous_secret
        FROM claimed c
        JOIN notification_event e ON e.id = c.event_id
        JOIN webhook_endpoint ep ON ep.id = c.endpoint_id""", limit, lease.toMillis())
        .fetch().forEach(r -> {
          List<String> secrets = new ArrayList<>(2);
          secrets.add(r.get("secret", String.class));
          String previous = r.get("previous_secret", String.class);
          if (previous != null) {
            secrets.add(previous);
          }
          claimed.add(new Claimed(r.get("id", Long.class), r.get("attempts", Integer.class),
              r.get("endpoint_id", UUID.class),
              new Attempt(r.get("url", String.class), r.get("event_id", UUID.class).toString(),
                  r.get("payload", String.class), secrets)));
        });
    return claimed;
  }

  /** Makes one claimed attempt and records how it went. */
  public Outcome deliver(Claimed c) {
    Outcome outcome = sender.send(c.request());
    record(c, outcome);
    return outcome;
  }

  /**
   * Records an attempt's outcome, only if the row still belongs to this attempt (a lease that
   * ran out lets another instance make the next one; its record wins).
   */
  void record(Claimed c, Outcome outcome) {
    if (outcome.delivered()) {
      dsl.execute("""
          UPDATE webhook_delivery SET state = 'DELIVERED', delivered_time = now(),
                 last_status_code = ?, last_error = NULL
          WHERE id = ? AND attempts = ? AND state = 'PENDING'""", outcome.status(), c.deliveryId(), c.attempt());
      return;
    }
    Integer status = outcome.status() == 0 ? null : outcome.status();
    String error = outcome.error().length() > 500 ? outcome.error().substring(0, 500) : outcome.error();
    if (outcome.gone()) {
      dsl.execute("""
          UPDATE webhook_endpoint SET enabled = false, disabled_reason = 'GONE', update_time = now()
          WHERE id = ? AND enabled""", c.endpointId());
      LOG.info("webhook endpoint {} answered 410 Gone and is disabled", c.endpointId());
    }
    // Past the window: kept as failed for an admin to see and redeliver. Otherwise retried.
    dsl.execute("""
        UPDATE webhook_delivery
        SET last_status_code = ?, last_error = ?,
            state = CASE WHEN window_start_time + (? * interval '1 millisecond') <= now() THEN 'FAILED' ELSE 'PENDING' END,
            next_attempt_time = now() + (? * interval '1 millisecond')
        WHERE id = ? AND attempts = ? AND state = 'PENDING'""",
        status, error, retryWindow.toMillis(), backoff.after(c.attempt()).toMillis(), c.deliveryId(), c.attempt());
  }

  /**
   * Gives up on pending deliveries whose window ended while they were not attempted (their
   * endpoint was disabled); the number of deliveries now failed.
   */
  public int expire() {
    return dsl.execute("""
        UPDATE webhook_delivery SET state = 'FAILED',
               last_error = coalesce(last_error, 'not delivered within the retry window')
        WHERE state = 'PENDING' AND next_attempt_time <= now()
          AND endpoint_id IN (SELECT id FROM webhook_endpoint WHERE NOT enabled)
          AND window_start_time + (? * interval '1 millisecond') <= now()""", retryWindow.toMillis());
  }
}
