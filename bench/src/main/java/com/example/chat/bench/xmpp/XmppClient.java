package com.example.chat.bench.xmpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many XMPP connections read by a few selector threads, so that 10,000 idle sessions need no
 * 10,000 threads (JDK 17 has no virtual threads) and the client stays light next to the server
 * it measures. Each connection's handshake runs as a small state machine on its reader thread.
 */
public final class XmppClient implements AutoCloseable {
  /** Handshakes under way at once: more only queue inside ejabberd and time out. */
  private static final int CONCURRENT_LOGINS = 200;
  /** A login and join that takes longer is stuck: it fails, and frees its place. */
  private static final long JOIN_TIMEOUT_SECONDS = 60;

  final InetSocketAddress server;
  final String domain;
  final String mucDomain;
  private final List<Reader> readers = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Semaphore logins = new Semaphore(CONCURRENT_LOGINS);
  private final List<XmppConnection> connections = new ArrayList<>();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "xmpp-join-timeouts");
    t.setDaemon(true);
    return t;
  });

  public XmppClient(InetSocketAddress server, String domain, int readerThreads) throws IOException {
    this.server = server;
    this.domain = domain;
    this.mucDomain = "conference." + domain;
    for (int i = 0; i < readerThreads; i++) {
      Reader reader = new Reader(i);
      readers.add(reader);
      reader.start();
    }
  }

  /**
   * Connects, logs in as {@code user} (SASL PLAIN, no TLS), binds a resource and joins
   * {@code room} (created as an instant room by whoever joins first). Completes with the
   * connection once its own presence in the room came back; {@code listener} then gets the
   * room's messages.
   */
  public CompletableFuture<XmppConnection> join(String user, String password, String room, XmppConnection.MessageListener listener) {
    CompletableFuture<XmppConnection> joined = new CompletableFuture<>();
    try {
      if (!logins.tryAcquire(JOIN_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS)) {
        throw new IOException("no login finished within " + JOIN_TIMEOUT_SECONDS * 2 + " s");
      }
      SocketChannel channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.connect(server);
      channel.configureBlocking(false);
      XmppConnection connection = new XmppConnection(this, channel, user, password, room + "@" + mucDomain, listener, joined);
      synchronized (connections) {
        connections.add(connection);
      }
      joined.whenComplete((c, e) -> logins.release());
      timeouts.schedule(() -> connection.giveUpJoining(JOIN_TIMEOUT_SECONDS), JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      readers.get(Math.floorMod(next.getAndIncrement(), readers.size())).register(connection);
    } catch (IOException e) {
      logins.release();
      joined.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      joined.completeExceptionally(e);
    }
    return joined;
  }

  /** Joins all, in order, at most {@link #CONCURRENT_LOGINS} at a time; fails at the first that fails. */
  public List<XmppConnection> joinAll(List<JoinRequest> requests, long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    List<CompletableFuture<XmppConnection>> futures = new ArrayList<>();
    for (JoinRequest r : requests) {
      CompletableFuture<XmppConnection> f = join(r.user(), r.password(), r.room(), r.listener());
      if (f.isCompletedExceptionally()) {
        f.join(); // throws its cause
      }
      futures.add(f);
    }
    List<XmppConnection> result = new ArrayList<>();
    for (CompletableFuture<XmppConnection> f : futures) {
      result.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    }
    return result;
  }

  /** One connection to open: who, into which room, and who hears its messages. */
  public record JoinRequest(String user, String password, String room, XmppConnection.MessageListener listener) {}

  void forget(XmppConnection connection) {
    synchronized (connections) {
      connections.remove(connection);
    }
  }

  @Override
  public void close() {
    List<XmppConnection> open;
    synchronized (connections) {
      open = new ArrayList<>(connections);
    }
    for (XmppConnection c : open) {
      c.close();
    }
    for (Reader r : readers) {
      r.shutdown();
    }
    timeouts.shutdownNow();
  }

  /** One selector thread: reads its connections and feeds their scanners. */
  private static final class Reader extends Thread {
    private final Selector selector;
    private final Queue<XmppConnection> toRegister = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean running = true;

    Reader(int index) throws IOException {
      super("xmpp-reader-" + index);
      setDaemon(true);
      selector = Selector.open();
    }

    void register(XmppConnection connection) {
      toRegister.add(connection);
      selector.wakeup();
    }

    void shutdown() {
      running = false;
      selector.wakeup();
      try {
        join(5000);
        selector.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void run() {
      while (running) {
        try {
          selector.select();
          XmppConnection c;
          while ((c = toRegister.poll()) != null) {
            c.channel.register(selector, SelectionKey.OP_READ, c);
            c.opened();
          }
          for (SelectionKey key : selector.selectedKeys()) {
            readFrom(key);
          }
          selector.selectedKeys().clear();
        } catch (IOException | RuntimeException e) {
          if (running) {
            System.err.println("xmpp reader: " + e);
          }
        }
      }
    }

    private void readFrom(SelectionKey key) {
      XmppConnection c = (XmppConnection) key.attachment();
      try {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
          key.cancel();
          c.closedByServer(null);
          return;
        }
        readBuffer.flip();
        c.received(readBuffer);
      } catch (IOException | RuntimeException e) {
        key.cancel();
        c.closedByServer(e);
      }
    }
  }
}
