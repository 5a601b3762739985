package com.example.chat.bench;

import java.util.function.ToDoubleFunction;

/**
 * One measured run of a load: what it completed, and the CPU time the server process and
 * PostgreSQL (all its processes) spent meanwhile, read from /proc right before and after
 * {@link Load#run}, so that set-up is not counted; also how often PostgreSQL flushed its WAL
 * to disk (pg_stat_wal.wal_sync), the price of each durable commit. Server CPU is NaN for a
 * baseline without a server process (the raw INSERT).
 */
record Measured(Load.Sample sample, double serverCpuMillis, double postgresCpuMillis, long walSyncs) {

  static Measured run(Load load, double seconds, long serverPid, BenchEnv env) throws Exception {
    long postmasterPid = env.postmasterPid;
    load.prepare();
    // Every run starts from the same state: what earlier runs and the set-up left to write is on
    // disk, and what work they left behind (the WAL writer, stragglers) has settled, so that it
    // is not counted as this run's.
    env.checkpoint();
    Thread.sleep(500);
    Breakdown breakdown = Breakdown.startIfAsked(env, serverPid);
    double server0 = serverPid > 0 ? Proc.cpuMillis(serverPid) : Double.NaN;
    double pg0 = Proc.postgresCpuMillis(postmasterPid);
    long wal0 = env.walSyncs();
    Load.Sample sample = load.run(seconds);
    long wal1 = env.walSyncs();
    double server1 = serverPid > 0 ? Proc.cpuMillis(serverPid) : Double.NaN;
    double pg1 = Proc.postgresCpuMillis(postmasterPid);
    if (breakdown != null) {
      breakdown.print(sample.count());
    }
    return new Measured(sample, server1 - server0, pg1 - pg0, wal1 - wal0);
  }

  /** The figures the report gives for every run, each with whether lower is better. */
  enum Figure {
    RATE("per second", false, false, m -> m.sample().rate()),
    P50("p50 ms", true, false, m -> m.sample().latencyMicros().getValueAtPercentile(50) / 1000.0),
    P99("p99 ms", true, false, m -> m.sample().latencyMicros().getValueAtPercentile(99) / 1000.0),
    SERVER_CPU("server CPU µs per op", true, true, m -> m.serverCpuMillis() * 1000 / m.sample().count()),
    POSTGRES_CPU("PostgreSQL CPU µs per op", true, true, m -> m.postgresCpuMillis() * 1000 / m.sample().count()),
    WAL_SYNCS("WAL syncs per op", true, true, m -> (double) m.walSyncs() / m.sample().count());

    final String heading;
    final boolean lowerIsBetter;
    /**
     * Whether a side may do none of this work at all (PostgreSQL under the empty gRPC call, the
     * trivial streams): then what is measured is background noise.
     */
    final boolean noiseBound;
    private final ToDoubleFunction<Measured> value;

    Figure(String heading, boolean lowerIsBetter, boolean noiseBound, ToDoubleFunction<Measured> value) {
      this.heading = heading;
      this.lowerIsBetter = lowerIsBetter;
      this.noiseBound = noiseBound;
      this.value = value;
    }

    double of(Measured m) {
      return m.sample().count() == 0 ? Double.NaN : value.applyAsDouble(m);
    }
  }
}
