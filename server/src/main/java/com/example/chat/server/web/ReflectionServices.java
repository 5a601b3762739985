package com.example.chat.server.web;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.InternalServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Server reflection v1 and v1alpha for the web port. grpc-java's reflection services learn what
 * the server offers from the {@link Server} in the call's context, which grpc-java's own
 * servers put there; Armeria does the same for one reflection service only, and older tools
 * (grpcurl before 1.8.8, Postman, evans) still ask v1alpha. So both get the list of services
 * here, through an interceptor that puts a read-only view of them into the context.
 */
final class ReflectionServices {
  private ReflectionServices() {}

  /** The reflection services (v1, v1alpha) describing {@code served} and themselves. */
  @SuppressWarnings("deprecation") // v1alpha is deprecated, and still what many tools ask.
  static List<ServerServiceDefinition> describing(List<ServerServiceDefinition> served) {
    List<ServerServiceDefinition> all = new ArrayList<>(served);
    ServicesInContext interceptor = new ServicesInContext(all);
    List<ServerServiceDefinition> reflection = new ArrayList<>();
    for (BindableService service : List.of(ProtoReflectionServiceV1.newInstance(), ProtoReflectionService.newInstance())) {
      reflection.add(ServerInterceptors.intercept(service, interceptor));
    }
    all.addAll(reflection);
    return reflection;
  }

  private static final class ServicesInContext implements ServerInterceptor {
    private final Context.Key<Server> key = InternalServer.SERVER_CONTEXT_KEY;
    private final Server view;

    ServicesInContext(List<ServerServiceDefinition> services) {
      this.view = new ServicesView(services);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      return Contexts.interceptCall(Context.current().withValue(key, view), call, headers, next);
    }
  }

  /** Only what reflection reads: the services. The web port's lifecycle is Armeria's. */
  private static final class ServicesView extends Server {
    private final List<ServerServiceDefinition> services;

    ServicesView(List<ServerServiceDefinition> services) {
      this.services = services;
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
      return List.copyOf(services);
    }

    @Override
    public List<ServerServiceDefinition> getImmutableServices() {
      return List.copyOf(services);
    }

    @Override
    public List<ServerServiceDefinition> getMutableServices() {
      return List.of();
    }

    @Override
    public Server start() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Server shutdown() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Server shutdownNow() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void awaitTermination() {
      throw new UnsupportedOperationException();
    }
  }
}
