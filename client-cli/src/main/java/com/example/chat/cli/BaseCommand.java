package com.example.chat.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What every command has: connection options, --json, and the terminal. A command returns
 * its exit code; failures are thrown and turned into one line and an exit code by
 * {@link Failures}.
 */
public abstract class BaseCommand implements Callable<Integer> {
  private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  /** The command line's connection options (declared once on {@link ChatCli}). */
  protected ConnectionOptions connection;

  @Option(names = "--json", description = "Print JSON, one object per line, for scripts.")
  protected boolean json;

  protected Terminal term;

  void attach(Terminal terminal, ConnectionOptions options) {
    this.term = terminal;
    this.connection = options;
  }

  @Override
  public final Integer call() throws Exception {
    try (ConnectionOptions.Client client = connection.connect(term)) {
      return run(client);
    }
  }

  protected abstract int run(ConnectionOptions.Client client) throws Exception;

  /** Prints a result: as one JSON line with --json, else the human line. */
  protected void print(MessageOrBuilder message, String human) {
    term.out().println(json ? toJson(message) : human);
  }

  static String toJson(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
