package com.example.chat.bench.xmpp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One client session: a plain TCP stream, SASL PLAIN, resource binding and one MUC room, then
 * groupchat messages both ways. Everything it receives is handled on its reader thread.
 */
public final class XmppConnection implements AutoCloseable {
  /** Gets the room's groupchat messages (including the reflection of this session's own). */
  public interface MessageListener {
    /** {@code id} is the id the sender gave the message; {@code receivedNanos} from System.nanoTime. */
    void onGroupMessage(XmppConnection connection, String id, long receivedNanos);
  }

  private enum State { FEATURES, AUTH, FEATURES_AFTER_AUTH, BIND, SESSION, JOIN, CONFIGURE, READY, CLOSED }

  private static final String NS_MUC = "http://jabber.org/protocol/muc";

  final SocketChannel channel;
  private final XmppClient client;
  private final String user;
  private final String password;
  private final String room;
  private final MessageListener listener;
  private final CompletableFuture<XmppConnection> joined;
  private final StanzaScanner scanner = new StanzaScanner();
  private volatile State state = State.FEATURES;
  /** The last stanza before READY, to say where a handshake got stuck. */
  private volatile String lastHandshakeStanza = "(none)";
  private boolean sessionRequired;

  XmppConnection(XmppClient client, SocketChannel channel, String user, String password, String room,
      MessageListener listener, CompletableFuture<XmppConnection> joined) {
    this.client = client;
    this.channel = channel;
    this.user = user;
    this.password = password;
    this.room = room;
    this.listener = listener;
    this.joined = joined;
  }

  public String user() {
    return user;
  }

  /** The room's bare JID, e.g. {@code r1@conference.bench.local}. */
  public String room() {
    return room;
  }

  /** Sends a groupchat message; the room reflects it to this session too, with the same id. */
  public void sendGroupMessage(String id, String body) {
    write("<message to='" + room + "' type='groupchat' id='" + id + "'><body>" + body + "</body></message>");
  }

  // --- called on the reader thread ----------------------------------------------------------

  void opened() {
    openStream();
  }

  void received(ByteBuffer data) {
    scanner.feed(data, sink);
  }

  void closedByServer(Exception cause) {
    if (state != State.CLOSED) {
      State was = state;
      state = State.CLOSED;
      fail("connection of " + user + " closed by the server in state " + was + (cause == null ? "" : ": " + cause));
      closeChannel();
    }
  }

  private final StanzaScanner.Sink sink = new StanzaScanner.Sink() {
    @Override
    public void streamOpened() {}

    @Override
    public void stanza(String xml) {
      handle(xml);
    }

    @Override
    public void streamClosed() {
      closedByServer(null);
    }
  };

  private void handle(String xml) {
    String name = StanzaScanner.name(xml);
    if (state == State.READY) {
      if (name.equals("message")) {
        long now = System.nanoTime();
        if ("groupchat".equals(StanzaScanner.attribute(xml, "type"))) {
          listener.onGroupMessage(this, StanzaScanner.attribute(xml, "id"), now);
        }
      }
      // Presence of other occupants joining or leaving: nothing to do.
      return;
    }
    lastHandshakeStanza = xml;
    if (name.equals("stream:error")) {
      fail("stream error for " + user + ": " + xml);
      return;
    }
    switch (state) {
      case FEATURES -> {
        if (name.equals("stream:features")) {
          String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
          state = State.AUTH;
          write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        }
      }
      case AUTH -> {
        if (name.equals("success")) {
          state = State.FEATURES_AFTER_AUTH;
          openStream();
        } else {
          fail("login of " + user + " refused: " + xml);
        }
      }
      case FEATURES_AFTER_AUTH -> {
        if (name.equals("stream:features")) {
          // RFC 6121 made the session request optional; ejabberd says so with <optional/>.
          sessionRequired = xml.contains("xmpp-session") && !xml.contains("<optional/>");
          state = State.BIND;
          write("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind></iq>");
        }
      }
      case BIND -> {
        expectResult(xml, "bind");
        if (sessionRequired) {
          state = State.SESSION;
          write("<iq type='set' id='session'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
        } else {
          sendJoin();
        }
      }
      case SESSION -> {
        expectResult(xml, "session");
        sendJoin();
      }
      case JOIN -> {
        if (name.equals("presence") && "error".equals(StanzaScanner.attribute(xml, "type"))) {
          fail("join of " + user + " refused: " + xml);
        } else if (name.equals("presence") && isSelfPresence(xml)) {
          if (hasStatus(xml, "201")) {
            // We created the room: it stays locked until its owner accepts the default
            // configuration (XEP-0045 "instant room"), and others could not join it.
            state = State.CONFIGURE;
            write("<iq type='set' id='configure' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
          } else {
            ready();
          }
        }
      }
      case CONFIGURE -> {
        if (name.equals("iq")) {
          expectResult(xml, "configure");
          ready();
        }
      }
      default -> {}
    }
  }

  /** Fails the join if it is still under way, saying in which state and after which stanza. */
  void giveUpJoining(long afterSeconds) {
    if (!joined.isDone()) {
      fail(user + " not in " + room + " after " + afterSeconds + " s, in state " + state + " after " + lastHandshakeStanza);
    }
  }

  private void sendJoin() {
    state = State.JOIN;
    // No history on joining: the benchmark only looks at messages sent after everyone is in.
    write("<presence to='" + room + "/" + user + "'><x xmlns='" + NS_MUC + "'><history maxstanzas='0'/></x></presence>");
  }

  private void ready() {
    state = State.READY;
    joined.complete(this);
  }

  private void expectResult(String xml, String id) {
    if (!id.equals(StanzaScanner.attribute(xml, "id")) || !"result".equals(StanzaScanner.attribute(xml, "type"))) {
      fail("unexpected answer to " + id + " for " + user + ": " + xml);
    }
  }

  private static boolean isSelfPresence(String xml) {
    return hasStatus(xml, "110");
  }

  private static boolean hasStatus(String xml, String code) {
    return xml.contains("code='" + code + "'") || xml.contains("code=\"" + code + "\"");
  }

  private void openStream() {
    write("<?xml version='1.0'?><stream:stream to='" + client.domain
        + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
  }

  private void fail(String why) {
    if (!joined.isDone()) {
      joined.completeExceptionally(new IOException(why));
    } else if (state != State.CLOSED) {
      System.err.println(why);
    }
  }

  /**
   * Writes the whole stanza. Stanzas are small and the benchmark keeps few in flight, so the
   * socket buffer practically never fills; if it does, this waits briefly instead of queueing.
   */
  private synchronized void write(String xml) {
    ByteBuffer data = ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (data.hasRemaining()) {
        if (channel.write(data) == 0) {
          if (System.nanoTime() > deadline) {
            throw new IOException("socket of " + user + " stayed full for 10 s");
          }
          LockSupport.parkNanos(50_000);
        }
      }
    } catch (IOException e) {
      fail("write for " + user + " failed: " + e);
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      if (channel.isOpen()) {
        write("</stream:stream>");
      }
    } catch (RuntimeException e) {
      // closing anyway
    }
    closeChannel();
  }

  private void closeChannel() {
    client.forget(this);
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
