package com.example.chat.server.web;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.common.util.BlockingTaskExecutor;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.cors.CorsServiceBuilder;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The web port: the same API, already wrapped in the same interceptors as the native gRPC port,
 * served by Armeria over gRPC-Web (for browsers) and gRPC, with health and reflection; the
 * reference web app as static files; and, in demo mode only, the demo users to sign in as.
 * The native port stays on grpc-netty-shaded; this one exists because browsers cannot speak
 * gRPC over HTTP/2 trailers, and serving gRPC-Web in-process saves a proxy for small setups.
 */
public final class WebPort implements AutoCloseable {
  /** Request headers a browser client sends (Connect's and grpc-web's own). */
  private static final List<String> ALLOWED_HEADERS = List.of("authorization", "content-type",
      "x-grpc-web", "x-user-agent", "grpc-timeout", "connect-protocol-version");
  /** Response headers a browser client must be allowed to read to learn how a call ended. */
  private static final List<String> EXPOSED_HEADERS = List.of("grpc-status", "grpc-message",
      "grpc-status-details-bin");
  /** Where the web module puts the reference web app on the classpath. */
  private static final String STATIC_ROOT = "chat-web";

  private final Server server;
  private final BlockingTaskExecutor handlers;

  private WebPort(Server server, BlockingTaskExecutor handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Starts the web port.
   *
   * @param settings port, CORS origins, handler threads and shutdown grace
   * @param api the API services, each already intercepted exactly as on the native port
   * @param health the health service (shared with the native port, so both report alike)
   * @param demoUsers the demo users as JSON, present only in demo mode
   * @param decoding wraps every served service so that an undecodable body is INVALID_ARGUMENT,
   *     as on the native port
   */
  public static WebPort start(Settings settings, List<ServerServiceDefinition> api,
      BindableService health, Optional<DemoUsersService> demoUsers,
      UnaryOperator<ServerServiceDefinition> decoding) {
    GrpcServiceBuilder grpc = GrpcService.builder()
        // gRPC-Web (binary and text) for browsers, and plain gRPC for everyone else.
        .supportedSerializationFormats(GrpcSerializationFormats.values())
        // Handlers block on JDBC: never run them on Armeria's event loops.
        .useBlockingTaskExecutor(true)
        // The same limit as the native port: messages are small.
        .maxRequestMessageLength(1 << 20);
    List<ServerServiceDefinition> served = new ArrayList<>(api);
    served.add(health.bindService());
    served.addAll(ReflectionServices.describing(served));
    served.stream().map(decoding).forEach(grpc::addService);

    // A bounded pool, as on the native port: under overload calls wait instead of the server
    // spawning threads without end (Armeria's default blocking pool grows to 200).
    BlockingTaskExecutor handlers = BlockingTaskExecutor.builder()
        .numThreads(settings.handlerThreads())
        .threadNamePrefix("web-handler")
        .build();
    ServerBuilder builder = Server.builder()
        .port(new InetSocketAddress(settings.port()), SessionProtocol.HTTP)
        .blockingTaskExecutor(handlers, false)
        // Subscribe streams stay open for hours: no request timeout. (Armeria already drops its
        // 10 s default for a gRPC call that sends no grpc-timeout, and applies the one it sends;
        // this keeps it off for every other path too.) Idle connections (no call in flight)
        // still close after Armeria's idle timeout; a connection carrying a stream is never idle.
        .requestTimeout(Duration.ZERO)
        .gracefulShutdownTimeout(Duration.ZERO, settings.shutdownGrace())
        .service(grpc.build())
        .serviceUnder("/", FileService.builder(WebPort.class.getClassLoader(), STATIC_ROOT).build());
    demoUsers.ifPresent(users -> builder.service(DemoUsersService.PATH, users));
    if (!settings.origins().isEmpty()) {
      builder.decorator(cors(settings.origins()).newDecorator());
    }
    Server server = builder.build();
    server.start().join();
    return new WebPort(server, handlers);
  }

  private static CorsServiceBuilder cors(List<String> origins) {
    CorsServiceBuilder cors = origins.contains("*") ? CorsService.builderForAnyOrigin() : CorsService.builder(origins);
    return cors
        .allowRequestMethods(HttpMethod.POST, HttpMethod.GET)
        .allowRequestHeaders(ALLOWED_HEADERS)
        .exposeHeaders(EXPOSED_HEADERS)
        // Browsers may remember a preflight for a day instead of asking before every call.
        .maxAge(Duration.ofDays(1));
  }

  /** The port the web server listens on (the one the operating system gave for port 0). */
  public int port() {
    return server.activeLocalPort();
  }

  /** Stops accepting calls, lets calls in flight finish within the grace period, then stops. */
  @Override
  public void close() {
    server.stop().join();
    handlers.shutdown();
  }

  /**
   * Settings of the web port.
   *
   * @param port the port; 0 takes any free port
   * @param origins origins allowed by CORS ({@code *} for any); empty allows none but the page's own
   * @param handlerThreads size of the bounded pool that runs handlers
   * @param shutdownGrace how long shutdown waits for calls in flight
   */
  public record Settings(int port, List<String> origins, int handlerThreads, Duration shutdownGrace) {}
}
