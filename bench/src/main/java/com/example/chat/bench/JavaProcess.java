package com.example.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a JVM of its own (our chat server, the trivial streaming baseline), so that the
 * load generator's work is not counted as the server's, and the server's CPU and memory can
 * be read from /proc. It writes its gRPC port to a ports file ({@code {"grpc": 1234}}), which
 * is how the harness learns that it is ready.
 */
final class JavaProcess implements AutoCloseable {
  /**
   * The options of every server JVM the bench starts (ours and the trivial baseline alike; the
   * report says them), unless {@code -Dbench.server.jvm="..."} gives others: those our server
   * ships with, read from {@code server/jvm.options} (what {@code server/chat-server} passes to
   * java), so that the bench measures the server as it runs.
   */
  static final String JVM_OPTIONS = optionsOf(serverJar());

  /** The JVM options for a chat server jar: {@code -Dbench.server.jvm}, or its shipped ones. */
  static String optionsOf(Path serverJar) {
    String configured = System.getProperty("bench.server.jvm");
    return configured != null ? configured : shippedOptions(serverJar);
  }

  private static Path serverJar() {
    try {
      return BenchEnv.serverJar();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code jvm.options} beside the jar's folder ({@code server/}): one option per line, # starts a comment. */
  private static String shippedOptions(Path serverJar) {
    try {
      Path file = serverJar.toAbsolutePath().getParent().resolveSibling("jvm.options");
      List<String> options = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        int comment = line.indexOf('#');
        String option = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!option.isEmpty()) {
          options.add(option);
        }
      }
      return String.join(" ", options);
    } catch (Exception e) {
      throw new IllegalStateException("the server's JVM options (jvm.options beside " + serverJar + ") could not be read", e);
    }
  }

  private final Process process;
  private final int port;
  private final Path log;

  private JavaProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmOptions> <launch...> --ports-file <file> <args...>} with its output in
   * {@code <dir>/<name>.log}, and waits until it listens.
   */
  static JavaProcess start(Path dir, String name, String jvmOptions, List<String> launch, List<String> args)
      throws Exception {
    Path portsFile = dir.resolve(name + ".ports.json");
    Files.deleteIfExists(portsFile);
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    command.addAll(launch);
    command.add("--ports-file");
    command.add(portsFile.toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(portsFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start; its output:\n" + tail(log));
      }
      Thread.sleep(50);
    }
    Matcher grpc = Pattern.compile("\"grpc\":\\s*(\\d+)").matcher(Files.readString(portsFile));
    if (!grpc.find()) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " wrote no gRPC port to " + portsFile);
    }
    return new JavaProcess(process, Integer.parseInt(grpc.group(1)), log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy(); // SIGTERM: the server's shutdown hook closes its pool
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    if (process.exitValue() != 0 && process.exitValue() != 143) {
      System.out.println("note: " + log.getFileName() + " ended with " + process.exitValue());
    }
  }
}
