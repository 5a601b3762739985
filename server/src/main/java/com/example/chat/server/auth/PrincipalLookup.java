package com.example.chat.server.auth;

import java.util.Optional;

/**
 * What authentication needs from the directory, and nothing more: the active principal behind a
 * token subject. The directory implements it; authentication never reaches into the directory.
 */
@FunctionalInterface
public interface PrincipalLookup {

  /** The active principal of this subject, or empty for unknown and deactivated subjects. */
  Optional<Principal> findActive(String subject);
}
