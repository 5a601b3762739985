package com.example.chat.bench.xmpp;

import com.example.chat.bench.Load;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out: one sender in a room with {@code members} other occupants, a fixed number of
 * messages in flight. A message leaves the window when every member got it, so the server is
 * kept busy without queueing without bound; each delivery is one event, its latency measured
 * from the send.
 */
final class FanOutLoad implements Load {
  private final EjabberdPeer peer;
  private final int members;
  private final int inFlight;
  private final RunWindow window = new RunWindow();
  private final Map<String, InFlight> pending = new ConcurrentHashMap<>();
  private final List<XmppConnection> connections = new ArrayList<>();
  private XmppConnection sender;
  private long seq;

  private FanOutLoad(EjabberdPeer peer, int members, int inFlight) {
    this.peer = peer;
    this.members = members;
    this.inFlight = inFlight;
  }

  static FanOutLoad open(EjabberdPeer peer, int members, int inFlight) throws Exception {
    FanOutLoad load = new FanOutLoad(peer, members, inFlight);
    try {
      List<String> users = peer.createUsers(members + 1);
      String room = peer.newRoom();
      // The sender creates the room; its own reflections are not deliveries.
      load.sender = peer.client().joinAll(
          List.of(new XmppClient.JoinRequest(users.get(0), EjabberdPeer.PASSWORD, room, (c, id, t) -> {})), 60).get(0);
      load.connections.add(load.sender);
      List<XmppClient.JoinRequest> receivers = new ArrayList<>();
      for (String user : users.subList(1, users.size())) {
        receivers.add(new XmppClient.JoinRequest(user, EjabberdPeer.PASSWORD, room, load::delivered));
      }
      load.connections.addAll(peer.client().joinAll(receivers, 300));
      return load;
    } catch (Exception e) {
      load.close();
      throw e;
    }
  }

  @Override
  public Sample run(double seconds) throws Exception {
    window.open(seconds);
    for (int i = 0; i < inFlight; i++) {
      sendNext();
    }
    return window.awaitEnd(pending::isEmpty);
  }

  private synchronized void sendNext() {
    String id = "f" + (++seq);
    pending.put(id, new InFlight(System.nanoTime(), members));
    sender.sendGroupMessage(id, Messages.BODY);
    peer.countSent();
  }

  private void delivered(XmppConnection receiver, String id, long receivedNanos) {
    InFlight message = id == null ? null : pending.get(id);
    if (message == null) {
      return;
    }
    window.completed(receivedNanos, receivedNanos - message.sentNanos);
    if (message.remaining.decrementAndGet() == 0) {
      pending.remove(id);
      if (window.sending()) {
        sendNext();
      }
    }
  }

  @Override
  public void close() {
    for (XmppConnection c : connections) {
      c.close();
    }
  }

  private record InFlight(long sentNanos, AtomicInteger remaining) {
    InFlight(long sentNanos, int members) {
      this(sentNanos, new AtomicInteger(members));
    }
  }
}
