package com.example.chat.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a verified token subject into the caller. Role, company and the active flag are read
 * from the database so that directory changes apply without new tokens; the answer is cached
 * briefly (a few seconds) because every call needs it. Changes made through this instance
 * invalidate its cache at once (the wiring calls {@link #invalidate} after each commit that
 * changes a user); other instances see them when their entry expires.
 *
 * <p>A failed lookup (the database is down) is not cached: it propagates, and the call is
 * answered UNAVAILABLE by the error mapping.
 */
public final class PrincipalResolver {
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

  public void invalidate(String subject) {
    cache.invalidate(subject);
  }
}
