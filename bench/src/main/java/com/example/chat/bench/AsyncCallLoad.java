package com.example.chat.bench;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A closed loop of asynchronous gRPC calls: {@code slots} calls in flight, each started again
 * as soon as the previous one of its slot completes, so the load generator needs no blocked
 * thread per client. Counts the calls that completed successfully within the run and records
 * each one's latency (start to response).
 */
final class AsyncCallLoad implements Load {
  /** Starts one call for slot {@code slot}, reporting its outcome to {@code done}. */
  interface Call {
    void start(int slot, StreamObserver<Object> done);
  }

  private final int slots;
  private final Call call;
  private final AutoCloseable resources;

  AsyncCallLoad(int slots, Call call, AutoCloseable resources) {
    this.slots = slots;
    this.call = call;
    this.resources = resources;
  }

  @Override
  public Sample run(double seconds) throws Exception {
    Recorder latency = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch stopped = new CountDownLatch(slots);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int s = 0; s < slots; s++) {
      startCall(s, end, latency, completed, failed, stopped);
    }
    if (!stopped.await((long) seconds + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(stopped.getCount() + " calls did not complete in a minute");
    }
    if (failed.get() > 0) {
      System.out.println("note: " + failed.get() + " calls failed in a run of " + completed.get());
    }
    return new Sample(completed.get(), (end - start) / 1e9, latency.getIntervalHistogram());
  }

  private void startCall(int slot, long end, Recorder latency, AtomicLong completed, AtomicLong failed, CountDownLatch stopped) {
    long started = System.nanoTime();
    call.start(slot, new StreamObserver<>() {
      private boolean ok;

      @Override
      public void onNext(Object response) {
        ok = true;
      }

      @Override
      public void onError(Throwable t) {
        failed.incrementAndGet();
        next();
      }

      @Override
      public void onCompleted() {
        long now = System.nanoTime();
        if (ok && now <= end) {
          completed.incrementAndGet();
          latency.recordValue((now - started) / 1000);
        }
        next();
      }

      private void next() {
        if (System.nanoTime() < end) {
          startCall(slot, end, latency, completed, failed, stopped);
        } else {
          stopped.countDown();
        }
      }
    });
  }

  @Override
  public void close() throws Exception {
    resources.close();
  }
}
