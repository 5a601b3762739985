package com.example.chat.server.directory;

import static com.example.chat.server.grpc.ProtoMapping.id;
import static com.example.chat.server.grpc.ProtoMapping.role;
import static com.example.chat.server.grpc.ProtoMapping.timestamp;

import com.example.chat.v1.Company;
import com.example.chat.v1.CustomerProfile;
import com.example.chat.v1.User;

/** Directory records to chat.v1 messages. */
public final class DirectoryProtos {
  private DirectoryProtos() {}

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
