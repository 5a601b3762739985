package com.example.chat.server.errors;

/** The request is well formed but the current state does not allow it. */
public final class FailedPreconditionException extends ChatException {
  public FailedPreconditionException(String reason, String message) {
    super(reason, message);
  }
}
