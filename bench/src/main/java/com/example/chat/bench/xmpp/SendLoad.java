package com.example.chat.bench.xmpp;

import com.example.chat.bench.Load;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable sends: each sender has exactly one message in flight in its own room; a send counts
 * as acknowledged when the room reflects it back to the sender, which ejabberd does only after
 * mod_mam stored it (the muc_filter_message hook runs before the room broadcasts).
 */
final class SendLoad implements Load {
  private final List<Sender> senders = new ArrayList<>();
  private final List<XmppConnection> connections = new ArrayList<>();
  private final RunWindow window = new RunWindow();
  private final EjabberdPeer peer;

  private SendLoad(EjabberdPeer peer) {
    this.peer = peer;
  }

  static SendLoad open(EjabberdPeer peer, int senderCount, int roomSize) throws Exception {
    SendLoad load = new SendLoad(peer);
    try {
      List<String> users = peer.createUsers(senderCount * roomSize);
      List<XmppClient.JoinRequest> owners = new ArrayList<>();
      List<XmppClient.JoinRequest> listeners = new ArrayList<>();
      for (int s = 0; s < senderCount; s++) {
        String room = peer.newRoom();
        Sender sender = load.new Sender(s);
        load.senders.add(sender);
        owners.add(new XmppClient.JoinRequest(users.get(s * roomSize), EjabberdPeer.PASSWORD, room, sender));
        for (int m = 1; m < roomSize; m++) {
          listeners.add(new XmppClient.JoinRequest(users.get(s * roomSize + m), EjabberdPeer.PASSWORD, room, (c, id, t) -> {}));
        }
      }
      // Senders first: the first to join creates the room, the others can only join after that.
      List<XmppConnection> senderConnections = peer.client().joinAll(owners, 120);
      for (int s = 0; s < senderCount; s++) {
        load.senders.get(s).connection = senderConnections.get(s);
      }
      load.connections.addAll(senderConnections);
      load.connections.addAll(peer.client().joinAll(listeners, 120));
      return load;
    } catch (Exception e) {
      load.close();
      throw e;
    }
  }

  @Override
  public Sample run(double seconds) throws Exception {
    window.open(seconds);
    for (Sender s : senders) {
      s.sendNext();
    }
    return window.awaitEnd(() -> senders.stream().allMatch(s -> s.pendingId == null));
  }

  @Override
  public void close() {
    for (XmppConnection c : connections) {
      c.close();
    }
  }

  /** One sender: sends the next message as soon as its previous one came back. */
  private final class Sender implements XmppConnection.MessageListener {
    private final String prefix;
    private XmppConnection connection;
    private long seq;
    private volatile String pendingId;
    private volatile long sentNanos;

    Sender(int index) {
      prefix = "s" + index + "-";
    }

    void sendNext() {
      String id = prefix + (++seq);
      sentNanos = System.nanoTime();
      pendingId = id;
      connection.sendGroupMessage(id, Messages.BODY);
      peer.countSent();
    }

    @Override
    public void onGroupMessage(XmppConnection c, String id, long receivedNanos) {
      if (id == null || !id.equals(pendingId)) {
        return;
      }
      window.completed(receivedNanos, receivedNanos - sentNanos);
      if (window.sending()) {
        sendNext();
      } else {
        pendingId = null;
      }
    }
  }
}
