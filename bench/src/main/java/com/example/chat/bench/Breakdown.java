package com.example.chat.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's CPU went, for finding what to change rather than for the report:
 * BENCH_PG_PROCESSES=1 prints, after each run, PostgreSQL's CPU per operation by process (backend
 * type, application, its last statement) and the server's by thread name, to tell foreground from
 * background work; with BENCH_PG_STATEMENTS=1 also the run's costliest statements.
 */
final class Breakdown {
  private static final boolean ON = System.getenv("BENCH_PG_PROCESSES") != null;
  private static final long IDLE_MILLIS = 5000;

  private final BenchEnv env;
  private final long serverPid;
  private final Map<Long, Long> postgres;
  private final Map<String, Long> threads;

  private Breakdown(BenchEnv env, long serverPid) {
    this.env = env;
    this.serverPid = serverPid;
    if (BenchEnv.STATEMENTS) {
      resetStatements();
    }
    this.postgres = Proc.postgresChildTicks(env.postmasterPid);
    this.threads = serverPid > 0 ? Proc.threadTicksByName(serverPid) : Map.of();
  }

  /** Starts counting, when asked for; null otherwise. */
  static Breakdown startIfAsked(BenchEnv env, long serverPid) throws InterruptedException {
    if (!ON) {
      return null;
    }
    printIdle(env, serverPid);
    return new Breakdown(env, serverPid);
  }

  /**
   * The CPU the prepared load costs while nothing is sent (open streams, periodic work), per
   * second: at a few sends a second it is a large part of what each send seems to cost.
   */
  private static void printIdle(BenchEnv env, long serverPid) throws InterruptedException {
    double server0 = serverPid > 0 ? Proc.cpuMillis(serverPid) : 0;
    double pg0 = Proc.postgresCpuMillis(env.postmasterPid);
    Thread.sleep(IDLE_MILLIS);
    double server = (serverPid > 0 ? Proc.cpuMillis(serverPid) : 0) - server0;
    double pg = Proc.postgresCpuMillis(env.postmasterPid) - pg0;
    System.out.printf(Locale.ROOT, "    idle: server %.1f ms/s, PostgreSQL %.1f ms/s%n",
        server * 1000 / IDLE_MILLIS, pg * 1000 / IDLE_MILLIS);
  }

  /** Prints what was spent since the start, per operation. */
  void print(long operations) {
    printPostgresBreakdown(postgres, Proc.postgresChildTicks(env.postmasterPid), operations);
    if (BenchEnv.STATEMENTS) {
      printStatements(operations);
    }
    if (serverPid > 0) {
      Proc.threadTicksByName(serverPid).entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - threads.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> System.out.printf(Locale.ROOT, "    server %8.2f µs/op  %s%n",
              microsPerOp(e.getValue(), operations), e.getKey()));
    }
  }

  /** Forgets the statements tracked so far, so that the next print shows one run's. */
  private void resetStatements() {
    env.dsl().execute("create extension if not exists pg_stat_statements");
    env.dsl().execute("select pg_stat_statements_reset()");
  }

  /** Prints the statements PostgreSQL spent most time on since the reset, per operation. */
  private void printStatements(long operations) {
    double ops = Math.max(1, operations);
    env.dsl().fetch("select calls, plans, total_exec_time, total_plan_time,"
        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 70) from pg_stat_statements"
        + " order by total_exec_time + total_plan_time desc limit 10")
        .forEach(r -> System.out.printf(Locale.ROOT,
            "    statement %5.2f calls/op %5.2f plans/op exec %7.2f µs/op plan %7.2f µs/op  %s%n",
            ((Number) r.get(0)).longValue() / ops, ((Number) r.get(1)).longValue() / ops,
            ((Number) r.get(2)).doubleValue() * 1000 / ops, ((Number) r.get(3)).doubleValue() * 1000 / ops, r.get(4)));
  }

  /** Prints, per kind of PostgreSQL process, the CPU it spent between two snapshots per operation. */
  private void printPostgresBreakdown(Map<Long, Long> before, Map<Long, Long> after, long operations) {
    var labels = new HashMap<Long, String>();
    env.dsl().fetch("select pid, backend_type, coalesce(application_name, ''),"
        + " left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), 40) from pg_stat_activity")
        .forEach(r -> labels.put(((Number) r.get(0)).longValue(), r.get(1) + " | " + r.get(2) + " | " + r.get(3)));
    var byLabel = new TreeMap<String, Long>();
    after.forEach((pid, ticks) -> byLabel.merge(labels.getOrDefault(pid, "?"), ticks - before.getOrDefault(pid, 0L), Long::sum));
    byLabel.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> System.out.printf(Locale.ROOT, "    PostgreSQL %8.2f µs/op  %s%n",
            microsPerOp(e.getValue(), operations), e.getKey()));
  }

  private static double microsPerOp(long ticks, long operations) {
    return Proc.ticksToMillisOf(ticks) * 1000 / Math.max(1, operations);
  }
}
