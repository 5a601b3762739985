package com.example.chat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same load on several sides (ours, a peer, a baseline), run in interleaved repeats
 * (ours, peer, ours, peer, ...; every other round in reverse order, so that neither side
 * always runs first on a machine that warms up or tires), after one unmeasured warm-up run
 * each, as long as a measured one. Ratios are taken within a round (ours in round r over the other side in round r), and
 * each figure and ratio is reported as min / median / max over the rounds.
 */
final class Comparison {
  /** A side: its load and the server process whose CPU is counted (0: none). */
  record Side(String name, Load load, long serverPid) {}

  /** Min, median and max of a figure over the rounds. */
  record Spread(double min, double median, double max) {
    static Spread of(double[] values) {
      double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
      if (sorted.length == 0) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN);
      }
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return new Spread(sorted[0], median, sorted[n - 1]);
    }
  }

  final String load;
  final String unit;
  final Map<String, List<Measured>> runs = new LinkedHashMap<>();

  private Comparison(String load, String unit) {
    this.load = load;
    this.unit = unit;
  }

  /**
   * Runs every side {@code repeats} times, interleaved, each run about {@code seconds} long.
   * {@code load} names the load in the report, {@code unit} what one operation is ("msg", "event").
   */
  static Comparison run(String load, String unit, int repeats, double seconds, BenchEnv env, List<Side> sides)
      throws Exception {
    Comparison c = new Comparison(load, unit);
    for (Side side : sides) {
      c.runs.put(side.name(), new ArrayList<>());
      // Warm-up as long as a measured run: on 2 shared cores the JIT needs seconds per new code path.
      Measured.run(side.load(), seconds, side.serverPid(), env);
    }
    for (int round = 0; round < repeats; round++) {
      List<Side> order = new ArrayList<>(sides);
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (Side side : order) {
        Measured m = Measured.run(side.load(), seconds, side.serverPid(), env);
        c.runs.get(side.name()).add(m);
        System.out.printf(java.util.Locale.ROOT, "  %s, %s: %,.0f %s/s, p50 %.2f ms, p99 %.2f ms, server %.1f µs, PostgreSQL %.1f µs, %.3f WAL syncs per %s%n",
            load, side.name(), m.sample().rate(), unit, Measured.Figure.P50.of(m), Measured.Figure.P99.of(m),
            Measured.Figure.SERVER_CPU.of(m), Measured.Figure.POSTGRES_CPU.of(m), Measured.Figure.WAL_SYNCS.of(m), unit);
      }
    }
    return c;
  }

  Spread figure(String side, Measured.Figure figure) {
    return Spread.of(runs.get(side).stream().mapToDouble(figure::of).toArray());
  }

  /** Round-by-round ratio of {@code side} over {@code other} for one figure. */
  Spread ratio(String side, String other, Measured.Figure figure) {
    List<Measured> a = runs.get(side);
    List<Measured> b = runs.get(other);
    double[] ratios = new double[Math.min(a.size(), b.size())];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = figure.of(a.get(i)) / figure.of(b.get(i));
    }
    return Spread.of(ratios);
  }

  boolean has(String side) {
    return runs.containsKey(side);
  }
}
