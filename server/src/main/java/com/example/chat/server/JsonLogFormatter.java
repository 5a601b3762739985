package com.example.chat.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** Structured logs: one JSON object per line (time, level, logger, message, error). */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord r) {
    StringBuilder line = new StringBuilder(256).append('{');
    field(line, "time", Instant.ofEpochMilli(r.getMillis()).toString()).append(',');
    field(line, "level", r.getLevel().getName()).append(',');
    field(line, "logger", r.getLoggerName()).append(',');
    field(line, "thread", Thread.currentThread().getName()).append(',');
    field(line, "message", formatMessage(r));
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      field(line.append(','), "error", trace.toString());
    }
    return line.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder line, String name, String value) {
    line.append('"').append(name).append("\":\"");
    String text = value == null ? "" : value;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.append('"');
  }
}
