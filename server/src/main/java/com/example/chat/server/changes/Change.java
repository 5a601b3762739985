package com.example.chat.server.changes;

import com.example.chat.server.messages.MessageRecord;
import java.util.List;
import java.util.UUID;

/**
 * A change a use case made, recorded on its transaction ({@code Tx.record}). Listeners turn
 * changes into what must happen with them: rows written in the same transaction (the webhook
 * outbox) and announcements published after the commit (live delivery). A use case never
 * calls those itself, so none can forget one, and a rollback publishes nothing.
 */
public sealed interface Change {

  /** The company the change belongs to. */
  UUID companyId();

  /**
   * A message was stored (as it was committed: this instance delivers it without reading it
   * back). {@code outbox} says whether its notification rows are still to be written.
   */
  record MessageSent(UUID companyId, MessageRecord message, Outbox outbox) implements Change {
    public UUID roomId() {
      return message.roomId();
    }

    public long seq() {
      return message.seq();
    }

    /** Null for a system message. */
    public UUID senderId() {
      return message.senderId();
    }

    public boolean system() {
      return message.system();
    }
  }

  /**
   * Whether the notification rows of a change are still to be written before the commit
   * ({@code TO_WRITE}, the outbox listener does it), or were written by the statement that made
   * the change ({@code WRITTEN}: some rows, {@code NONE}: nobody was to be notified). The send
   * batch writes its own, so a batch of sends costs one statement.
   */
  enum Outbox { TO_WRITE, WRITTEN, NONE }

  /** A message was edited; the edit is on the timeline at {@code eventSeq}. */
  record MessageEdited(UUID companyId, UUID roomId, long seq, long eventSeq, UUID actorId) implements Change {}

  /** A message was deleted; the deletion is on the timeline at {@code eventSeq}. */
  record MessageDeleted(UUID companyId, UUID roomId, long seq, long eventSeq, UUID actorId) implements Change {}

  /**
   * People joined a room: at its creation ({@code roomCreated}, including the creator) or added
   * later by {@code actorId}.
   */
  record MembersAdded(UUID companyId, UUID roomId, List<UUID> userIds, UUID actorId, boolean roomCreated)
      implements Change {}

  /** A member left ({@code actorId} is the member) or was removed. */
  record MemberRemoved(UUID companyId, UUID roomId, UUID userId, UUID actorId, long seq) implements Change {}

  /** A group was renamed. */
  record RoomRenamed(UUID companyId, UUID roomId, String name, UUID actorId, long seq) implements Change {}

  /** A member muted or unmuted a room (it changes whom events notify). */
  record MuteChanged(UUID companyId, UUID roomId, UUID userId, boolean muted) implements Change {}

  /** A member's read cursor moved (their other devices follow). */
  record ReadCursorMoved(UUID companyId, UUID roomId, UUID userId) implements Change {}

  /** A person of the directory was created or changed. */
  record UserChanged(UUID companyId, UUID userId, UserChange kind) implements Change {}

  /** What happened to a person of the directory. */
  enum UserChange { CREATED, UPDATED, DEACTIVATED, CUSTOMER_PROFILE_UPDATED }
}
