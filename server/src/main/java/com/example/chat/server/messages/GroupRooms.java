package com.example.chat.server.messages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;

/**
 * The rooms known to be groups. A room never changes its kind, and in a group every member may
 * send, which the send statement checks itself (it stores nothing for a non-member). So a send
 * into a known group needs no access query before it; a direct room's conversation rule still
 * does.
 */
final class GroupRooms {
  private final Cache<UUID, Boolean> known = Caffeine.newBuilder().maximumSize(100_000).build();

  boolean known(UUID roomId) {
    return known.getIfPresent(roomId) != null;
  }

  void remember(UUID roomId) {
    known.put(roomId, Boolean.TRUE);
  }
}
