package com.example.chat.server.auth;

import com.example.chat.server.changes.Change;
import com.example.chat.server.storage.ChangeListener;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns a verified token subject into the caller. Role, company and the active flag are read
 * from the database so that directory changes apply without new tokens; the answer is cached
 * briefly (a few seconds) because every call needs it. Changes made through this instance
 * invalidate its cache at once (as a listener of the unit of work, after each commit that
 * changes a person); other instances see them when their entry expires.
 *
 * <p>A failed lookup (the database is down) is not cached: it propagates, and the call is
 * answered UNAVAILABLE by the error mapping.
 */
public final class PrincipalResolver implements ChangeListener {
  private final PrincipalLookup lookup;
  private final Cache<String, Optional<Principal>> cache;

  public PrincipalResolver(PrincipalLookup lookup, Duration ttl) {
    this.lookup = lookup;
    this.cache = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        // Bounded: subjects come from valid tokens, but a service may mint many.
        .maximumSize(100_000)
        .build();
  }

  /** The active principal of this subject, or empty for unknown and deactivated subjects. */
  public Optional<Principal> resolve(String subject) {
    // Computed under the entry's lock, so an invalidate() during the lookup is not overwritten
    // by the stale answer.
    return cache.get(subject, lookup::findActive);
  }

  private void invalidate(String subject) {
    cache.invalidate(subject);
  }

  /** A person's role, company or state changed: their next call reads them afresh. */
  @Override
  public void afterCommit(List<Change> changes) {
    for (Change change : changes) {
      if (change instanceof Change.UserChanged user) {
        invalidate(user.userId().toString());
      }
    }
  }
}
