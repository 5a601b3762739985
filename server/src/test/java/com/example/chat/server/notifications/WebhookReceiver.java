package com.example.chat.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.v1.Notification;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A company backend for tests: the JDK's HTTP server on a free port of 127.0.0.1, recording
 * every webhook request it gets. It answers 200 by default, or any status set; it can be
 * stopped (down: connections refused) and started again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(String id, String timestamp, String signature, String body, int answeredWith) {
    Notification notification() {
      Notification.Builder n = Notification.newBuilder();
      try {
        JsonFormat.parser().merge(body, n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return n.build();
    }

    /** Whether one of the signatures verifies with the secret, by the published scheme. */
    boolean signedWith(String secret) {
      String expected = WebhookSignature.sign(secret, id, Long.parseLong(timestamp), body);
      return List.of(signature.split(" ")).contains(expected);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private HttpServer server;
  private int port;

  private WebhookReceiver() {}

  static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver();
    receiver.listen(0);
    return receiver;
  }

  private void listen(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    this.port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int answer = status;
    received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
        exchange.getRequestHeaders().getFirst("webhook-signature"), body, answer));
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/hook";
  }

  void answer(int status) {
    this.status = status;
  }

  /** Down: the port refuses connections until {@link #restart()}. */
  void stop() {
    server.stop(0);
  }

  void restart() {
    listen(port());
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Requests answered with 2xx. */
  List<Received> accepted() {
    return received.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
  }

  void await(Predicate<WebhookReceiver> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(this)) {
      assertThat(System.nanoTime()).as("timed out waiting; received %s", received.size()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
