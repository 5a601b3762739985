package com.example.chat.bench;

import com.example.chat.bench.Comparison.Spread;
import com.example.chat.bench.Measured.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The results written to BENCHMARKS.md: the goals with their ratios, then one table per
 * scenario group (every side's figures and the ratios, median and min–max over the repeats),
 * then the scenarios measured once, and notes.
 */
final class Report {
  /** A scenario measured once: ours beside its baseline. */
  record Row(String scenario, String measure, String ours, String baseline, String ratio, String goal, String verdict) {}

  /** A goal on the ratio of one figure of {@code side} over {@code other}: at least (or, for costs and latencies, at most) {@code bound}. */
  record Goal(String text, Comparison comparison, String side, String other, Figure figure, double bound) {
    String ratio() {
      return comparison.has(other) ? ratioText(comparison.ratio(side, other, figure)) : "—";
    }

    String verdict() {
      if (!comparison.has(other)) {
        return "not run (no " + other + ")";
      }
      double median = comparison.ratio(side, other, figure).median();
      return (figure.lowerIsBetter ? median <= bound : median >= bound) ? "met" : "**missed**";
    }
  }

  /** Scenarios shown in one table, with what each side does per operation. */
  record Group(String title, String explanation, List<Comparison> comparisons) {}

  final List<Goal> goals = new ArrayList<>();
  final List<Group> groups = new ArrayList<>();
  final List<Row> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  void goal(String text, Comparison comparison, String side, String other, Figure figure, double bound) {
    goals.add(new Goal(text, comparison, side, other, figure, bound));
  }

  void group(String title, String explanation, List<Comparison> comparisons) {
    groups.add(new Group(title, explanation, comparisons));
  }

  void add(String scenario, String measure, double ours, double baseline, String unit, String goal, boolean met) {
    rows.add(new Row(scenario, measure, format(ours) + " " + unit, format(baseline) + " " + unit,
        String.format(Locale.ROOT, "%.2fx", ours / baseline), goal, goal.startsWith("(context") ? "" : met ? "met" : "**missed**"));
  }

  void note(String text) {
    notes.add(text);
    System.out.println("note: " + text);
  }

  /** The tables in Markdown. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Goals\n\nEach ratio is ours over the other side within one round; shown as median (min–max) over the rounds, "
        + "and judged by the median.\n\n");
    md.append("| goal | ratio | |\n|---|---|---|\n");
    for (Goal g : goals) {
      md.append("| ").append(g.text()).append(" | ").append(g.ratio()).append(" | ").append(g.verdict()).append(" |\n");
    }
    for (Group group : groups) {
      md.append("\n## ").append(group.title()).append("\n\n").append(group.explanation()).append("\n\n");
      md.append("| load | side |");
      for (Figure f : Figure.values()) {
        md.append(' ').append(f.heading).append(" |");
      }
      md.append("\n|---|---|").append("---|".repeat(Figure.values().length)).append('\n');
      for (Comparison c : group.comparisons()) {
        String first = c.runs.keySet().iterator().next();
        for (String side : c.runs.keySet()) {
          md.append("| ").append(c.load).append(" (").append(c.unit).append(") | ").append(side).append(" |");
          for (Figure f : Figure.values()) {
            md.append(' ').append(figureText(c.figure(side, f))).append(" |");
          }
          md.append('\n');
        }
        for (String other : c.runs.keySet()) {
          if (!other.equals(first)) {
            md.append("| ").append(c.load).append(" | ").append(first).append(" ÷ ").append(other).append(" |");
            for (Figure f : Figure.values()) {
              md.append(' ').append(doesNoSuchWork(c, first, other, f) ? "—" : ratioText(c.ratio(first, other, f))).append(" |");
            }
            md.append('\n');
          }
        }
      }
    }
    if (!rows.isEmpty()) {
      md.append("\n## Scenarios measured once\n\n");
      md.append("| scenario | measure | ours | baseline | ratio | goal | |\n|---|---|---|---|---|---|---|\n");
      // In scenario order, whatever order they ran in (idle connections run first).
      for (Row r : rows.stream().sorted(java.util.Comparator.comparing(Row::scenario)).toList()) {
        md.append("| ").append(String.join(" | ", r.scenario(), r.measure(), r.ours(), r.baseline(), r.ratio(), r.goal(), r.verdict()))
            .append(" |\n");
      }
    }
    md.append("\n## Details\n\n");
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    return md.toString();
  }

  /**
   * Whether {@code other} does next to none of this work (under 5 % of the first side's), as
   * PostgreSQL under the empty gRPC call or the trivial streams: a ratio would only measure
   * background noise.
   */
  private static boolean doesNoSuchWork(Comparison c, String first, String other, Figure f) {
    return f.noiseBound && !(c.figure(other, f).median() >= 0.05 * c.figure(first, f).median());
  }

  private static String figureText(Spread s) {
    if (Double.isNaN(s.median())) {
      return "—";
    }
    return format(s.median()) + " (" + format(s.min()) + "–" + format(s.max()) + ")";
  }

  private static String ratioText(Spread s) {
    // NaN: a side without that figure (no server process); infinite: nothing to compare with.
    if (Double.isNaN(s.median()) || Double.isInfinite(s.max())) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2fx (%.2f–%.2f)", s.median(), s.min(), s.max());
  }

  static String format(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : value >= 0.1 ? "%.2f" : "%.3f", value);
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
