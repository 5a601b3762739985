package com.example.chat.server.delivery;

import com.example.chat.server.changes.Change;
import com.example.chat.server.storage.ChangeListener;
import java.util.List;

/**
 * Hands the messages this instance commits straight to its own subscribers, so that delivery
 * here does not read back from PostgreSQL what was just written (other instances read them
 * when the announcement arrives).
 */
public final class CommittedMessages implements ChangeListener {
  private final DeliveryHub hub;

  public CommittedMessages(DeliveryHub hub) {
    this.hub = hub;
  }

  @Override
  public void afterCommit(List<Change> changes) {
    for (Change change : changes) {
      if (change instanceof Change.MessageSent sent) {
        hub.committed(sent.message());
      }
    }
  }
}
