package com.example.chat.server.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run RPC handlers, and the admission of new calls to them. A fixed number of
 * handler threads work off a queue; while {@code queueLimit} tasks already wait, a new call is
 * refused at once with RESOURCE_EXHAUSTED instead of waiting behind them or being dropped.
 *
 * <p>Why this shape: grpc-java hands every call to its executor from the network thread; an
 * executor that rejects a task there (a full bounded queue) breaks the stream with an internal
 * error and a logged stack trace, not a status. So the decision is made earlier, in grpc-java's
 * per-call executor choice ({@link ServerCallExecutorSupplier}): a call admitted to the handler
 * pool is never rejected later (the queue itself is unbounded; admission bounds it), and a call
 * refused runs on a small dispatch pool where {@link #admission()}, the outermost interceptor,
 * closes it before any handler work. The dispatch pool also does grpc-java's method lookup and
 * answers health checks, which must not wait behind busy handlers.
 */
public final class HandlerPool implements ServerCallExecutorSupplier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerPool.class);
  private static final ThreadLocal<Boolean> REFUSING = ThreadLocal.withInitial(() -> false);
  private static final Status SATURATED = Status.RESOURCE_EXHAUSTED
      .withDescription("The server is busy. Try again in a moment.");

  private final ThreadPoolExecutor handlers;
  private final ThreadPoolExecutor dispatch;
  private final int queueLimit;
  private final Executor refusing;
  private final RateLimitedLog refusals = new RateLimitedLog(LOG, Duration.ofSeconds(10));

  public HandlerPool(int threads, int queueLimit) {
    this.queueLimit = queueLimit;
    this.handlers = pool("grpc-handler-", threads);
    // Its tasks are short (method lookup, health answers from memory, closing refused calls);
    // two threads keep one slow task from stalling the others.
    this.dispatch = pool("grpc-dispatch-", 2);
    this.refusing = task -> dispatch.execute(() -> {
      REFUSING.set(true);
      try {
        task.run();
      } finally {
        REFUSING.set(false);
      }
    });
  }

  private static ThreadPoolExecutor pool(String prefix, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, prefix + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The server's default executor: grpc-java's method lookup runs here, before admission. */
  public Executor dispatcher() {
    return dispatch;
  }

  @Override
  public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
    if (call.getMethodDescriptor().getServiceName().equals(HealthGrpc.SERVICE_NAME)) {
      return dispatch;
    }
    if (handlers.getQueue().size() >= queueLimit) {
      refusals.warn("calls refused with RESOURCE_EXHAUSTED: every handler thread is busy and "
          + queueLimit + " calls wait", "latest " + call.getMethodDescriptor().getFullMethodName());
      return refusing;
    }
    return handlers;
  }

  /** Closes the calls that {@link #getExecutor} refused; the outermost interceptor of every service. */
  public ServerInterceptor admission() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        if (REFUSING.get()) {
          call.close(SATURATED, ErrorMapper.errorInfoTrailers(SATURATED, "SERVER_BUSY"));
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }

  /** Calls waiting for a handler thread; for tests and metrics. */
  public int waiting() {
    return handlers.getQueue().size();
  }

  @Override
  public void close() {
    handlers.shutdown();
    dispatch.shutdown();
  }
}
