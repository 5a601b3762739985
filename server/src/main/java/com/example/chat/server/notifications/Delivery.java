package com.example.chat.server.notifications;

import java.time.Instant;
import java.util.UUID;

/** One event's delivery to one endpoint, for admins. {@code lastStatusCode} 0 means no answer. */
public record Delivery(long id, UUID eventId, EventType type, State state, int attempts,
    int lastStatusCode, String lastError, Instant lastAttemptTime, Instant nextAttemptTime,
    Instant createTime) {

  /** Where a delivery stands. */
  public enum State { PENDING, DELIVERED, FAILED }
}
