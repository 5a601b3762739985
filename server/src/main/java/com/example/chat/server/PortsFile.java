package com.example.chat.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the listening ports as one JSON object ({@code {"grpc": 50051}}) so that a script or a
 * test that started the server with port 0 learns which ports it got. The file appears whole
 * (written beside, then moved into place), so a reader polling for it never sees half of it.
 */
final class PortsFile {
  private PortsFile() {}

  static void write(Path file, Map<String, Integer> ports) {
    // Names are fixed identifiers and values numbers: nothing to escape, no JSON library needed.
    String json = ports.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}\n"));
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
      Files.writeString(partial, json);
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ports file " + file, e);
    }
  }
}
