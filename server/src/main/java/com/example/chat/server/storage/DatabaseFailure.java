package com.example.chat.server.storage;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * What a database exception means for the caller, read from its SQLState (PostgreSQL's error
 * codes) wherever it sits in the cause chain (jOOQ's DataAccessException, a future's
 * CompletionException and Hikari all wrap the driver's SQLException).
 */
public enum DatabaseFailure {
  /** The database is unreachable, restarting, out of connections, or too slow: try again soon. */
  UNAVAILABLE,
  /** A concurrent transaction won (serialization failure, deadlock): the same request may succeed again. */
  CONFLICT;

  /** The kind of failure, or empty when the exception is not a database failure we can name. */
  public static Optional<DatabaseFailure> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        Optional<DatabaseFailure> kind = classify(sql);
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<DatabaseFailure> classify(SQLException e) {
    if (e instanceof SQLTransactionRollbackException) {
      return Optional.of(CONFLICT);
    }
    // Hikari: no connection within connectionTimeout (the database is down or the pool is
    // exhausted); the JDK's SQLTimeoutException and others that say "try again".
    if (e instanceof SQLTransientConnectionException || e instanceof SQLTransientException) {
      return Optional.of(UNAVAILABLE);
    }
    String state = e.getSQLState();
    if (state == null) {
      return Optional.empty();
    }
    if (state.startsWith("08") // connection exception: refused, broken, socket timeout
        || state.equals("57P01") // admin_shutdown
        || state.equals("57P02") // crash_shutdown
        || state.equals("57P03") // cannot_connect_now (starting up, recovering)
        || state.equals("57014") // query_canceled (statement timeout)
        || state.startsWith("53")) { // insufficient resources: too many connections, disk full, out of memory
      return Optional.of(UNAVAILABLE);
    }
    if (state.equals("40001") || state.equals("40P01")) { // serialization_failure, deadlock_detected
      return Optional.of(CONFLICT);
    }
    return Optional.empty();
  }
}
