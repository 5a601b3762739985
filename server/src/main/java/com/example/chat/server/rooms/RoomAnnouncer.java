package com.example.chat.server.rooms;

import java.util.UUID;

/**
 * Told after a commit that changed something live subscribers must learn, so that they can be
 * woken. It carries no content: readers go to the database for the truth.
 */
public interface RoomAnnouncer {
  /** A room's timeline grew. */
  void announce(UUID roomId);

  /** A room was created or gained members. */
  void announceMembership(UUID roomId);

  /** A member muted or unmuted the room (it changes whom events notify). */
  void announceMuted(UUID roomId);

  /** A member's read cursor moved (for their other devices). */
  void announceRead(UUID roomId, UUID userId);

  /** For tests and tools that run without live delivery. */
  RoomAnnouncer NONE = new RoomAnnouncer() {
    @Override
    public void announce(UUID roomId) {}

    @Override
    public void announceMembership(UUID roomId) {}

    @Override
    public void announceMuted(UUID roomId) {}

    @Override
    public void announceRead(UUID roomId, UUID userId) {}
  };
}
