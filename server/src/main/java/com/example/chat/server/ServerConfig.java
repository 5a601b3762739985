package com.example.chat.server;

import com.example.chat.server.auth.JwtSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.example.chat.server.notifications.NotificationSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Server settings, read by picocli. Each setting is a flag ({@code --port 50051}) whose default
 * comes from an environment variable ({@code CHAT_PORT}) and then from the value written after
 * {@code :-}: a flag wins over the variable, the variable over the default.
 *
 * <p>To add a setting: one {@code @Option} field below, in the group it belongs to, with
 * {@code defaultValue = "${env:CHAT_NAME:-default}"} and a description ending in
 * {@code (CHAT_NAME, default ${DEFAULT-VALUE})}, plus an accessor. {@code --help} lists it.
 */
@Command(name = "chat-server", sortOptions = false, usageHelpWidth = 110,
    description = "Runs the chat gRPC server.",
    footer = {"",
        "With no database URL and no JWT key, the embedded mode generates an HMAC secret once and keeps it",
        "in the data folder, so tokens stay valid across restarts."})
public final class ServerConfig {

  // ---- network ----

  @Option(names = "--port", paramLabel = "N", defaultValue = "${env:CHAT_PORT:-50051}",
      description = "gRPC port; 0 takes any free port (CHAT_PORT, default ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--ports-file", paramLabel = "FILE", defaultValue = "${env:CHAT_PORTS_FILE:-}",
      description = "once listening, write the ports as JSON, e.g. {\"grpc\": 50051}, for scripts and tests "
          + "that start the server with port 0 (CHAT_PORTS_FILE)")
  private String portsFile;

  @Option(names = "--web-port", paramLabel = "N", defaultValue = "${env:CHAT_WEB_PORT:-8080}",
      description = "web port: the API over gRPC-Web and gRPC, and the web app; 0 takes any free port, "
          + "-1 turns it off (CHAT_WEB_PORT, default ${DEFAULT-VALUE})")
  private int webPort;

  @Option(names = "--web-origins", paramLabel = "LIST", defaultValue = "${env:CHAT_WEB_ORIGINS:-}",
      description = "other origins whose pages may call the web port (CORS), comma-separated, e.g. "
          + "https://chat.example.com; * for any (CHAT_WEB_ORIGINS; default: only the web port's own pages)")
  private String webOrigins;

