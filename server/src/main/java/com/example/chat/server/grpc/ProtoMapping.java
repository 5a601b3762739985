package com.example.chat.server.grpc;

import com.example.chat.server.directory.CompanyRecord;
import com.example.chat.server.directory.UserRecord;
import com.example.chat.server.policy.Role;
import com.example.chat.v1.Company;
import com.example.chat.v1.CustomerProfile;
import com.example.chat.v1.User;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Conversions between domain values and chat.v1 messages shared by several services. */
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

  public static Company company(CompanyRecord c) {
    return Company.newBuilder().setId(c.id().toString()).setName(c.name())
        .setCreateTime(timestamp(c.createTime())).build();
  }

  public static User user(UserRecord u) {
    User.Builder b = User.newBuilder()
        .setId(u.id().toString()).setCompanyId(u.companyId().toString()).setEmail(u.email())
        .setDisplayName(u.displayName()).setRole(role(u.role())).setDepartment(u.department())
        .setReportsToUserId(id(u.reportsTo())).setActive(u.active())
        .setCreateTime(timestamp(u.createTime()));
    if (u.customer() != null) {
      b.setCustomer(CustomerProfile.newBuilder().setOrganization(u.customer().organization())
          .setAssignedEmployeeId(u.customer().assignedTo().toString())
          .setAssignedEmployeeName(u.customer().assignedToName()));
    }
    return b.build();
  }
}
