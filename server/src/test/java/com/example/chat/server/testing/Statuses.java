package com.example.chat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on gRPC errors as a client sees them. */
public final class Statuses {
  private Statuses() {}

  public static StatusRuntimeException failure(ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call should have failed").isNotNull();
    return e;
  }

  public static StatusRuntimeException assertStatus(Status.Code code, ThrowingCallable call) {
    StatusRuntimeException e = failure(call);
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
    assertThat(e.getStatus().getDescription()).as("a message a person understands")
        .isNotBlank().doesNotContainIgnoringCase("sql").doesNotContain("Exception");
    return e;
  }

  /** The ErrorInfo reason carried by the error, or null. */
  public static String reason(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst()
        .map(a -> {
          try {
            return a.unpack(ErrorInfo.class).getReason();
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        }).orElse(null);
  }

  /** The fields named by BadRequest violations. */
  public static List<String> violatedFields(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("rich error details").isNotNull();
    return status.getDetailsList().stream().filter(a -> a.is(BadRequest.class))
        .flatMap(a -> {
          try {
            return a.unpack(BadRequest.class).getFieldViolationsList().stream();
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        }).map(BadRequest.FieldViolation::getField).toList();
  }
}
