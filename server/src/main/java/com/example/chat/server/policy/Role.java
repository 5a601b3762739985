package com.example.chat.server.policy;

/** A person's role in their company; the names match the database. */
public enum Role {
  SUPER_ADMIN,
  ADMIN,
  MANAGER,
  TEAM_LEADER,
  EXECUTIVE,
  CUSTOMER;

  public boolean isEmployee() {
    return this != CUSTOMER;
  }
}
