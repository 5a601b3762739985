package com.example.chat.server.notifications;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before the next delivery attempt: exponential (base, 2 base, 4 base, ... up to max) with
 * "equal jitter" (a random half of it added to the other half), so that an endpoint coming back
 * from an outage is not hit by every queued delivery at the same instant.
 */
public record Backoff(Duration base, Duration max) {

  /** The delay after {@code attempts} failed attempts (1 = after the first). */
  public Duration after(int attempts) {
    long maxMillis = max.toMillis();
    long delay = Math.max(1, base.toMillis());
    for (int i = 1; i < attempts && delay < maxMillis; i++) {
      delay *= 2;
    }
    long capped = Math.min(delay, maxMillis);
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
