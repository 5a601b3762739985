package com.example.chat.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Server settings. Each has a flag ({@code --port 50051}) and an environment variable
 * ({@code CHAT_PORT}); a flag wins over the variable, the variable over the default.
 *
 * @param port the gRPC port
 * @param databaseUrl JDBC URL of an existing PostgreSQL; empty means the embedded one
 * @param databaseUser user for {@code databaseUrl}
 * @param databasePassword password for {@code databaseUrl}
 * @param dataDir folder of the embedded PostgreSQL and of a generated JWT secret
 * @param jwt token verification settings
 * @param demo whether to load the demo companies and print a token per demo user
 * @param handlerThreads size of the bounded executor that runs RPC handlers
 * @param maxGroupSize the most members a group room may have
 * @param shutdownGrace how long shutdown waits for calls in flight
 * @param subscriberQueue events a Subscribe stream may fall behind before it is ended
 * @param sweepInterval how often delivery checks for announcements that never arrived
 * @param serviceAccounts backend services to register at start: {@code name} (every company)
 *     or {@code name@companyId} (one company)
 */
public record ServerConfig(
    int port,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    Path dataDir,
    JwtSettings jwt,
    boolean demo,
    int handlerThreads,
    int maxGroupSize,
    Duration shutdownGrace,
    int subscriberQueue,
    Duration sweepInterval,
    List<String> serviceAccounts) {

  /**
   * How tokens are verified. Exactly one key source is used: an HMAC secret (inline or file),
   * a PEM public key file, or a JWKS file.
   */
  public record JwtSettings(
      String issuer,
      String audience,
      String algorithm,
      String secret,
      Path secretFile,
      Path publicKeyFile,
      Path jwksFile,
      Duration clockSkew) {

    public boolean hasKey() {
      return secret != null || secretFile != null || publicKeyFile != null || jwksFile != null;
    }

    public JwtSettings withSecret(String newSecret) {
      return new JwtSettings(issuer, audience, algorithm, newSecret, null, null, null, clockSkew);
    }
  }

  private static final List<String> FLAGS = List.of(
      "port", "database-url", "database-user", "database-password", "data-dir", "jwt-issuer",
      "jwt-audience", "jwt-algorithm", "jwt-secret", "jwt-secret-file", "jwt-public-key-file",
      "jwt-jwks-file", "demo", "handler-threads", "max-group-size", "shutdown-grace-seconds",
      "subscriber-queue", "sweep-seconds", "service-accounts");

  public static final String USAGE = """
      Usage: java -jar chat-server.jar [--flag value ...]
        --port N                    gRPC port (CHAT_PORT, default 50051)
        --database-url URL          JDBC URL of PostgreSQL (CHAT_DATABASE_URL; default: embedded)
        --database-user U           (CHAT_DATABASE_USER)
        --database-password P       (CHAT_DATABASE_PASSWORD)
        --data-dir DIR              embedded PostgreSQL data and generated secret (CHAT_DATA_DIR, default ./data)
        --jwt-issuer ISS            required token issuer (CHAT_JWT_ISSUER, default chat)
        --jwt-audience AUD          required token audience (CHAT_JWT_AUDIENCE, default chat)
        --jwt-algorithm ALG         HS256 for secrets; RS256 or ES256 for keys (CHAT_JWT_ALGORITHM)
        --jwt-secret S              HMAC secret, at least 32 bytes (CHAT_JWT_SECRET)
        --jwt-secret-file F         file holding the HMAC secret (CHAT_JWT_SECRET_FILE)
        --jwt-public-key-file F     PEM public key (CHAT_JWT_PUBLIC_KEY_FILE)
        --jwt-jwks-file F           JWKS file (CHAT_JWT_JWKS_FILE)
        --demo                      load the demo companies and print a token per demo user (CHAT_DEMO=true)
        --handler-threads N         RPC handler threads (CHAT_HANDLER_THREADS, default 16)
        --max-group-size N          most members of a group (CHAT_MAX_GROUP_SIZE, default 1000)
        --shutdown-grace-seconds N  drain time on shutdown (CHAT_SHUTDOWN_GRACE_SECONDS, default 10)
        --subscriber-queue N        events a stream may lag before RESOURCE_EXHAUSTED (CHAT_SUBSCRIBER_QUEUE, default 2000)
        --sweep-seconds N           delivery's safety sweep for lost notifications (CHAT_SWEEP_SECONDS, default 5)
        --service-accounts LIST     backend services allowed to call, comma-separated: name (every company) or
                                    name@company-id (CHAT_SERVICE_ACCOUNTS); their tokens have sub "service:name"
      With no database URL and no JWT key, the embedded mode generates an HMAC secret once and
      keeps it in the data folder, so tokens stay valid across restarts.
      """;

  /** Reads flags, then environment variables, then defaults. */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !FLAGS.contains(arg.substring(2).split("=", 2)[0])) {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
      String name = arg.substring(2);
      if (name.contains("=")) {
        String[] kv = name.split("=", 2);
        flags.put(kv[0], kv[1]);
      } else if (name.equals("demo")) {
        flags.put(name, "true");
      } else if (i + 1 < args.length) {
        flags.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for --" + name);
      }
    }
    Settings s = new Settings(flags, env);
    String jwtSecretFile = s.get("jwt-secret-file", null);
    String publicKey = s.get("jwt-public-key-file", null);
    String jwks = s.get("jwt-jwks-file", null);
    String defaultAlgorithm = publicKey != null || jwks != null ? "RS256" : "HS256";
    JwtSettings jwt = new JwtSettings(
        s.get("jwt-issuer", "chat"),
        s.get("jwt-audience", "chat"),
        s.get("jwt-algorithm", defaultAlgorithm),
        s.get("jwt-secret", null),
        jwtSecretFile == null ? null : Path.of(jwtSecretFile),
        publicKey == null ? null : Path.of(publicKey),
        jwks == null ? null : Path.of(jwks),
        Duration.ofSeconds(30));
    return new ServerConfig(
        s.getInt("port", 50051),
        s.get("database-url", ""),
        s.get("database-user", ""),
        s.get("database-password", ""),
        Path.of(s.get("data-dir", "data")),
        jwt,
        Boolean.parseBoolean(s.get("demo", "false")),
        s.getInt("handler-threads", 16),
        s.getInt("max-group-size", 1000),
        Duration.ofSeconds(s.getInt("shutdown-grace-seconds", 10)),
        s.getInt("subscriber-queue", 2000),
        Duration.ofSeconds(s.getInt("sweep-seconds", 5)),
        s.get("service-accounts", "").isBlank() ? List.of() : List.of(s.get("service-accounts", "").split(",")));
  }

  public boolean embedded() {
    return databaseUrl.isEmpty();
  }

  public ServerConfig withJwt(JwtSettings newJwt) {
    return new ServerConfig(port, databaseUrl, databaseUser, databasePassword, dataDir, newJwt,
        demo, handlerThreads, maxGroupSize, shutdownGrace, subscriberQueue, sweepInterval, serviceAccounts);
  }

  public ServerConfig withSubscriberQueue(int events) {
    return new ServerConfig(port, databaseUrl, databaseUser, databasePassword, dataDir, jwt,
        demo, handlerThreads, maxGroupSize, shutdownGrace, events, sweepInterval, serviceAccounts);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(newPort, databaseUrl, databaseUser, databasePassword, dataDir, jwt,
        demo, handlerThreads, maxGroupSize, shutdownGrace, subscriberQueue, sweepInterval, serviceAccounts);
  }

  private record Settings(Map<String, String> flags, Map<String, String> env) {
    String get(String name, String fallback) {
      String flag = flags.get(name);
      if (flag != null) {
        return flag;
      }
      String var = env.get("CHAT_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      return var == null || var.isEmpty() ? fallback : var;
    }

    int getInt(String name, int fallback) {
      String value = get(name, null);
      try {
        return value == null ? fallback : Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
      }
    }
  }
}
