package com.example.chat.db.types;

/** A person's role in their company (column app_user.role, mapped by jOOQ as this enum). */
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
