package com.example.chat.bench;

/**
 * A chat server the harness compares scenario by scenario: ours (the chat server's jar in its
 * own JVM) or a peer (ejabberd). Each one runs in its own processes on the bench's one
 * PostgreSQL; the harness reads {@link #pid}'s CPU and RSS from /proc around each
 * {@link Load#run}, so both sides are measured the same way.
 */
public interface SystemUnderTest extends AutoCloseable {
  /** A short name for the report ("ours", "ejabberd"). */
  String name();

  /** The server process (its CPU and RSS are measured; PostgreSQL's are measured apart). */
  long pid();

  /**
   * {@code senders} senders, each with one message in flight to its own room of
   * {@code roomSize} members (the sender and {@code roomSize - 1} members receiving); one
   * operation is one acknowledged send, its latency send-to-acknowledgement.
   */
  Load sendLoad(int senders, int roomSize) throws Exception;

  /**
   * One sender into one room of {@code members} receiving members (so {@code members + 1} in
   * all), at most {@code inFlight} messages sent but not yet delivered to every member; one
   * operation is one delivered event, its latency send-to-deliver.
   */
  Load fanOutLoad(int members, int inFlight) throws Exception;

  /** Opens {@code count} idle sessions (streams) and keeps them open until closed. */
  AutoCloseable idleSessions(int count) throws Exception;
}
