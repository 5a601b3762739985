package com.example.chat.server.errors;

/** A limit was reached (group size, a subscriber too far behind). */
public final class ResourceExhaustedException extends ChatException {
  public ResourceExhaustedException(String reason, String message) {
    super(reason, message);
  }
}
