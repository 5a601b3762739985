package com.example.chat.server;

import com.example.chat.server.storage.Database;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps grpc.health.v1 truthful: SERVING only while the database answers and the LISTEN
 * connection that wakes delivery is up, NOT_SERVING otherwise, so that a proxy routes away
 * during an outage and back after it. Checked once a second on a thread of its own.
 */
final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  private final HealthStatusManager health;
  private final Database database;
  private final BooleanSupplier listening;
  private final ScheduledExecutorService timer;
  private ServingStatus current;

  HealthMonitor(HealthStatusManager health, Database database, BooleanSupplier listening) {
    this.health = health;
    this.database = database;
    this.listening = listening;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "health-monitor");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Sets the first status, after giving the LISTEN connection up to {@code settle} to come up
   * (it starts in the background), then checks every {@code period}.
   */
  void start(Duration settle, Duration period) {
    long deadline = System.nanoTime() + settle.toNanos();
    while (!listening.getAsBoolean() && System.nanoTime() - deadline < 0) {
      sleep(20);
    }
    check();
    timer.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      boolean databaseUp = database.reachable();
      boolean listenerUp = listening.getAsBoolean();
      ServingStatus status = databaseUp && listenerUp ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
      if (status != current) {
        if (status == ServingStatus.SERVING) {
          LOG.info("health: SERVING");
        } else {
          LOG.warn("health: NOT_SERVING (database {}, notification listener {})",
              databaseUp ? "up" : "unreachable", listenerUp ? "up" : "down");
        }
        current = status;
        health.setStatus("", status);
      }
    } catch (RuntimeException e) {
      LOG.warn("health check failed", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops checking (before shutdown marks the server NOT_SERVING for good). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
