package com.example.chat.server.errors;

/** The caller sees the thing but may not do this to it. */
public final class PermissionDeniedException extends ChatException {
  public PermissionDeniedException(String reason, String message) {
    super(reason, message);
  }
}
