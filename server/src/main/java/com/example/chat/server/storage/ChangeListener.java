package com.example.chat.server.storage;

import com.example.chat.server.changes.Change;
import java.util.List;

/**
 * Reacts to the changes of a unit of work. Registered once at wiring time; a use case never
 * calls a listener itself.
 */
public interface ChangeListener {

  /**
   * Inside the transaction, after the use case and before the commit: write what must commit
   * together with the changes (an outbox row), and say what must follow the commit
   * ({@link Tx#afterCommit}). Throwing rolls the whole use case back.
   */
  default void beforeCommit(Tx tx, List<Change> changes) {}

  /**
   * After the commit, never after a rollback: announce the changes. Must return quickly and
   * must not throw (the caller's answer is already decided).
   */
  default void afterCommit(List<Change> changes) {}
}
