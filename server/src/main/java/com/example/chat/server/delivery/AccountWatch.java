package com.example.chat.server.delivery;

import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.delivery.EventStore.Account;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the open streams of users whose account changed since the stream was authorized: a
 * deactivated (or deleted) user with UNAUTHENTICATED, a user whose role or company changed with
 * UNAVAILABLE, so that the client subscribes again and is authorized with its new rights.
 * Checked when an account change is announced, and periodically as the safety net for a lost
 * announcement.
 */
final class AccountWatch {
  private static final Logger LOG = Logger.getLogger(AccountWatch.class.getName());

  private final EventStore store;
  private final OpenStreams streams;

  AccountWatch(EventStore store, OpenStreams streams) {
    this.store = store;
    this.streams = streams;
  }

  /** Checks the streams of every user with one open here. */
  void checkAll() {
    check(streams.users());
  }

  void check(Set<UUID> users) {
    if (users.isEmpty()) {
      return;
    }
    try {
      Map<UUID, Account> accounts = store.accounts(users);
      for (UUID user : users) {
        Account now = accounts.get(user);
        for (Subscriber s : streams.of(user)) {
          Status verdict = verdict(s.person(), now);
          if (verdict != null) {
            s.end(verdict);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not check the accounts of open streams; next check retries", e);
    }
  }

  /** Why a stream authorized as {@code person} must end, or null if it may go on. */
  static Status verdict(Person person, Account now) {
    if (now == null || !now.active()) {
      return Status.UNAUTHENTICATED.withDescription("Your account was deactivated.");
    }
    if (!now.companyId().equals(person.companyId()) || now.role() != person.role()) {
      return Status.UNAVAILABLE.withDescription("Your role changed. Subscribe again with your cursors.");
    }
    return null;
  }
}
