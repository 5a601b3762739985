package com.example.chat.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the peer the report compares with: ejabberd when it is installed (bench/ejabberd/setup.sh
 * installs it) or asked for, none otherwise. Found by name, so that the bench compiles and runs
 * without the peer's code or ejabberd.
 */
final class Peers {
  private static final Path EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");
  private static final String EJABBERD = "com.example.chat.bench.xmpp.EjabberdPeer";

  private Peers() {}

  /** {@code auto} (ejabberd if installed), {@code ejabberd} (or fail), or {@code none}: null. */
  static SystemUnderTest start(String which, BenchEnv env) throws Exception {
    boolean wanted = switch (which) {
      case "none" -> false;
      case "ejabberd" -> true;
      case "auto" -> Files.exists(EJABBERDCTL) && present(EJABBERD);
      default -> throw new IllegalArgumentException("unknown peer " + which + " (auto, ejabberd, none)");
    };
    if (!wanted) {
      return null;
    }
    Method start = Class.forName(EJABBERD).getMethod("start", Path.class, String.class, String.class, String.class, int.class);
    // The same pool size as our server's.
    return (SystemUnderTest) start.invoke(null, env.dir.resolve("ejabberd"), env.db.jdbcUrl(), env.db.user(), env.db.password(), 32);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
