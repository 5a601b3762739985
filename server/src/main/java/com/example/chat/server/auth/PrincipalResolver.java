package com.example.chat.server.auth;

import com.example.chat.server.directory.DirectoryRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a verified token subject into the caller. Role, company and the active flag are read
 * from the database so that directory changes apply without new tokens; the answer is cached
 * briefly (a few seconds) because every call needs it. Changes made through this instance
 * invalidate its cache at once; other instances see them when their entry expires.
 */
public final class PrincipalResolver {
  private record Entry(Optional<Principal> principal, long expiresAtNanos) {}

  private final DirectoryRepository directory;
  private final long ttlNanos;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public PrincipalResolver(DirectoryRepository directory, Duration ttl) {
    this.directory = directory;
    this.ttlNanos = ttl.toNanos();
  }

  /** The active principal of this subject, or empty for unknown and deactivated subjects. */
  public Optional<Principal> resolve(String subject) {
    long now = System.nanoTime();
    Entry entry = cache.get(subject);
    if (entry == null || now - entry.expiresAtNanos() > 0) {
      entry = new Entry(directory.findActivePrincipal(subject), now + ttlNanos);
      if (cache.size() > 100_000) {
        cache.clear(); // a crude bound: the cache is an optimisation, never the truth
      }
      cache.put(subject, entry);
    }
    return entry.principal();
  }

  public void invalidate(String subject) {
    cache.remove(subject);
  }
}
