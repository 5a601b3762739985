package com.example.chat.server.grpc;

import com.example.chat.server.errors.ChatException;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.errors.ResourceExhaustedException;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become gRPC statuses. Domain refusals keep their message and
 * carry a {@code google.rpc.ErrorInfo} reason (and {@code BadRequest} field violations for
 * input); anything else is a bug or an outage: logged here with its stack trace, answered as
 * INTERNAL with a generic message.
 */
public final class ErrorMapper {
  static final String DOMAIN = "chat.example.com";
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  public static StatusException toStatus(Throwable error) {
    if (error instanceof StatusException s) {
      return s;
    }
    if (error instanceof StatusRuntimeException s) {
      return new StatusException(s.getStatus(), s.getTrailers());
    }
    if (error instanceof ChatException chat) {
      return fromDomain(chat);
    }
    LOG.error("unexpected failure of a call", error);
    return Status.INTERNAL.withDescription("The server failed to handle the request. Try again later.")
        .asException();
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
    } else if (e instanceof ResourceExhaustedException) {
      code = Status.Code.RESOURCE_EXHAUSTED;
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
