package com.example.chat.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.Main;
import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.SubscribeResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes share one PostgreSQL. The one a client streams from is frozen (SIGSTOP):
 * its connections stay open and silent. The client notices the missing heartbeats and resumes
 * on the other instance with its cursors and membership position, losing and repeating nothing.
 */
class FrozenInstanceTest {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  /** A server process on the given database; its gRPC port once it listens. */
  private record Instance(Process process, int port) {
    static Instance start(Path dir, String name, String databaseUrl) throws Exception {
      Path portsFile = dir.resolve(name + ".ports.json");
      Process process = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "--port", "0", "--web-port", "-1", "--ports-file", portsFile.toString(),
          "--database-url", databaseUrl, "--database-user", "postgres", "--database-password", "postgres",
          "--jwt-secret", TestServer.SECRET, "--data-dir", dir.toString(),
          "--heartbeat-seconds", String.valueOf(HEARTBEAT.toSeconds()), "--shutdown-grace-seconds", "1")
          .redirectOutput(dir.resolve(name + ".log").toFile())
          .redirectErrorStream(true)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(portsFile) && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(portsFile).as("%s listens", name).exists();
      return new Instance(process, new ObjectMapper().readTree(Files.readString(portsFile)).get("grpc").asInt());
    }

    void signal(String signal) throws Exception {
      assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
    }

    void stop() throws Exception {
      signal("CONT");
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void aClientThatStopsHearingHeartbeatsResumesOnAnotherInstanceWithoutLoss() throws Exception {
    try (TestServer data = TestServer.start()) { // the database, its demo users and their tokens
      Instance frozen = Instance.start(dir, "frozen", data.databaseUrl());
      Instance alive = Instance.start(dir, "alive", data.databaseUrl());
      ManagedChannel toFrozen = NettyChannelBuilder.forAddress("localhost", frozen.port()).usePlaintext().build();
      ManagedChannel toAlive = NettyChannelBuilder.forAddress("localhost", alive.port()).usePlaintext().build();
      try {
        String room = data.as("maria@acme.example", RoomServiceGrpc.newBlockingStub(toAlive))
            .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(data.id("tom@acme.example").toString()).build())
            .getRoom().getRoomId();
        var sender = data.as("maria@acme.example", MessageServiceGrpc.newBlockingStub(toAlive));
        List<String> sent = new ArrayList<>();

        EventCollector first = EventCollector.subscribe(toFrozen, data.token("tom@acme.example"), Map.of(), 0);
        first.awaitCaughtUp();
        for (int i = 0; i < 5; i++) {
          sent.add("before " + i);
          sender.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("before " + i).build());
        }
        first.await(e -> first.messagesOf(room).size() == 5, Duration.ofSeconds(20));
        // A quiet stream of a live server is never silent for long: it carries heartbeats.
        int before = first.events().size();
        first.await(e -> e.subList(before, e.size()).stream().filter(SubscribeResponse::hasHeartbeat).count() >= 2,
            Duration.ofSeconds(10));

        frozen.signal("STOP");
        for (int i = 0; i < 10; i++) {
          sent.add("while frozen " + i);
          sender.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("while frozen " + i).build());
        }
        // The client's rule: three heartbeat intervals without anything means the server is gone.
        long lastHeard = System.nanoTime();
        int seen = first.events().size();
        while (System.nanoTime() - lastHeard < 3 * HEARTBEAT.toNanos()) {
          Thread.sleep(50);
          if (first.events().size() != seen) {
            seen = first.events().size();
            lastHeard = System.nanoTime();
          }
        }
        assertThat(first.status()).as("the frozen stream did not end by itself").isNull();
        first.cancel();

        EventCollector resumed = EventCollector.subscribe(toAlive, data.token("tom@acme.example"), first.cursors(),
            first.membershipPosition());
        resumed.awaitCaughtUp();
        sent.add("after");
        sender.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText("after").build());
        resumed.await(e -> resumed.messagesOf(room).stream()
            .anyMatch(m -> m.getMessageCreated().getMessage().getText().equals("after")), Duration.ofSeconds(20));

        List<SubscribeResponse> all = new ArrayList<>(first.messagesOf(room));
        all.addAll(resumed.messagesOf(room));
        assertThat(all).extracting(m -> m.getMessageCreated().getMessage().getText()).containsExactlyElementsOf(sent);
        resumed.cancel();
      } finally {
        toFrozen.shutdownNow();
        toAlive.shutdownNow();
        frozen.stop();
        alive.stop();
      }
    }
  }
}
