package com.example.chat.server.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;

/**
 * Closes a call whose handler (or an interceptor inside this one, authentication included)
 * threw, with the status {@link ErrorMapper} chooses, so that service adapters need no
 * try/catch and nothing reaches grpc-java's own handler, which would answer UNKNOWN. It must be
 * the outermost of our interceptors.
 */
public final class ExceptionInterceptor implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      close(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } catch (RuntimeException e) {
          ErrorMapper.toStatus(e); // the call is gone; the mapper logs what was unexpected
        }
      }

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } catch (RuntimeException e) {
          ErrorMapper.toStatus(e);
        }
      }
    };
  }

  private static void close(ServerCall<?, ?> call, RuntimeException error) {
    StatusException status = ErrorMapper.toStatus(error);
    Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
    try {
      call.close(status.getStatus(), trailers);
    } catch (IllegalStateException alreadyClosed) {
      // The handler closed the call before failing; nothing more to say to the client.
    }
  }
}
