package com.example.chat.server.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message. {@code text} is null for a deleted message (a tombstone); {@code senderId}
 * is null for a system message posted by a backend service ({@code senderName} is then the
 * service's display name).
 */
public record MessageRecord(UUID roomId, long seq, UUID senderId, String senderName, String text,
    Instant createTime, Instant editTime, Instant deleteTime, String requestId) {

  public boolean deleted() {
    return deleteTime != null;
  }

  public boolean system() {
    return senderId == null;
  }
}
