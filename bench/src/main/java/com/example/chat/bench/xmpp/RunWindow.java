package com.example.chat.bench.xmpp;

import com.example.chat.bench.Load;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The measured stretch of one {@link Load#run}: completions are counted (with their latency)
 * only if they arrive between its start and end, so a run's rate is not inflated by what was
 * already under way or still drains afterwards.
 */
final class RunWindow {
  private final Histogram latencyMicros = new Histogram(3);
  private final AtomicLong count = new AtomicLong();
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile boolean sending;

  /** Starts a run: clears the counts; {@link #sending} is true until {@link #awaitEnd}. */
  void open(double seconds) {
    synchronized (latencyMicros) {
      latencyMicros.reset();
    }
    count.set(0);
    startNanos = System.nanoTime();
    endNanos = startNanos + (long) (seconds * 1e9);
    sending = true;
  }

  /** Whether new messages should still be sent (the run has not reached its end). */
  boolean sending() {
    return sending;
  }

  /** One operation completed at {@code nowNanos}, {@code latencyNanos} after it began. */
  void completed(long nowNanos, long latencyNanos) {
    if (nowNanos >= startNanos && nowNanos <= endNanos) {
      count.incrementAndGet();
      synchronized (latencyMicros) {
        latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
      }
    }
  }

  /**
   * Sleeps until the end, stops sending, and waits (up to a minute) until {@code drained}: the
   * next run must not start with this one's messages still in the server.
   */
  Load.Sample awaitEnd(BooleanSupplier drained) throws InterruptedException {
    long left;
    while ((left = endNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
    sending = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!drained.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("messages still undelivered a minute after the run ended");
      }
      Thread.sleep(10);
    }
    synchronized (latencyMicros) {
      return new Load.Sample(count.get(), (endNanos - startNanos) / 1e9, latencyMicros.copy());
    }
  }
}