  // ---- database ----

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:CHAT_DATABASE_URL:-}",
      description = "JDBC URL of PostgreSQL (CHAT_DATABASE_URL; default: embedded)")
  private String databaseUrl;

  @Option(names = "--database-user", paramLabel = "U", defaultValue = "${env:CHAT_DATABASE_USER:-}",
      description = "(CHAT_DATABASE_USER)")
  private String databaseUser;

  @Option(names = "--database-password", paramLabel = "P", defaultValue = "${env:CHAT_DATABASE_PASSWORD:-}",
      description = "(CHAT_DATABASE_PASSWORD)")
  private String databasePassword;

  @Option(names = "--database-timeout-ms", paramLabel = "MS", defaultValue = "${env:CHAT_DATABASE_TIMEOUT_MS:-2000}",
      description = "how long a call waits for the database (a pooled connection, a new connection) before it "
          + "answers UNAVAILABLE; a statement silent for ten times as long is given up too "
          + "(CHAT_DATABASE_TIMEOUT_MS, default ${DEFAULT-VALUE})")
  private int databaseTimeoutMillis;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:CHAT_DATA_DIR:-data}",
      description = "embedded PostgreSQL data and generated secret (CHAT_DATA_DIR, default ${DEFAULT-VALUE})")
  private Path dataDir;

  // ---- authentication ----

  @Option(names = "--jwt-issuer", paramLabel = "ISS", defaultValue = "${env:CHAT_JWT_ISSUER:-chat}",
      description = "required token issuer (CHAT_JWT_ISSUER, default ${DEFAULT-VALUE})")
  private String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD", defaultValue = "${env:CHAT_JWT_AUDIENCE:-chat}",
      description = "required token audience (CHAT_JWT_AUDIENCE, default ${DEFAULT-VALUE})")
  private String jwtAudience;

  @Option(names = "--jwt-algorithm", paramLabel = "ALG", defaultValue = "${env:CHAT_JWT_ALGORITHM:-}",
      description = "HS256 for secrets; RS256 or ES256 for keys (CHAT_JWT_ALGORITHM; default HS256 for a "
          + "secret, RS256 for a key)")
  private String jwtAlgorithm;

  @Option(names = "--jwt-secret", paramLabel = "S", defaultValue = "${env:CHAT_JWT_SECRET:-}",
      description = "HMAC secret, at least 32 bytes (CHAT_JWT_SECRET)")
  private String jwtSecret;

  @Option(names = "--jwt-secret-file", paramLabel = "F", defaultValue = "${env:CHAT_JWT_SECRET_FILE:-}",
      description = "file holding the HMAC secret (CHAT_JWT_SECRET_FILE)")
  private String jwtSecretFile;

  @Option(names = "--jwt-public-key-file", paramLabel = "F", defaultValue = "${env:CHAT_JWT_PUBLIC_KEY_FILE:-}",
      description = "PEM public key (CHAT_JWT_PUBLIC_KEY_FILE)")
  private String jwtPublicKeyFile;

  @Option(names = "--jwt-jwks-file", paramLabel = "F", defaultValue = "${env:CHAT_JWT_JWKS_FILE:-}",
      description = "JWKS file (CHAT_JWT_JWKS_FILE)")
  private String jwtJwksFile;

  @Option(names = "--service-accounts", paramLabel = "LIST", defaultValue = "${env:CHAT_SERVICE_ACCOUNTS:-}",
      description = "backend services allowed to call, comma-separated: name (every company) or "
          + "name@company-id (CHAT_SERVICE_ACCOUNTS); their tokens have sub \"service:name\"")
  private String serviceAccounts;

  // ---- behaviour ----

  @Option(names = "--demo", defaultValue = "${env:CHAT_DEMO:-false}",
      description = "load the demo companies and print a token per demo user (CHAT_DEMO=true)")
  private boolean demo;

  @Option(names = "--handler-threads", paramLabel = "N", defaultValue = "${env:CHAT_HANDLER_THREADS:-16}",
      description = "RPC handler threads (CHAT_HANDLER_THREADS, default ${DEFAULT-VALUE})")
  private int handlerThreads;

  @Option(names = "--handler-queue", paramLabel = "N", defaultValue = "${env:CHAT_HANDLER_QUEUE:-10000}",
      description = "calls that may wait for a handler thread; beyond it calls get RESOURCE_EXHAUSTED "
          + "(CHAT_HANDLER_QUEUE, default ${DEFAULT-VALUE})")
  private int handlerQueue;

  @Option(names = "--max-group-size", paramLabel = "N", defaultValue = "${env:CHAT_MAX_GROUP_SIZE:-1000}",
      description = "most members of a group (CHAT_MAX_GROUP_SIZE, default ${DEFAULT-VALUE})")
  private int maxGroupSize;

  @Option(names = "--shutdown-grace-seconds", paramLabel = "N", defaultValue = "${env:CHAT_SHUTDOWN_GRACE_SECONDS:-10}",
      description = "drain time on shutdown (CHAT_SHUTDOWN_GRACE_SECONDS, default ${DEFAULT-VALUE})")
  private int shutdownGraceSeconds;

  // ---- delivery ----

  @Option(names = "--subscriber-queue", paramLabel = "N", defaultValue = "${env:CHAT_SUBSCRIBER_QUEUE:-2000}",
      description = "events a stream may lag before RESOURCE_EXHAUSTED (CHAT_SUBSCRIBER_QUEUE, default ${DEFAULT-VALUE})")
  private int subscriberQueue;

  @Option(names = "--sweep-seconds", paramLabel = "N", defaultValue = "${env:CHAT_SWEEP_SECONDS:-5}",
      description = "delivery's safety sweep for lost notifications (CHAT_SWEEP_SECONDS, default ${DEFAULT-VALUE})")
  private int sweepSeconds;

  @Option(names = "--heartbeat-seconds", paramLabel = "N", defaultValue = "${env:CHAT_HEARTBEAT_SECONDS:-15}",
      description = "a Subscribe stream silent this long carries a heartbeat, so that clients (grpc-web too) can "
          + "tell a quiet stream from a dead server (CHAT_HEARTBEAT_SECONDS, default ${DEFAULT-VALUE})")
  private int heartbeatSeconds;

  // ---- notifications (webhooks and the service feed) ----

  @Option(names = "--webhook-allow-http", defaultValue = "${env:CHAT_WEBHOOK_ALLOW_HTTP:-false}",
      description = "accept plain http webhook URLs; for development only (CHAT_WEBHOOK_ALLOW_HTTP=true)")
  private boolean webhookAllowHttp;

  @Option(names = "--webhook-allow-hosts", paramLabel = "LIST", defaultValue = "${env:CHAT_WEBHOOK_ALLOW_HOSTS:-}",
      description = "hosts webhooks may call even on loopback or private addresses, comma-separated, e.g. "
          + "127.0.0.1 for a receiver on the same machine (CHAT_WEBHOOK_ALLOW_HOSTS)")
  private String webhookAllowHosts;

  @Option(names = "--webhook-timeout-ms", paramLabel = "MS", defaultValue = "${env:CHAT_WEBHOOK_TIMEOUT_MS:-10000}",
      description = "how long one webhook request may take (CHAT_WEBHOOK_TIMEOUT_MS, default ${DEFAULT-VALUE})")
  private int webhookTimeoutMillis;

  @Option(names = "--webhook-retry-hours", paramLabel = "N", defaultValue = "${env:CHAT_WEBHOOK_RETRY_HOURS:-24}",
      description = "how long a webhook delivery is retried before it is kept as failed "
          + "(CHAT_WEBHOOK_RETRY_HOURS, default ${DEFAULT-VALUE})")
  private int webhookRetryHours;

  @Option(names = "--webhook-retry-base-ms", paramLabel = "MS", defaultValue = "${env:CHAT_WEBHOOK_RETRY_BASE_MS:-10000}",
      description = "delay before the second attempt; each later one doubles it, with jitter "
          + "(CHAT_WEBHOOK_RETRY_BASE_MS, default ${DEFAULT-VALUE})")
  private int webhookRetryBaseMillis;

  @Option(names = "--webhook-retry-max-ms", paramLabel = "MS", defaultValue = "${env:CHAT_WEBHOOK_RETRY_MAX_MS:-3600000}",
      description = "longest delay between two attempts (CHAT_WEBHOOK_RETRY_MAX_MS, default ${DEFAULT-VALUE})")
  private int webhookRetryMaxMillis;

  @Option(names = "--webhook-secret-grace-hours", paramLabel = "N",
      defaultValue = "${env:CHAT_WEBHOOK_SECRET_GRACE_HOURS:-24}",
      description = "how long a rotated-out signing secret still signs deliveries "
          + "(CHAT_WEBHOOK_SECRET_GRACE_HOURS, default ${DEFAULT-VALUE})")
  private int webhookSecretGraceHours;

  @Option(names = "--webhook-senders", paramLabel = "N", defaultValue = "${env:CHAT_WEBHOOK_SENDERS:-8}",
      description = "concurrent webhook requests of this instance (CHAT_WEBHOOK_SENDERS, default ${DEFAULT-VALUE})")
  private int webhookSenders;

  @Option(names = "--notification-poll-ms", paramLabel = "MS", defaultValue = "${env:CHAT_NOTIFICATION_POLL_MS:-500}",
      description = "how often notification work made by other instances is looked for "
          + "(CHAT_NOTIFICATION_POLL_MS, default ${DEFAULT-VALUE})")
  private int notificationPollMillis;

  @Option(names = "--notification-retention-days", paramLabel = "N",
      defaultValue = "${env:CHAT_NOTIFICATION_RETENTION_DAYS:-7}",
      description = "how long notifications are kept for the service feed "
          + "(CHAT_NOTIFICATION_RETENTION_DAYS, default ${DEFAULT-VALUE})")
  private int notificationRetentionDays;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
  private boolean help;

  /** The flags this configuration was read from, so that {@link #with} can change some of them. */
  private final List<String> args = new ArrayList<>();

  private ServerConfig() {}

  /**
   * Reads the flags; settings without a flag come from {@code CHAT_*} environment variables,
   * then from their defaults.
   *
   * @throws IllegalArgumentException for an unknown flag or a malformed value, with a message
   *     that names it
   */
  public static ServerConfig parse(String... args) {
    ServerConfig config = new ServerConfig();
    try {
      commandLine(config).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    config.args.addAll(Arrays.asList(args));
    config.check();
    return config;
  }

  /** A copy with some flags added; a flag given again replaces its earlier value ({@code with("--port", "0")}). */
  public ServerConfig with(String... moreArgs) {
    List<String> all = new ArrayList<>(args);
    all.addAll(Arrays.asList(moreArgs));
    return parse(all.toArray(String[]::new));
  }

  /** Whether the arguments ask for the usage text ({@code --help}). */
  public static boolean helpRequested(String... args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /** The usage text: every flag with its variable and default. */
  public static String usage() {
    StringWriter text = new StringWriter();
    commandLine(new ServerConfig()).usage(new PrintWriter(text));
    return text.toString();
  }

  private static CommandLine commandLine(ServerConfig config) {
    // A flag given twice keeps the last value: that is how with() changes a setting.
    return new CommandLine(config).setOverwrittenOptionsAllowed(true);
  }

  private void check() {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, not " + port);
    }
    positive("--database-timeout-ms", databaseTimeoutMillis);
    positive("--handler-threads", handlerThreads);
    positive("--handler-queue", handlerQueue);
    positive("--max-group-size", maxGroupSize);
    positive("--subscriber-queue", subscriberQueue);
    positive("--sweep-seconds", sweepSeconds);
    positive("--heartbeat-seconds", heartbeatSeconds);
    positive("--webhook-timeout-ms", webhookTimeoutMillis);
    positive("--webhook-retry-hours", webhookRetryHours);
    positive("--webhook-retry-base-ms", webhookRetryBaseMillis);
    positive("--webhook-retry-max-ms", webhookRetryMaxMillis);
    positive("--webhook-senders", webhookSenders);
    positive("--notification-poll-ms", notificationPollMillis);
    positive("--notification-retention-days", notificationRetentionDays);
    if (webhookSecretGraceHours < 0) {
      throw new IllegalArgumentException("--webhook-secret-grace-hours must not be negative");
    }
    if (shutdownGraceSeconds < 0) {
      throw new IllegalArgumentException("--shutdown-grace-seconds must not be negative");
    }
  }

  private static void positive(String flag, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be positive, not " + value);
    }
  }

  // ---- accessors ----

  /** The gRPC port asked for (0: any free port; the server reports the one it got). */
  public int port() {
    return port;
  }

  /** Where to write the ports once listening, or null. */
  public Path portsFile() {
    return path(portsFile);
  }

  /** The web port asked for (0: any free port; -1: no web port). */
  public int webPort() {
    return webPort;
  }

  /** Origins allowed to call the web port from their pages (CORS); "*" for any. */
  public List<String> webOrigins() {
    return Arrays.stream(text(webOrigins).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** JDBC URL of an existing PostgreSQL; empty means the embedded one. */
  public String databaseUrl() {
    return text(databaseUrl);
  }

  public String databaseUser() {
    return text(databaseUser);
  }

  public String databasePassword() {
    return text(databasePassword);
  }

  /** How long a call waits for the database before it is answered UNAVAILABLE. */
  public Duration databaseTimeout() {
    return Duration.ofMillis(databaseTimeoutMillis);
  }

  public boolean embedded() {
    return databaseUrl().isEmpty();
  }

  /** Folder of the embedded PostgreSQL and of a generated JWT secret. */
  public Path dataDir() {
    return dataDir;
  }

  public JwtSettings jwt() {
    Path publicKey = path(jwtPublicKeyFile);
    Path jwks = path(jwtJwksFile);
    String algorithm = !text(jwtAlgorithm).isEmpty() ? jwtAlgorithm
        : publicKey != null || jwks != null ? "RS256" : "HS256";
    return new JwtSettings(jwtIssuer, jwtAudience, algorithm, emptyToNull(jwtSecret),
        path(jwtSecretFile), publicKey, jwks, Duration.ofSeconds(30));
  }

  /** Whether to load the demo companies and print a token per demo user. */
  public boolean demo() {
    return demo;
  }

  /** Size of the bounded executor that runs RPC handlers. */
  public int handlerThreads() {
    return handlerThreads;
  }

  /** Calls that may wait for a handler thread before new ones are refused. */
  public int handlerQueue() {
    return handlerQueue;
  }

  /** The most members a group room may have. */
  public int maxGroupSize() {
    return maxGroupSize;
  }

  /** How long shutdown waits for calls in flight. */
  public Duration shutdownGrace() {
    return Duration.ofSeconds(shutdownGraceSeconds);
  }

  /** Events a Subscribe stream may fall behind before it is ended. */
  public int subscriberQueue() {
    return subscriberQueue;
  }

  /** How often delivery checks for announcements that never arrived. */
  public Duration sweepInterval() {
    return Duration.ofSeconds(sweepSeconds);
  }

  /** How long a Subscribe stream may stay silent before it carries a heartbeat. */
  public Duration heartbeatInterval() {
    return Duration.ofSeconds(heartbeatSeconds);
  }

  /** Webhooks and the service feed. */
  public NotificationSettings notifications() {
    Set<String> hosts = Arrays.stream(text(webhookAllowHosts).split(",")).map(String::strip)
        .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new NotificationSettings(webhookAllowHttp, hosts, Duration.ofMillis(webhookTimeoutMillis),
        Duration.ofHours(webhookRetryHours), Duration.ofMillis(webhookRetryBaseMillis),
        Duration.ofMillis(webhookRetryMaxMillis), Duration.ofHours(webhookSecretGraceHours),
        Duration.ofMillis(notificationPollMillis), webhookSenders, Duration.ofDays(notificationRetentionDays));
  }

  /**
   * Backend services to register at start: {@code name} (every company) or
   * {@code name@companyId} (one company).
   */
  public List<String> serviceAccounts() {
    return Arrays.stream(text(serviceAccounts).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Path path(String value) {
    return value == null || value.isEmpty() ? null : Path.of(value);
  }

  /** Picocli leaves an option whose default is empty as null or empty: both mean "not set". */
  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
