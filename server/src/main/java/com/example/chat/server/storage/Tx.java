package com.example.chat.server.storage;

import com.example.chat.server.changes.Change;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** One use case's transaction: the queries run on {@link #dsl()}, the changes are recorded here. */
public final class Tx {
  private final DSLContext dsl;
  private final List<Change> changes = new ArrayList<>();

  Tx(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The transaction's context: every query of the use case runs on it. */
  public DSLContext dsl() {
    return dsl;
  }

  /** Records a change to be written with the transaction and announced after its commit. */
  public void record(Change change) {
    changes.add(change);
  }

  List<Change> changes() {
    return changes;
  }
}
