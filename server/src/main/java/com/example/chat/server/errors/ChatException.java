package com.example.chat.server.errors;

/**
 * A refusal the caller should understand: the domain throws one of these, and the gRPC layer
 * maps each kind to its status in one place ({@code grpc.ErrorMapper}). The message is shown to
 * the caller, so it must say what was wrong in plain words and reveal nothing internal. The
 * reason is a stable UPPER_SNAKE code clients may branch on.
 */
public abstract sealed class ChatException extends RuntimeException
    permits InvalidInputException, NotFoundException, PermissionDeniedException,
        FailedPreconditionException {

  private final String reason;

  protected ChatException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
