package com.example.chat.bench;

/**
 * Events staged beforehand ({@link #prepare}, not measured) and then released at once in
 * {@link #run}: the delivery work alone, without the sends. Latency is from the release to
 * each event's arrival.
 */
final class BurstLoad implements Load {
  /** Stages and releases one burst. */
  interface Burst {
    void stage() throws Exception;

    void release() throws Exception;
  }

  private final Streams streams;
  private final long eventsPerBurst;
  private final Burst burst;
  private final AutoCloseable resources;

  BurstLoad(Streams streams, long eventsPerBurst, Burst burst, AutoCloseable resources) {
    this.streams = streams;
    this.eventsPerBurst = eventsPerBurst;
    this.burst = burst;
    this.resources = resources;
  }

  @Override
  public void prepare() throws Exception {
    burst.stage();
  }

  /** Releases one burst; {@code seconds} is ignored: the run lasts until it has all arrived. */
  @Override
  public Sample run(double seconds) throws Exception {
    streams.latency.getIntervalHistogram();
    long base = streams.delivered.sum();
    long start = System.nanoTime();
    streams.burstStarted = start;
    burst.release();
    if (!streams.awaitDelivered(base + eventsPerBurst, 120_000)) {
      System.out.println("note: burst delivered " + (streams.delivered.sum() - base) + " of " + eventsPerBurst);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    streams.burstStarted = 0;
    return new Sample(streams.delivered.sum() - base, elapsed, streams.latency.getIntervalHistogram());
  }

  @Override
  public void close() throws Exception {
    streams.cancelAll();
    resources.close();
  }
}
