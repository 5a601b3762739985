package com.example.chat.server.auth;

import com.example.chat.db.types.Role;
import java.util.UUID;

/** Who is calling: a person of a company, or a backend service. */
public sealed interface Principal {

  /** The token subject this principal was resolved from. */
  String subject();

  /** A person; role and company come from the database, never from the token. */
  record Person(UUID userId, UUID companyId, Role role, String displayName) implements Principal {
    @Override
    public String subject() {
      return userId.toString();
    }
  }

  /**
   * A backend service. {@code companyId} is the company it is bound to, or null when it may act
   * in every company.
   */
  record Service(String name, UUID companyId) implements Principal {
    public static final String SUBJECT_PREFIX = "service:";

    @Override
    public String subject() {
      return SUBJECT_PREFIX + name;
    }
  }
}
