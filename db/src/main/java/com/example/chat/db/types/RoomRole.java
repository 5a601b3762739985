package com.example.chat.db.types;

/** A member's part in a room: the group's owner or a member (column chat_participant.room_role). */
public enum RoomRole { OWNER, MEMBER }
