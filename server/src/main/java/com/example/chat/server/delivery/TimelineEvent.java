package com.example.chat.server.delivery;

import com.example.chat.server.messages.MessageRecord;
import com.example.chat.server.rooms.RoomView;
import java.util.UUID;

/**
 * One event of a room timeline as read back from the database.
 *
 * @param message for message events: the message (for an edit, with the text of that edit)
 * @param member for member events: the person added or removed
 * @param name for renames: the new name
 */
public record TimelineEvent(UUID roomId, long seq, Kind kind, UUID actorId, MessageRecord message,
    RoomView.Member member, String name) {

  public enum Kind { MESSAGE_CREATED, MESSAGE_EDITED, MESSAGE_DELETED, MEMBER_ADDED, MEMBER_REMOVED, ROOM_RENAMED }
}
