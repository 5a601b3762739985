package com.example.chat.server.storage;

import com.example.chat.server.changes.Change;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * The one way a use case touches the database: {@link #run} opens a transaction in which the
 * use case makes its checks and its writes; the changes it records go to the listeners, inside
 * the transaction before the commit and after the commit, never after a rollback. Throwing
 * from the work rolls everything back.
 */
public final class UnitOfWork {
  private static final Logger LOG = Logger.getLogger(UnitOfWork.class.getName());

  private final DSLContext dsl;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  public UnitOfWork(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Adds a listener (at wiring time). */
  public void listen(ChangeListener listener) {
    listeners.add(listener);
  }

  /** Runs a use case that may write: one transaction, then its changes are published. */
  public <T> T run(Function<Tx, T> work) {
    Tx[] done = new Tx[1];
    T result = dsl.transactionResult(cfg -> {
      Tx tx = new Tx(cfg.dsl());
      T value = work.apply(tx);
      beforeCommit(tx);
      done[0] = tx;
      return value;
    });
    afterCommit(done[0]);
    return result;
  }

  /**
   * Runs a use case whose writes are one statement, committed by itself (no BEGIN, no COMMIT
   * round trip, no row lock held while the server reads the result). Everything that must
   * commit with its changes has to be in that statement (the send statement writes its own
   * outbox rows): the listeners' beforeCommit runs after it, on a transaction that refuses
   * further statements. A failing statement commits nothing and publishes nothing.
   */
  public <T> T runAsOneStatement(Function<Tx, T> work) {
    Tx tx = new Tx(dsl);
    T value = work.apply(tx);
    tx.seal();
    try {
      beforeCommit(tx);
    } catch (RuntimeException e) {
      // The statement has committed: failing the use case now would have its caller store it
      // again. A listener that needs to write here is a mistake in the code, loud in the log.
      LOG.log(Level.SEVERE, "a listener wrote after a one-statement unit of work had committed", e);
    }
    afterCommit(tx);
    return value;
  }

  private void beforeCommit(Tx tx) {
    if (!tx.changes().isEmpty()) {
      for (ChangeListener listener : listeners) {
        listener.beforeCommit(tx, List.copyOf(tx.changes()));
      }
    }
  }

  private void afterCommit(Tx tx) {
    publish(tx.changes());
    for (Runnable action : tx.afterCommitActions()) {
      afterCommit(action);
    }
  }

  /**
   * Runs a use case that only reads, without opening a transaction: each statement runs on a
   * pooled connection and sees what is committed when it starts (reads that must agree with
   * each other are one statement, or belong in {@link #run}).
   */
  public <T> T read(Function<DSLContext, T> work) {
    return work.apply(dsl);
  }

  private static void afterCommit(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an action after a commit failed", e);
    }
  }

  private void publish(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<Change> published = List.copyOf(changes);
    for (ChangeListener listener : listeners) {
      try {
        listener.afterCommit(published);
      } catch (RuntimeException e) {
        // The commit stands; delivery's periodic sweep finds what an announcement missed.
        LOG.log(Level.WARNING, "a listener failed after a commit", e);
      }
    }
  }
}
