package com.example.chat.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Saved connection profiles in a per-user file readable by its owner only:
 * {@code $CHAT_CLI_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/chat-cli}, else
 * {@code ~/.config/chat-cli}; file {@code profiles.properties}.
 */
public final class Profiles {
  /** One profile: where to connect and as whom. */
  public record Profile(String server, String token, boolean tls) {}

  private final Path file;
  private final Properties properties = new Properties();

  private Profiles(Path file) {
    this.file = file;
  }

  public static Profiles load(Terminal term) {
    Path dir;
    if (term.env("CHAT_CLI_CONFIG_DIR") != null) {
      dir = Path.of(term.env("CHAT_CLI_CONFIG_DIR"));
    } else if (term.env("XDG_CONFIG_HOME") != null) {
      dir = Path.of(term.env("XDG_CONFIG_HOME"), "chat-cli");
    } else {
      dir = Path.of(System.getProperty("user.home"), ".config", "chat-cli");
    }
    Profiles profiles = new Profiles(dir.resolve("profiles.properties"));
    if (Files.exists(profiles.file)) {
      try (Reader r = Files.newBufferedReader(profiles.file)) {
        profiles.properties.load(r);
      } catch (IOException e) {
        throw new UsageException("cannot read " + profiles.file + ": " + e.getMessage());
      }
    }
    return profiles;
  }

  public Path file() {
    return file;
  }

  /** The named profile, or the default one when {@code name} is null; null if none. */
  public Profile get(String name) {
    String which = name != null ? name : properties.getProperty("default");
    if (which == null || properties.getProperty(which + ".token") == null) {
      if (name != null) {
        throw new UsageException("there is no profile named '" + name + "'; create it with: chat login --profile " + name);
      }
      return null;
    }
    return new Profile(properties.getProperty(which + ".server"), properties.getProperty(which + ".token"),
        Boolean.parseBoolean(properties.getProperty(which + ".tls")));
  }

  public TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.endsWith(".token")) {
        names.add(key.substring(0, key.length() - ".token".length()));
      }
    }
    return names;
  }

  public String defaultName() {
    return properties.getProperty("default");
  }

  /** Saves a profile (and makes it the default if there was none or {@code makeDefault}). */
  public void save(String name, Profile profile, boolean makeDefault) {
    properties.setProperty(name + ".server", profile.server());
    properties.setProperty(name + ".token", profile.token());
    properties.setProperty(name + ".tls", String.valueOf(profile.tls()));
    if (makeDefault || properties.getProperty("default") == null) {
      properties.setProperty("default", name);
    }
    try {
      Files.createDirectories(file.getParent());
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      try (Writer w = Files.newBufferedWriter(file)) {
        properties.store(w, "chat-cli profiles: tokens are secrets, keep this file private");
      }
    } catch (IOException e) {
      throw new UsageException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
