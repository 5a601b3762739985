package com.example.chat.server.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request body that does not decode with INVALID_ARGUMENT and one counted,
 * rate-limited log line.
 *
 * <p>Why by hand: grpc-java decodes the request inside its own call machinery; when the
 * marshaller throws, the exception bypasses every interceptor, the call ends UNKNOWN
 * ("Application error processing RPC") and a stack trace is logged per request (ServerImpl's
 * internalClose and the executor's logging), whatever status the exception carries. So each
 * method's request marshaller is wrapped to return null instead of throwing, and a listener
 * wrapped around all interceptors turns that null into the answer before anything else sees it.
 */
public final class UndecodableRequests {
  private static final Logger LOG = LoggerFactory.getLogger(UndecodableRequests.class);

  private final RateLimitedLog log = new RateLimitedLog(LOG, Duration.ofMinutes(1));

  /** The same service, with every method's request decoding guarded. */
  public ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> guarded = guard(method);
      methods.add(guarded);
      descriptor.addMethod(guarded.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private <Q, R> ServerMethodDefinition<Q, R> guard(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> original = method.getMethodDescriptor();
    MethodDescriptor<Q, R> tolerant = original.toBuilder(
        new NullOnFailure<>(original.getRequestMarshaller()), original.getResponseMarshaller()).build();
    ServerCallHandler<Q, R> next = method.getServerCallHandler();
    return ServerMethodDefinition.create(tolerant, (call, headers) -> refuseUndecodable(call, next.startCall(call, headers)));
  }

  private <Q, R> ServerCall.Listener<Q> refuseUndecodable(ServerCall<Q, R> call, ServerCall.Listener<Q> next) {
    return new SimpleForwardingServerCallListener<>(next) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        if (message == null) {
          refused = true;
          refuse(call);
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  private void refuse(ServerCall<?, ?> call) {
    String method = call.getMethodDescriptor().getFullMethodName();
    log.warn("undecodable request bodies refused with INVALID_ARGUMENT", "latest on " + method);
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Status.Code.INVALID_ARGUMENT.value())
        .setMessage("The request body could not be decoded as the message " + method + " expects.")
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("UNDECODABLE_REQUEST")
            .setDomain(ErrorMapper.DOMAIN).build()))
        .build();
    io.grpc.StatusException answer = StatusProto.toStatusException(status);
    try {
      call.close(answer.getStatus(), answer.getTrailers() == null ? new Metadata() : answer.getTrailers());
    } catch (IllegalStateException alreadyClosed) {
      // Refused earlier (authentication, admission): that answer stands.
    }
  }

  /** Decodes like the original; a body that does not decode becomes null instead of an exception. */
  private record NullOnFailure<T>(MethodDescriptor.Marshaller<T> original) implements MethodDescriptor.Marshaller<T> {
    @Override
    public InputStream stream(T value) {
      return original.stream(value);
    }

    @Override
    public T parse(InputStream body) {
      try {
        return original.parse(body);
      } catch (RuntimeException undecodable) {
        return null;
      }
    }
  }
}
