package com.example.chat.bench.xmpp;

import java.util.ArrayList;
import java.util.List;

/** Sessions that logged in, joined a room and stay idle, for ejabberd's memory per session. */
final class IdleSessions implements AutoCloseable {
  private final List<XmppConnection> connections = new ArrayList<>();

  static IdleSessions open(EjabberdPeer peer, int count, int roomSize) throws Exception {
    IdleSessions sessions = new IdleSessions();
    try {
      List<String> users = peer.createUsers(count);
      List<XmppClient.JoinRequest> owners = new ArrayList<>();
      List<XmppClient.JoinRequest> others = new ArrayList<>();
      String room = null;
      for (int i = 0; i < count; i++) {
        if (i % roomSize == 0) {
          room = peer.newRoom();
          owners.add(new XmppClient.JoinRequest(users.get(i), EjabberdPeer.PASSWORD, room, (c, id, t) -> {}));
        } else {
          others.add(new XmppClient.JoinRequest(users.get(i), EjabberdPeer.PASSWORD, room, (c, id, t) -> {}));
        }
      }
      long timeout = 120 + count / 20;
      sessions.connections.addAll(peer.client().joinAll(owners, timeout));
      sessions.connections.addAll(peer.client().joinAll(others, timeout));
      return sessions;
    } catch (Exception e) {
      sessions.close();
      throw e;
    }
  }

  public int size() {
    return connections.size();
  }

  @Override
  public void close() {
    for (XmppConnection c : connections) {
      c.close();
    }
  }
}
