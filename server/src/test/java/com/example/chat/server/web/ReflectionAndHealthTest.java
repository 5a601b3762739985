package com.example.chat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usual tools find their way on both ports: reflection v1 and v1alpha (older grpcurl,
 * Postman and evans ask v1alpha) list every service, and health answers over gRPC-Web too.
 */
class ReflectionAndHealthTest {
  private static final List<String> SERVICES = List.of("chat.v1.DirectoryService", "chat.v1.ContactService",
      "chat.v1.RoomService", "chat.v1.MessageService", "chat.v1.EventService", "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  private static TestServer server;
  private static ManagedChannel web;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(config -> config.with("--web-port", "0"));
    web = NettyChannelBuilder.forAddress("127.0.0.1", server.server().webPort().orElseThrow()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    web.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void reflectionV1AlphaListsEveryServiceOnBothPorts() throws Exception {
    assertThat(listV1Alpha(server.channel())).containsAll(SERVICES);
    assertThat(listV1Alpha(web)).containsAll(SERVICES);
  }

  @Test
  void reflectionV1ListsEveryServiceOnBothPorts() throws Exception {
    assertThat(listV1(server.channel())).containsAll(SERVICES);
    assertThat(listV1(web)).containsAll(SERVICES);
  }

  @Test
  void healthAnswersOverGrpcWebOnTheWebPort() {
    HealthGrpc.HealthBlockingStub health = GrpcClients
        .builder("http://127.0.0.1:" + server.server().webPort().orElseThrow())
        .serializationFormat(GrpcSerializationFormats.PROTO_WEB)
        .build(HealthGrpc.HealthBlockingStub.class);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
  }

  @SuppressWarnings("deprecation") // v1alpha: deprecated, and what the older tools ask
  private static List<String> listV1Alpha(ManagedChannel channel) throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
            new Collector<io.grpc.reflection.v1alpha.ServerReflectionResponse>(names) {
              @Override
              List<String> services(io.grpc.reflection.v1alpha.ServerReflectionResponse r) {
                return r.getListServicesResponse().getServiceList().stream()
                    .map(io.grpc.reflection.v1alpha.ServiceResponse::getName).toList();
              }
            });
    requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }

  private static List<String> listV1(ManagedChannel channel) throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> requests =
        io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
            new Collector<io.grpc.reflection.v1.ServerReflectionResponse>(names) {
              @Override
              List<String> services(io.grpc.reflection.v1.ServerReflectionResponse r) {
                return r.getListServicesResponse().getServiceList().stream()
                    .map(io.grpc.reflection.v1.ServiceResponse::getName).toList();
              }
            });
    requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }

  /** Collects the service names of the responses until the server completes the call. */
  private abstract static class Collector<R> implements StreamObserver<R> {
    private final CompletableFuture<List<String>> names;
    private final List<String> seen = new ArrayList<>();

    Collector(CompletableFuture<List<String>> names) {
      this.names = names;
    }

    abstract List<String> services(R response);

    @Override
    public void onNext(R response) {
      seen.addAll(services(response));
    }

    @Override
    public void onError(Throwable t) {
      names.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      names.complete(seen);
    }
  }
}
