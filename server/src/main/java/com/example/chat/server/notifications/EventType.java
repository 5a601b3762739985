package com.example.chat.server.notifications;

/**
 * What a notification is about; stored by name, and named like the proto's NotificationType
 * without its prefix.
 */
public enum EventType {
  MESSAGE_RECEIVED,
  ROOM_JOINED,
  MESSAGE_EDITED,
  MESSAGE_DELETED,
  USER_CREATED,
  USER_UPDATED,
  USER_DEACTIVATED,
  CUSTOMER_PROFILE_UPDATED,
  /** Sent on request to one endpoint; endpoints do not subscribe to it and the feed never has it. */
  TEST;
}
