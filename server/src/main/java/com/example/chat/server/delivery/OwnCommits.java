package com.example.chat.server.delivery;

import com.example.chat.server.changes.Change;
import com.example.chat.server.storage.ChangeListener;
import java.util.List;

/**
 * Applies this instance's own commits to its own streams at once, without waiting for their
 * announcement to come back through PostgreSQL: a message is handed to its room's subscribers
 * here instead of being read back (other instances read it when the announcement arrives),
 * and an account change ends the person's streams here first, so that nothing committed after
 * a deactivation reaches a stream of the deactivated person.
 */
public final class OwnCommits implements ChangeListener {
  private final DeliveryHub hub;

  public OwnCommits(DeliveryHub hub) {
    this.hub = hub;
  }

  @Override
  public void afterCommit(List<Change> changes) {
    for (Change change : changes) {
      if (change instanceof Change.UserChanged c
          && (c.kind() == Change.UserChange.DEACTIVATED || c.kind() == Change.UserChange.UPDATED)) {
        hub.accountChanged(c.userId());
      } else if (change instanceof Change.MessageSent sent) {
        hub.committed(sent.message());
      }
    }
  }
}
