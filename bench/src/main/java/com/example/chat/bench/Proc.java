package com.example.chat.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of processes, read from Linux's /proc, so that every server
 * (ours in its JVM, a peer, PostgreSQL) is measured the same way and from outside.
 */
final class Proc {
  /** Clock ticks per second of /proc/[pid]/stat's times: getconf CLK_TCK, 100 on Linux if it cannot be asked. */
  static final long TICKS_PER_SECOND = clockTicks();

  private Proc() {}

  /** CPU milliseconds (user + system, all threads) the process has used so far. */
  static double cpuMillis(long pid) {
    long[] stat = stat(pid);
    return ticksToMillis(stat[UTIME] + stat[STIME]);
  }

  /**
   * CPU milliseconds PostgreSQL has used so far: the postmaster's own, its reaped children's
   * (backends of closed connections end up in cutime/cstime) and every live child's (open
   * connections, the WAL writer, the checkpointer, ...).
   */
  static double postgresCpuMillis(long postmasterPid) {
    long[] postmaster = stat(postmasterPid);
    long ticks = postmaster[UTIME] + postmaster[STIME] + postmaster[CUTIME] + postmaster[CSTIME];
    try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : all) {
        long[] child = statOrNull(Long.parseLong(p.getFileName().toString()));
        if (child != null && child[PPID] == postmasterPid) {
          ticks += child[UTIME] + child[STIME];
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return ticksToMillis(ticks);
  }

  /** CPU ticks so far of each live child of the postmaster, by pid (for a breakdown by process). */
  static java.util.Map<Long, Long> postgresChildTicks(long postmasterPid) {
    var ticks = new java.util.HashMap<Long, Long>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : all) {
        long pid = Long.parseLong(p.getFileName().toString());
        long[] child = statOrNull(pid);
        if (child != null && child[PPID] == postmasterPid) {
          ticks.put(pid, child[UTIME] + child[STIME]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return ticks;
  }

  /** CPU ticks so far of each thread of a process, summed by thread name with digits dropped. */
  static java.util.Map<String, Long> threadTicksByName(long pid) {
    var ticks = new java.util.HashMap<String, Long>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path t : all) {
        long[] stat = statOrNull(pid + "/task/" + t.getFileName());
        String name;
        try {
          name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "#");
        } catch (IOException e) {
          continue;
        }
        if (stat != null) {
          ticks.merge(name, stat[UTIME] + stat[STIME], Long::sum);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the threads of " + pid, e);
    }
    return ticks;
  }

  static double ticksToMillisOf(long ticks) {
    return ticksToMillis(ticks);
  }

  /** Resident memory (VmRSS) in bytes. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the status of process " + pid, e);
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  // Indexes into the fields after the command name (field 3, the state, is index 0).
  private static final int PPID = 1;
  private static final int UTIME = 11;
  private static final int STIME = 12;
  private static final int CUTIME = 13;
  private static final int CSTIME = 14;

  private static long[] stat(long pid) {
    long[] fields = statOrNull(pid);
    if (fields == null) {
      throw new IllegalStateException("process " + pid + " is gone");
    }
    return fields;
  }

  /** The numeric fields of /proc/[pid]/stat after the command name, or null if the process is gone. */
  private static long[] statOrNull(long pid) {
    return statOrNull(String.valueOf(pid));
  }

  private static long[] statOrNull(String pidOrTask) {
    String text;
    try {
      text = Files.readString(Path.of("/proc", pidOrTask, "stat"));
    } catch (IOException e) {
      return null;
    }
    // The command name is in parentheses and may itself hold spaces and parentheses.
    String[] parts = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    long[] fields = new long[CSTIME + 1];
    for (int i = PPID; i < fields.length; i++) {
      fields[i] = Long.parseLong(parts[i]);
    }
    return fields;
  }

  private static double ticksToMillis(long ticks) {
    return ticks * 1000.0 / TICKS_PER_SECOND;
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to Linux's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
