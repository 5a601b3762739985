package com.example.chat.server.grpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that a caller can cause at will (garbage requests) or that repeats for every call
 * during an outage: written at most once per interval, as one line that counts the occurrences
 * it stands for and names the cause without a stack trace, so that nobody can flood the log.
 */
final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextLineAt;
  private final AtomicLong unreported = new AtomicLong();

  RateLimitedLog(Logger log, Duration interval) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nextLineAt = new AtomicLong(System.nanoTime());
  }

  /** Counts one occurrence; writes a line if none was written within the interval. */
  void warn(String what, Throwable cause) {
    warn(what, "latest cause: " + describe(cause));
  }

  /** Counts one occurrence; writes a line (with {@code latest} said of this one) if none was written within the interval. */
  void warn(String what, String latest) {
    long count = unreported.incrementAndGet();
    long now = System.nanoTime();
    long due = nextLineAt.get();
    if (now - due >= 0 && nextLineAt.compareAndSet(due, now + intervalNanos)) {
      unreported.addAndGet(-count);
      log.warn("{}: {} time(s) since the last such line; {}", what, count, latest);
    }
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "none";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
