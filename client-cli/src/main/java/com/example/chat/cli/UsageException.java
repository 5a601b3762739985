package com.example.chat.cli;

/** The command was used wrongly in a way picocli cannot see (exit code 2). */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
