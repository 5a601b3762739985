package com.example.chat.bench;

import org.HdrHistogram.Histogram;

/**
 * A steady load on one system under test (the chat server or a peer such as ejabberd), set up
 * beforehand: {@link #run} drives it for a while and reports what was acknowledged or
 * delivered. The harness reads the servers' CPU from /proc right around {@code run}, so the
 * set-up and tear-down of a load are not measured.
 */
public interface Load extends AutoCloseable {
  /**
   * Called before each {@link #run}, outside the measurement: for a load that must stage work
   * first (messages committed beforehand, to be delivered in the run). Most loads need nothing.
   */
  default void prepare() throws Exception {}

  /** Drives the load for about {@code seconds}; returns what completed in that time. */
  Sample run(double seconds) throws Exception;

  /**
   * What one run completed: {@code count} operations (acknowledged sends, or delivered events
   * for fan-out) in {@code seconds}, with each one's latency in microseconds.
   */
  record Sample(long count, double seconds, Histogram latencyMicros) {
    public double rate() {
      return count / seconds;
    }
  }
}
