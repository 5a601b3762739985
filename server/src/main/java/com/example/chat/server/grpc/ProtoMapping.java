package com.example.chat.server.grpc;

import com.example.chat.server.policy.Role;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Conversions of values every feature shares (roles, times, ids) to and from chat.v1 messages. */
public final class ProtoMapping {
  private ProtoMapping() {}

  public static Role role(com.example.chat.v1.Role role) {
    return switch (role) {
      case ROLE_SUPER_ADMIN -> Role.SUPER_ADMIN;
      case ROLE_ADMIN -> Role.ADMIN;
      case ROLE_MANAGER -> Role.MANAGER;
      case ROLE_TEAM_LEADER -> Role.TEAM_LEADER;
      case ROLE_EXECUTIVE -> Role.EXECUTIVE;
      case ROLE_CUSTOMER -> Role.CUSTOMER;
      case ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  public static com.example.chat.v1.Role role(Role role) {
    return com.example.chat.v1.Role.valueOf("ROLE_" + role.name());
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static String id(UUID id) {
    return id == null ? "" : id.toString();
  }
}
