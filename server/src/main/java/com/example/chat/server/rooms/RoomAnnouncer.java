package com.example.chat.server.rooms;

import java.util.UUID;

/**
 * Told after a commit that changed a room (a new room, a new timeline event), so that live
 * subscribers can be woken. It carries no content: readers go to the database for the truth.
 */
public interface RoomAnnouncer {
  void announce(UUID roomId);
}
