package com.example.chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestDatabases;
import com.example.chat.server.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a separate process started by {@code Main} with flags, on
 * port 0, telling its port through {@code --ports-file}, logging JSON lines through Logback,
 * and stopping on SIGTERM with its shutdown lines in the same form.
 */
class MainProcessTest {

  @TempDir
  Path dir;

  @Test
  void theServerProcessReportsItsPortLogsJsonAndShutsDownOnSigterm() throws Exception {
    Path portsFile = dir.resolve("ports.json");
    Path out = dir.resolve("stdout.log");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        // The production configuration, not the tests' plain one.
        "-Dlogback.configurationFile=logback.xml",
        Main.class.getName(),
        "--port", "0", "--web-port", "0", "--ports-file", portsFile.toString(),
        "--database-url", TestDatabases.newDatabaseUrl(), "--database-user", "postgres",
        "--database-password", "postgres", "--jwt-secret", TestServer.SECRET, "--data-dir", dir.toString())
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(portsFile) && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(portsFile).as("the ports file appears once the server listens").exists();
      JsonNode ports = new ObjectMapper().readTree(Files.readString(portsFile));
      int port = ports.get("grpc").asInt();
      assertThat(port).isPositive();

      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
      try {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook runs
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    }

    List<String> messages = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(out)) {
      JsonNode entry = json.readTree(line); // every line is one JSON object
      assertThat(entry.has("@timestamp") && entry.has("level") && entry.has("logger_name")).as(line).isTrue();
      messages.add(entry.get("message").asText());
    }
    assertThat(messages).contains("shutting down", "chat server stopped")
        .anyMatch(m -> m.startsWith("chat server listening on port "));
  }
}
