package com.example.chat.server.delivery;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The open Subscribe streams of this instance, by user. */
final class OpenStreams {
  private final ConcurrentHashMap<UUID, Set<Subscriber>> byUser = new ConcurrentHashMap<>();

  void add(Subscriber s) {
    byUser.computeIfAbsent(s.userId(), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  void remove(Subscriber s) {
    byUser.computeIfPresent(s.userId(), (k, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  /** The user's open streams (empty if none). */
  Set<Subscriber> of(UUID userId) {
    return byUser.getOrDefault(userId, Set.of());
  }

  /** The users with at least one open stream, as a snapshot. */
  Set<UUID> users() {
    return Set.copyOf(byUser.keySet());
  }

  void forEach(Consumer<Subscriber> action) {
    byUser.values().forEach(set -> set.forEach(action));
  }

  int count() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }
}
