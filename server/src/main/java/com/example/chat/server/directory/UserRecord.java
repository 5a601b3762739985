package com.example.chat.server.directory;

import com.example.chat.db.types.Role;
import java.time.Instant;
import java.util.UUID;

/** A user as the directory stores it. {@code customer} is set for customers only. */
public record UserRecord(UUID id, UUID companyId, String email, String displayName, Role role,
    String department, UUID reportsTo, boolean active, Customer customer, Instant createTime) {

  /** A customer's organization and assigned employee. */
  public record Customer(String organization, UUID assignedTo, String assignedToName) {}
}
