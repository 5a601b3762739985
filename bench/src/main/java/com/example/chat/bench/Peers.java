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

  /**
   * {@code auto} (ejabberd if installed), {@code ejabberd} (or fail), {@code none} (null), or
   * {@code jar:PATH}: our server built from other code (its jar, with the {@code jvm.options}
   * beside its folder), so that a change is judged against the build without it in one run,
   * interleaved, instead of across runs that vary by ±20 %.
   */
  static SystemUnderTest start(String which, BenchEnv env) throws Exception {
    Path otherBuild = otherBuild(which);
    if (otherBuild != null) {
      return new OurServer(env, otherBuild, "other jar");
    }
    boolean wanted = switch (which) {
      case "none" -> false;
      case "ejabberd" -> true;
      case "auto" -> Files.exists(EJABBERDCTL) && present(EJABBERD);
      default -> throw new IllegalArgumentException("unknown peer " + which + " (auto, ejabberd, none, jar:PATH)");
    };
    if (!wanted) {
      return null;
    }
    Method start = Class.forName(EJABBERD).getMethod("start", Path.class, String.class, String.class, String.class, int.class);
    // The same pool size as our server's.
    return (SystemUnderTest) start.invoke(null, env.dir.resolve("ejabberd"), env.db.jdbcUrl(), env.db.user(), env.db.password(), 32);
  }

  /** The jar a {@code jar:PATH} peer names; null for any other peer. */
  static Path otherBuild(String which) {
    return which.startsWith("jar:") ? Path.of(which.substring("jar:".length())) : null;
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
