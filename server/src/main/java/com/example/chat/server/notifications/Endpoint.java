package com.example.chat.server.notifications;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A webhook endpoint as stored, without its secrets.
 *
 * @param disabledReason null while enabled
 * @param previousSecretUntil until when the secret replaced by the last rotation still signs; null if none
 */
public record Endpoint(UUID id, UUID companyId, String url, Set<EventType> eventTypes,
    String description, boolean enabled, DisabledReason disabledReason, Instant previousSecretUntil,
    Instant createTime, Instant updateTime) {

  /** Why an endpoint receives nothing. */
  public enum DisabledReason { BY_ADMIN, GONE }

  /** An endpoint with its secret, as returned once by create and rotate. */
  public record WithSecret(Endpoint endpoint, String secret) {}
}
