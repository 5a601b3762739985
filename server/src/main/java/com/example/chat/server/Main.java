package com.example.chat.server;

import com.example.chat.server.demo.DemoData;
import com.example.chat.server.storage.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the chat server: {@code java -jar chat-server.jar [flags]}; {@code --help} lists the flags. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    configureLogging();
    ServerConfig config;
    try {
      if (ServerConfig.helpRequested(args)) {
        System.out.print(ServerConfig.usage());
        return;
      }
      config = ServerConfig.parse(args);
      config = withEmbeddedSecret(config);
    } catch (IllegalArgumentException e) {
      System.err.println("chat-server: " + e.getMessage());
      System.err.print(ServerConfig.usage());
      System.exit(2);
      return;
    }
    Database database = config.embedded()
        ? Database.embedded(config.dataDir(), poolSize(config), config.databaseTimeout())
        : Database.connect(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
            poolSize(config), config.databaseTimeout());
    ChatServer server = ChatServer.start(config, database);
    for (String account : config.serviceAccounts()) {
      String[] parts = account.strip().split("@", 2);
      server.components().directoryRepository().upsertServiceAccount(parts[0],
          parts.length == 2 ? java.util.UUID.fromString(parts[1]) : null);
      LOG.info("service account registered: {}", account.strip());
    }
    if (config.demo()) {
      server.publishDemoUsers(DemoData.loadAndPrintTokens(server.components().directoryRepository(), config));
      // For the person who started the demo, beside the tokens (the log says it too).
      server.webPort().ifPresent(port -> System.out.println("Open http://localhost:" + port + "/"));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      server.close();
      try {
        database.close();
      } catch (IOException e) {
        LOG.warn("database did not close cleanly", e);
      }
    }, "shutdown"));
    server.awaitTermination();
  }

  private static int poolSize(ServerConfig config) {
    return Math.max(4, config.handlerThreads());
  }

  /**
   * The embedded mode without configured keys generates an HMAC secret once and keeps it in
   * the data folder (owner-only), so that tokens printed for the demo survive restarts.
   */
  private static ServerConfig withEmbeddedSecret(ServerConfig config) throws IOException {
    if (config.jwt().hasKey()) {
      return config;
    }
    if (!config.embedded()) {
      throw new IllegalArgumentException("with --database-url, a JWT key must be configured "
          + "(--jwt-secret, --jwt-secret-file, --jwt-public-key-file or --jwt-jwks-file)");
    }
    Path file = config.dataDir().resolve("jwt-secret");
    if (!Files.exists(file)) {
      Files.createDirectories(config.dataDir());
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      LOG.info("generated a JWT secret in {}", file);
    }
    return config.with("--jwt-secret", Files.readString(file).strip());
  }

  private static void configureLogging() {
    Logging.bridgeJavaUtilLogging();
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }
}
