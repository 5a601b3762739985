package com.example.chat.server.grpc;

import com.example.chat.server.errors.ChatException;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.storage.DatabaseFailure;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become gRPC statuses. Domain refusals keep their message and
 * carry a {@code google.rpc.ErrorInfo} reason (and {@code BadRequest} field violations for
 * input). A database outage (unreachable, restarting, pool exhausted, too slow) is UNAVAILABLE
 * and a lost race with another transaction ABORTED, both with a {@code google.rpc.RetryInfo}
 * saying when to try again. Anything else is a bug: logged here with its stack trace, answered
 * as INTERNAL with a generic message.
 */
public final class ErrorMapper {
  static final String DOMAIN = "chat.example.com";
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  /** How long a client should wait before retrying after an outage: the health check's period. */
  private static final Duration RETRY_DELAY = Duration.newBuilder().setSeconds(1).build();
  // An outage fails every call for a while: one line per stretch, with a count, not one per call.
  private static final RateLimitedLog OUTAGES = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  private ErrorMapper() {}

  public static StatusException toStatus(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof StatusException s) {
      return s;
    }
    if (e instanceof StatusRuntimeException s) {
      return new StatusException(s.getStatus(), s.getTrailers());
    }
    if (e instanceof ChatException chat) {
      return fromDomain(chat);
    }
    DatabaseFailure failure = DatabaseFailure.of(e).orElse(null);
    if (failure == DatabaseFailure.UNAVAILABLE) {
      OUTAGES.warn("calls failed because the database is unavailable", e);
      return retryable(Status.Code.UNAVAILABLE, "DATABASE_UNAVAILABLE",
          "The service is temporarily unavailable. Try again in a moment.");
    }
    if (failure == DatabaseFailure.CONFLICT) {
      return retryable(Status.Code.ABORTED, "CONCURRENT_CHANGE",
          "The request collided with a concurrent change. Try again.");
    }
    LOG.error("unexpected failure of a call", e);
    return Status.INTERNAL.withDescription("The server failed to handle the request. Try again later.")
        .asException();
  }

  /** The exception a future or an executor wrapped. */
  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static StatusException retryable(Status.Code code, String reason, String message) {
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(code.value()).setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(RETRY_DELAY).build()))
        .build();
    return StatusProto.toStatusException(status);
  }

  private static StatusException fromDomain(ChatException e) {
    Status.Code code;
    if (e instanceof InvalidInputException) {
      code = Status.Code.INVALID_ARGUMENT;
    } else if (e instanceof NotFoundException) {
      code = Status.Code.NOT_FOUND;
    } else if (e instanceof PermissionDeniedException) {
      code = Status.Code.PERMISSION_DENIED;
    } else if (e instanceof FailedPreconditionException) {
      code = Status.Code.FAILED_PRECONDITION;
    } else {
      throw new AssertionError("unmapped domain exception " + e.getClass());
    }
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(code.value()).setMessage(e.getMessage())
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(e.reason()).setDomain(DOMAIN).build()));
    if (e instanceof InvalidInputException invalid) {
      BadRequest.Builder bad = BadRequest.newBuilder();
      invalid.violations().forEach(v -> bad.addFieldViolations(
          BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description())));
      status.addDetails(Any.pack(bad.build()));
    }
    return StatusProto.toStatusException(status.build());
  }

  /** Trailers carrying an ErrorInfo for a status closed outside the domain (interceptors). */
  static Metadata errorInfoTrailers(Status status, String reason) {
    com.google.rpc.Status proto = com.google.rpc.Status.newBuilder()
        .setCode(status.getCode().value()).setMessage(status.getDescription())
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
        .build();
    return StatusProto.toStatusException(proto).getTrailers();
  }
}
