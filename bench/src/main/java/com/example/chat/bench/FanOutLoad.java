package com.example.chat.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender into one group of {@code receivers} open streams, with at most {@code inFlight}
 * messages not yet delivered to every receiver (so the server is kept busy but its queues do
 * not grow without bound). Counts delivered events; their latency is send-to-deliver. The same
 * for our server (SendMessage, Subscribe) and the trivial streaming baseline (Push, Stream).
 */
final class FanOutLoad implements Load {
  /** Sends one message with this text (it carries its send time); errors are counted by the caller. */
  interface Sender {
    void send(String text);
  }

  private final Streams streams;
  private final int receivers;
  private final int inFlight;
  private final Sender sender;
  private final AutoCloseable resources;
  final AtomicLong failed = new AtomicLong();

  FanOutLoad(Streams streams, int receivers, int inFlight, Sender sender, AutoCloseable resources) {
    this.streams = streams;
    this.receivers = receivers;
    this.inFlight = inFlight;
    this.sender = sender;
    this.resources = resources;
  }

  @Override
  public Sample run(double seconds) throws Exception {
    streams.latency.getIntervalHistogram(); // what arrived before this run is not this run's
    long base = streams.delivered.sum();
    long sent = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      if (streams.delivered.sum() - base >= (sent - inFlight + 1) * receivers) {
        sender.send(Streams.stamped(Streams.PADDING));
        sent++;
      } else {
        LockSupport.parkNanos(100_000);
      }
    }
    // The run lasts until what was sent has arrived (or is given up after a minute).
    if (!streams.awaitDelivered(base + sent * receivers, 60_000)) {
      System.out.println("note: fan-out delivered " + (streams.delivered.sum() - base) + " of " + sent * receivers);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      System.out.println("note: " + failed.getAndSet(0) + " fan-out sends failed");
    }
    return new Sample(streams.delivered.sum() - base, elapsed, streams.latency.getIntervalHistogram());
  }

  @Override
  public void close() throws Exception {
    streams.cancelAll();
    resources.close();
  }
}
