package com.example.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The results table written to BENCHMARKS.md. */
final class Report {
  /** One measured line: the system under test beside its baseline. */
  record Row(String scenario, String measure, String ours, String baseline, String ratio, String goal, String verdict) {}

  final List<Row> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  void add(String scenario, String measure, double ours, double baseline, String unit, String goal, boolean met) {
    rows.add(new Row(scenario, measure, format(ours) + " " + unit, format(baseline) + " " + unit,
        String.format(Locale.ROOT, "%.2fx", ours / baseline), goal, met ? "met" : "**missed**"));
  }

  void note(String text) {
    notes.add(text);
    System.out.println("note: " + text);
  }

  static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  /** p50 / p99 / max in milliseconds. */
  static String latency(Histogram h) {
    return String.format(Locale.ROOT, "p50 %.2f / p99 %.2f / max %.2f ms",
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
  }

  static Histogram histogram() {
    return new Histogram(60_000_000L, 3); // microseconds, up to a minute
  }
}
