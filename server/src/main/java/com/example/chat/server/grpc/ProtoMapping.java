package com.example.chat.server.grpc;

import com.example.chat.db.types.Role;
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
    return switch (role) {
      case SUPER_ADMIN -> com.example.chat.v1.Role.ROLE_SUPER_ADMIN;
      case ADMIN -> com.example.chat.v1.Role.ROLE_ADMIN;
      case MANAGER -> com.example.chat.v1.Role.ROLE_MANAGER;
      case TEAM_LEADER -> com.example.chat.v1.Role.ROLE_TEAM_LEADER;
      case EXECUTIVE -> com.example.chat.v1.Role.ROLE_EXECUTIVE;
      case CUSTOMER -> com.example.chat.v1.Role.ROLE_CUSTOMER;
    };
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static String id(UUID id) {
    return id == null ? "" : id.toString();
  }
}
