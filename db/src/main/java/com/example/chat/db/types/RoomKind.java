package com.example.chat.db.types;

/** Whether a room is a direct room of two people or a named group (column chat_room.kind). */
public enum RoomKind { DIRECT, GROUP }
