package com.example.chat.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** The SQLStates that mean "try again", wherever the driver's exception is wrapped. */
class DatabaseFailureTest {

  @Test
  void connectionLossShutdownsTimeoutsAndAnExhaustedPoolAreUnavailable() {
    for (String state : new String[] {"08001", "08006", "57P01", "57P02", "57P03", "57014", "53300"}) {
      assertThat(DatabaseFailure.of(new DataAccessException("x", new SQLException("x", state))))
          .as(state).contains(DatabaseFailure.UNAVAILABLE);
    }
    assertThat(DatabaseFailure.of(new CompletionException(new DataAccessException("no connection",
        new SQLTransientConnectionException("chat-db - Connection is not available, request timed out after 2000ms.")))))
        .contains(DatabaseFailure.UNAVAILABLE);
  }

  @Test
  void lostRacesAreConflictsAndEverythingElseIsNotAnOutage() {
    assertThat(DatabaseFailure.of(new SQLException("x", "40001"))).contains(DatabaseFailure.CONFLICT);
    assertThat(DatabaseFailure.of(new SQLException("x", "40P01"))).contains(DatabaseFailure.CONFLICT);
    assertThat(DatabaseFailure.of(new SQLException("syntax", "42601"))).isEmpty();
    assertThat(DatabaseFailure.of(new SQLException("unique", "23505"))).isEmpty();
    assertThat(DatabaseFailure.of(new IllegalStateException("a bug"))).isEmpty();
  }
}
