package com.example.chat.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.chat.server.testing.Statuses;
import com.example.chat.server.testing.TestServer;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Random bytes as the request body of every method of every service the server offers (the
 * chat API, health, reflection): each is answered INVALID_ARGUMENT with a plain message, and
 * the log gets at most one counted line, never a stack trace.
 */
class GarbageBodiesTest {
  private static final int TRIES_PER_METHOD = 25;
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--web-port", "0"));

  @BeforeAll
  static void start() throws Exception {
    server.server().components().directoryRepository().upsertServiceAccount("platform", null);
  }

  @Test
  void undecodableBodiesOnEveryMethodAreInvalidArgumentAndBarelyLogged() throws Exception {
    assertGarbageRefused(server.channel());
  }

  @Test
  void theWebPortRefusesThemAlike() throws Exception {
    io.grpc.ManagedChannel web = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
        .forAddress("localhost", server.server().webPort().orElseThrow()).usePlaintext().build();
    try {
      assertGarbageRefused(web);
    } finally {
      web.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void assertGarbageRefused(io.grpc.Channel channel) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    Random random = new Random(9);
    // Every method admits someone: a person with the widest role, or a service account.
    List<String> callers = List.of(server.token("sara@acme.example"), server.tokenForSubject("service:platform"));
    List<String> methods = new ArrayList<>();
    try {
      for (ServerServiceDefinition service : server.server().services()) {
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
          methods.add(method.getMethodDescriptor().getFullMethodName());
          for (int i = 0; i < TRIES_PER_METHOD; i++) {
            StatusRuntimeException answer = callWithGarbageAsAnyoneAdmitted(channel, method.getMethodDescriptor(), garbage(random), callers);
            assertThat(answer.getStatus().getCode()).as(method.getMethodDescriptor().getFullMethodName() + ": " + answer.getStatus())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(answer.getStatus().getDescription()).contains("could not be decoded");
            assertThat(Statuses.reason(answer)).isEqualTo("UNDECODABLE_REQUEST");
          }
        }
      }
    } finally {
      root.detachAppender(log);
    }
    assertThat(methods).as("every service is covered").contains(
        "chat.v1.DirectoryService/WhoAmI", "chat.v1.RoomService/ListRooms", "chat.v1.MessageService/SendMessage",
        "chat.v1.EventService/Subscribe", "grpc.health.v1.Health/Check",
        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo");

    List<ILoggingEvent> events = List.copyOf(log.list);
    assertThat(events).as("no stack trace for garbage").noneMatch(e -> e.getThrowableProxy() != null);
    assertThat(events.stream().filter(e -> e.getLoggerName().equals(UndecodableRequests.class.getName())))
        .as("at most one counted line per minute, whatever the number of requests (%d)", methods.size() * TRIES_PER_METHOD)
        .hasSizeLessThanOrEqualTo(1);
    assertThat(events).as("nothing else said about them").hasSizeLessThanOrEqualTo(3);
  }

  /** Random bytes that never decode: the first byte is a tag with wire type 7, which does not exist. */
  private static byte[] garbage(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(300)];
    random.nextBytes(bytes);
    bytes[0] = (byte) ((random.nextInt(15) + 1) << 3 | 7);
    return bytes;
  }

  /** The answer to the first caller the method's access rules admit (the others get PERMISSION_DENIED before decoding). */
  private static StatusRuntimeException callWithGarbageAsAnyoneAdmitted(io.grpc.Channel channel,
      MethodDescriptor<?, ?> method, byte[] body, List<String> tokens) throws Exception {
    StatusRuntimeException answer = null;
    for (String token : tokens) {
      answer = callWithGarbage(channel, method, body, token);
      if (answer.getStatus().getCode() != Status.Code.PERMISSION_DENIED) {
        return answer;
      }
    }
    return answer;
  }

  /** Sends the bytes as the whole request body of the method, as a raw call would; the status it ends with. */
  private static StatusRuntimeException callWithGarbage(io.grpc.Channel channel, MethodDescriptor<?, ?> method,
      byte[] body, String token)
      throws Exception {
    MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(method.getType()).setFullMethodName(method.getFullMethodName())
        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    CompletableFuture<Metadata> trailers = new CompletableFuture<>();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata t) {
        trailers.complete(t);
        closed.complete(status);
      }
    }, headers);
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
    Status status = closed.get(15, TimeUnit.SECONDS);
    return status.asRuntimeException(trailers.get());
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
}
