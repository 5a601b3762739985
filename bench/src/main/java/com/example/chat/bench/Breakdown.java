package com.example.chat.bench;

import java.util.Locale;
import java.util.Map;

/**
 * Where a run's CPU went, for finding what to change rather than for the report:
 * BENCH_PG_PROCESSES=1 prints, after each run, PostgreSQL's CPU per operation by process (backend
 * type, application, its last statement) and the server's by thread name, to tell foreground from
 * background work; with BENCH_PG_STATEMENTS=1 also the run's costliest statements.
 */
final class Breakdown {
  private static final boolean ON = System.getenv("BENCH_PG_PROCESSES") != null;

  private final BenchEnv env;
  private final long serverPid;
  private final Map<Long, Long> postgres;
  private final Map<String, Long> threads;

  private Breakdown(BenchEnv env, long serverPid) {
    this.env = env;
    this.serverPid = serverPid;
    if (BenchEnv.STATEMENTS) {
      env.resetStatements();
    }
    this.postgres = Proc.postgresChildTicks(env.postmasterPid);
    this.threads = serverPid > 0 ? Proc.threadTicksByName(serverPid) : Map.of();
  }

  /** Starts counting, when asked for; null otherwise. */
  static Breakdown startIfAsked(BenchEnv env, long serverPid) {
    return ON ? new Breakdown(env, serverPid) : null;
  }

  /** Prints what was spent since the start, per operation. */
  void print(long operations) {
    env.printPostgresBreakdown(postgres, Proc.postgresChildTicks(env.postmasterPid), operations);
    if (BenchEnv.STATEMENTS) {
      env.printStatements(operations);
    }
    if (serverPid > 0) {
      Proc.threadTicksByName(serverPid).entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - threads.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> System.out.printf(Locale.ROOT, "    server %7.1f µs/op  %s%n",
              Proc.ticksToMillisOf(e.getValue()) * 1000 / Math.max(1, operations), e.getKey()));
    }
  }
}
