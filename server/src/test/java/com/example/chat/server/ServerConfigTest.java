package com.example.chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.chat.server.testing.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Option;

/** The server's flags: defaults, overrides, refusals, usage text, and the ports file. */
class ServerConfigTest {

  @TempDir
  Path dir;

  @Test
  void defaultsApplyWhenNoFlagIsGiven() {
    ServerConfig config = ServerConfig.parse();
    assertThat(config.port()).isEqualTo(50051);
    assertThat(config.embedded()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.handlerThreads()).isEqualTo(16);
    assertThat(config.databaseTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.serviceAccounts()).isEmpty();
    assertThat(config.portsFile()).isNull();
    assertThat(config.jwt().hasKey()).isFalse();
    assertThat(config.jwt().algorithm()).isEqualTo("HS256");
  }

  @Test
  void flagsOverrideDefaultsAndALaterFlagWins() {
    ServerConfig config = ServerConfig.parse("--port", "0", "--demo", "--service-accounts", "hr, platform@x",
        "--jwt-public-key-file", "idp.pem", "--database-url=jdbc:postgresql://db/chat");
    assertThat(config.port()).isZero();
    assertThat(config.demo()).isTrue();
    assertThat(config.serviceAccounts()).containsExactly("hr", "platform@x");
    assertThat(config.jwt().algorithm()).as("a public key defaults to RS256").isEqualTo("RS256");
    assertThat(config.embedded()).isFalse();
    assertThat(config.with("--port", "7000").port()).isEqualTo(7000);
    assertThat(config.with("--port", "7000").demo()).as("with() keeps the other flags").isTrue();
  }

  @Test
  void unknownFlagsAndMalformedValuesAreRefusedByName() {
    assertThatThrownBy(() -> ServerConfig.parse("--prot", "1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--prot");
    assertThatThrownBy(() -> ServerConfig.parse("--port", "many")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> ServerConfig.parse("--handler-threads", "0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--handler-threads");
  }

  @Test
  void everyFlagHasAnEnvironmentVariableNamedAfterItAndIsInTheUsage() {
    String usage = ServerConfig.usage();
    for (Field field : ServerConfig.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option == null || option.usageHelp()) {
        continue;
      }
      String flag = option.names()[0];
      String variable = "CHAT_" + flag.substring(2).toUpperCase().replace('-', '_');
      assertThat(option.defaultValue()).as(flag).startsWith("${env:" + variable + ":-");
      assertThat(usage).contains(flag).contains(variable);
    }
  }

  @Test
  void aServerOnPortZeroWritesTheGrpcPortItGotToThePortsFile() throws Exception {
    Path portsFile = dir.resolve("run/ports.json");
    try (TestServer server = TestServer.start(config -> config.with("--ports-file", portsFile.toString()))) {
      String json = Files.readString(portsFile);
      Matcher grpc = Pattern.compile("\\{\"grpc\": (\\d+)}\\s*").matcher(json);
      assertThat(grpc.matches()).as(json).isTrue();
      int port = Integer.parseInt(grpc.group(1));
      assertThat(port).isEqualTo(server.port()).isPositive();
      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
      try {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
