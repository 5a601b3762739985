package com.example.chat.server.storage;

import com.example.chat.server.changes.Change;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** One use case's transaction: the queries run on {@link #dsl()}, the changes are recorded here. */
public final class Tx {
  private final DSLContext dsl;
  private final List<Change> changes = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private boolean sealed;

  Tx(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The transaction's context: every query of the use case runs on it. */
  public DSLContext dsl() {
    if (sealed) {
      throw new IllegalStateException("this unit of work was one statement, committed already; "
          + "what commits with its changes belongs in that statement");
    }
    return dsl;
  }

  /** The use case's one statement has committed (see {@code UnitOfWork.runAsOneStatement}). */
  void seal() {
    sealed = true;
  }

  /** Records a change to be written with the transaction and announced after its commit. */
  public void record(Change change) {
    changes.add(change);
  }

  /** Runs {@code action} once the transaction has committed (never after a rollback). */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  List<Runnable> afterCommitActions() {
    return afterCommit;
  }

  List<Change> changes() {
    return changes;
  }
}
