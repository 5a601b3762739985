package com.example.chat.server;

import com.example.chat.server.auth.PrincipalResolver;
import com.example.chat.server.auth.TokenVerifier;
import com.example.chat.server.directory.Directory;
import com.example.chat.server.directory.DirectoryGrpcService;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.delivery.OwnCommits;
import com.example.chat.server.delivery.DeliveryHub;
import com.example.chat.server.delivery.EventGrpcService;
import com.example.chat.server.delivery.EventStore;
import com.example.chat.server.delivery.PgAnnouncer;
import com.example.chat.server.delivery.PgListener;
import com.example.chat.server.messages.MessageGrpcService;
import com.example.chat.server.notifications.Notifications;
import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.messages.Messages;
import com.example.chat.server.messages.SendBatcher;
import com.example.chat.server.grpc.AccessInterceptor;
import com.example.chat.server.grpc.AuthInterceptor;
import com.example.chat.server.grpc.ExceptionInterceptor;
import com.example.chat.server.grpc.HandlerPool;
import com.example.chat.server.grpc.UndecodableRequests;
import com.example.chat.server.rooms.ContactGrpcService;
import com.example.chat.server.rooms.Contacts;
import com.example.chat.server.rooms.RoomGrpcService;
import com.example.chat.server.rooms.RoomRepository;
import com.example.chat.server.rooms.Rooms;
import com.example.chat.server.storage.Database;
import com.example.chat.server.storage.UnitOfWork;
import com.example.chat.server.demo.DemoData.DemoUser;
import com.example.chat.server.web.DemoUsersService;
import com.example.chat.server.web.WebPort;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the gRPC server's lifecycle: wires the components, starts Netty with a bounded handler
 * pool, keeps health truthful (database and LISTEN connection), and shuts down gracefully
 * (NOT_SERVING, drain, stop).
 */
