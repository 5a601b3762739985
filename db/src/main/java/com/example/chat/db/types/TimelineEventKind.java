package com.example.chat.db.types;

/** Kinds of timeline events other than a message being sent (column room_event.kind). */
public enum TimelineEventKind { MESSAGE_EDITED, MESSAGE_DELETED, MEMBER_ADDED, MEMBER_REMOVED, ROOM_RENAMED }
