package com.example.chat.cli;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns a failure into one clear line on standard error and an exit code that tells the kind
 * of failure apart, so that scripts can branch on it.
 */
public final class Failures implements CommandLine.IExecutionExceptionHandler {
  public static final int OTHER = 1;
  public static final int USAGE = 2;
  public static final int UNAUTHENTICATED = 3;
  public static final int PERMISSION_DENIED = 4;
  public static final int NOT_FOUND = 5;
  public static final int INVALID = 6;
  public static final int UNREACHABLE = 7;

  private final Terminal term;

  public Failures(Terminal term) {
    this.term = term;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof UsageException) {
      term.err().println("chat: " + e.getMessage());
      return USAGE;
    }
    if (e instanceof StatusRuntimeException s) {
      return report(s, serverOf(cmd));
    }
    term.err().println("chat: " + e);
    return OTHER;
  }

  private String serverOf(CommandLine cmd) {
    Object command = cmd.getCommand();
    if (command instanceof BaseCommand base) {
      return base.connection.resolve(term).server();
    }
    return "the server";
  }

  /** Prints the status as a person would want to read it and returns its exit code. */
  public int report(StatusRuntimeException e, String server) {
    Status status = e.getStatus();
    String message = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    String reason = detail(e);
    switch (status.getCode()) {
      case UNAUTHENTICATED -> {
        term.err().println("chat: authentication failed: " + message
            + " (check --token, CHAT_TOKEN or 'chat login')");
        return UNAUTHENTICATED;
      }
      case PERMISSION_DENIED -> {
        term.err().println("chat: not allowed: " + message + reason);
        return PERMISSION_DENIED;
      }
      case NOT_FOUND -> {
        term.err().println("chat: not found: " + message + reason);
        return NOT_FOUND;
      }
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS -> {
        term.err().println("chat: refused: " + message + reason);
        return INVALID;
      }
      case UNAVAILABLE, DEADLINE_EXCEEDED -> {
        term.err().println("chat: cannot reach " + server + ": " + message);
        return UNREACHABLE;
      }
      default -> {
        term.err().println("chat: " + status.getCode() + ": " + message);
        return OTHER;
      }
    }
  }

  private static String detail(StatusRuntimeException e) {
    com.google.rpc.Status rich = StatusProto.fromThrowable(e);
    if (rich == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (var any : rich.getDetailsList()) {
      try {
        if (any.is(ErrorInfo.class)) {
          parts.add(any.unpack(ErrorInfo.class).getReason());
        }
      } catch (Exception ignored) {
        // a detail we cannot read adds nothing
      }
    }
    return parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]";
  }
}