public final class ChatServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

  private final ServerConfig config;
  private final Server server;
  private final HealthStatusManager health;
  private final HealthMonitor monitor;
  private final HandlerPool handlers;
  private final Components components;
  private final Optional<WebPort> web;
  private final Optional<DemoUsersService> demoUsers;

  /** The wired components, reachable for the demo loader and tests. */
  public record Components(UnitOfWork work, DirectoryRepository directoryRepository, Directory directory,
      PrincipalResolver principals, Rooms rooms, DeliveryHub hub, PgListener listener,
      PgAnnouncer announcer, SendBatcher sends, Notifications notifications) {}

  private ChatServer(ServerConfig config, Server server, HealthStatusManager health, HealthMonitor monitor,
      HandlerPool handlers, Components components, Optional<WebPort> web,
      Optional<DemoUsersService> demoUsers) {
    this.config = config;
    this.server = server;
    this.health = health;
    this.monitor = monitor;
    this.handlers = handlers;
    this.components = components;
    this.web = web;
    this.demoUsers = demoUsers;
  }

  @SuppressWarnings("deprecation") // v1alpha reflection: deprecated, and still what many tools ask.
  public static ChatServer start(ServerConfig config, Database database) throws IOException {
    // grpc-java logs through java.util.logging: into the same backend as ours, whoever starts us.
    Logging.bridgeJavaUtilLogging();
    UnitOfWork work = new UnitOfWork(database.dsl());
    DirectoryRepository directoryRepository = new DirectoryRepository(database.dsl());
    PrincipalResolver principals = new PrincipalResolver(directoryRepository::findActivePrincipal, Duration.ofSeconds(5));
    work.listen(principals);
    PgAnnouncer announcer = new PgAnnouncer(database::openAnnouncerConnection);
    work.listen(announcer);
    Directory directory = new Directory(work);
    Rooms rooms = new Rooms(work, config.maxGroupSize());
    Contacts contacts = new Contacts(work);
    // Beside slow batches, up to half the pool may store sends at once; the rest stays for reads,
    // streams and other writes.
    SendBatcher sends = new SendBatcher(work, Math.max(1, database.poolSize() / 2));
    Messages messages = new Messages(work, sends);
    MessageRepository messageRepository = new MessageRepository(database.dsl());
    DeliveryHub hub = new DeliveryHub(new EventStore(database.dsl(), messageRepository), rooms::view,
        messageRepository, new DeliveryHub.Settings(config.subscriberQueue(), 4, config.sweepInterval(),
            config.heartbeatInterval(), Duration.ofSeconds(5)));
    work.listen(new OwnCommits(hub));
    PgListener listener = new PgListener(database, hub);
    Notifications notifications = new Notifications(database.dsl(), config.notifications(), rooms,
        directoryRepository, messageRepository);
    work.listen(notifications.outbox());
    Components components = new Components(work, directoryRepository, directory, principals, rooms, hub, listener,
        announcer, sends, notifications);

    List<ServerServiceDefinition> api = List.of(
        new DirectoryGrpcService(directory).bindService(),
        new ContactGrpcService(contacts).bindService(),
        new RoomGrpcService(rooms).bindService(),
        new MessageGrpcService(messages).bindService(),
        // Presence counts open streams per person, so notifications can say who is looking.
        ServerInterceptors.intercept(new EventGrpcService(hub).definition(), notifications.presence()),
        notifications.webhookService().bindService(),
        notifications.feedService().bindService());
    List<com.google.protobuf.Descriptors.ServiceDescriptor> descriptors = new ArrayList<>();
    for (ServerServiceDefinition service : api) {
      descriptors.add(AccessInterceptor.descriptorOf(service.getServiceDescriptor()));
    }
    AuthInterceptor auth = new AuthInterceptor(new TokenVerifier(config.jwt()), principals);
    AccessInterceptor access = new AccessInterceptor(descriptors);
    ExceptionInterceptor errors = new ExceptionInterceptor();
    UndecodableRequests decoding = new UndecodableRequests();
    HandlerPool handlers = new HandlerPool(config.handlerThreads(), config.handlerQueue());

    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.port()))
        // Handlers run on a bounded pool; calls beyond it are refused with RESOURCE_EXHAUSTED.
        .executor(handlers.dispatcher())
        .callExecutor(handlers)
        // Clients of a chat keep streams open for hours: let them ping every 20 s to keep
        // NATs and proxies from dropping idle connections.
        .permitKeepAliveTime(20, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        // Messages are small (10,000 characters at most); refuse anything absurdly larger.
        .maxInboundMessageSize(1 << 20)
        // Health is public and never refused for load (it runs beside the handlers).
        .addService(decoding.guard(ServerInterceptors.intercept(health.getHealthService(), errors)))
        // Reflection v1 and, for older grpcurl, Postman and evans, v1alpha.
        .addService(decoding.guard(ServerInterceptors.intercept(
            ProtoReflectionServiceV1.newInstance().bindService(), errors, handlers.admission())))
        .addService(decoding.guard(ServerInterceptors.intercept(
            ProtoReflectionService.newInstance().bindService(), errors, handlers.admission())));
    List<ServerServiceDefinition> intercepted = new ArrayList<>();
    for (ServerServiceDefinition service : api) {
      // Interceptors run last-added first: admit (or refuse when the handlers are saturated),
      // map every error (authentication's included), authenticate, check access.
      intercepted.add(ServerInterceptors.intercept(service, access, auth, errors, handlers.admission()));
    }
    // Undecodable bodies are answered around all of them (grpc-java decodes outside interceptors).
    intercepted.forEach(service -> builder.addService(decoding.guard(service)));
    Server server = builder.build().start();
    Optional<DemoUsersService> demoUsers = config.demo() ? Optional.of(new DemoUsersService()) : Optional.empty();
    Optional<WebPort> web = Optional.empty();
    if (config.webPort() >= 0) {
      // The same intercepted services, so both ports authenticate and refuse alike.
      web = Optional.of(WebPort.start(new WebPort.Settings(config.webPort(), config.webOrigins(),
          config.handlerThreads(), config.shutdownGrace()), intercepted, health.getHealthService(), demoUsers, decoding::guard));
    }
    HealthMonitor monitor = new HealthMonitor(health, database, listener::listening);
    monitor.start(config.databaseTimeout().multipliedBy(2), Duration.ofSeconds(1));
    LOG.info("chat server listening on port {}", server.getPort());
    web.ifPresent(w -> LOG.info("web port (gRPC-Web, gRPC, web app) listening on port {}: open http://localhost:{}/",
        w.port(), w.port()));
    ChatServer chat = new ChatServer(config, server, health, monitor, handlers, components, web, demoUsers);
    if (config.portsFile() != null) {
      PortsFile.write(config.portsFile(), chat.ports());
    }
    return chat;
  }

  /**
   * The ports this server listens on, by name ("grpc", and "web" unless disabled), as written
   * to {@code --ports-file}.
   */
  public Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("grpc", server.getPort());
    web.ifPresent(w -> ports.put("web", w.port()));
    return ports;
  }

  /** Offers the loaded demo users on the web port ({@code GET /demo/users.json}); demo mode only. */
  public void publishDemoUsers(List<DemoUser> users) {
    demoUsers.ifPresent(service -> service.publish(users));
  }

  /** The web port, if enabled. */
  public Optional<Integer> webPort() {
    return web.map(WebPort::port);
  }

  public int port() {
    return server.getPort();
  }

  /** The services as served on the gRPC port, with their interceptors: for tests that call every method. */
  public List<ServerServiceDefinition> services() {
    return server.getImmutableServices();
  }

  /** The settings this server was started with. */
  public ServerConfig config() {
    return config;
  }

  public Components components() {
    return components;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Graceful stop: NOT_SERVING, no new calls, drain within the grace period, then force. */
  @Override
  public void close() {
    monitor.close();
    health.enterTerminalState();
    // Streams never end by themselves: end them first so that clients reconnect elsewhere.
    components.hub().close();
    components.notifications().close();
    server.shutdown();
    // The web port drains its calls within the same grace period.
    web.ifPresent(WebPort::close);
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("calls still running after the grace period; cancelling them");
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    handlers.close();
    components.listener().close();
    components.announcer().close();
    LOG.info("chat server stopped");
  }
}
