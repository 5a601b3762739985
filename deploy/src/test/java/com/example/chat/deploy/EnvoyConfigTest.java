package com.example.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.grpc_web.v3.GrpcWeb;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/envoy.yaml read the way Envoy reads it: YAML into the v3 {@link Bootstrap} message with
 * Envoy's own generated classes, every {@code typed_config} resolved to its message type, and
 * any field Envoy does not know refused. Then the properties the chat depends on: gRPC-Web
 * translated before routing, CORS that lets a page read the status and its details, nothing that
 * ends a long-lived stream, HTTP/2 to several instances.
 *
 * <p>This is a schema check, not Envoy itself: {@code .ci/run} also runs {@code envoy --mode
 * validate} where an envoy binary is installed.
 */
class EnvoyConfigTest {
  private static final Path CONFIG = Path.of("envoy.yaml");
  /** The typed_config messages the file uses; JsonFormat refuses an Any of any other type. */
  private static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
      .add(List.of(HttpConnectionManager.getDescriptor(), GrpcWeb.getDescriptor(), Cors.getDescriptor(),
          CorsPolicy.getDescriptor(), Router.getDescriptor(), HttpProtocolOptions.getDescriptor()))
      .build();

  /** Zero turns an Envoy timeout off. */
  private static final Duration OFF = Duration.getDefaultInstance();

  private static Bootstrap bootstrap;
  private static HttpConnectionManager manager;

  @BeforeAll
  static void parse() throws IOException {
    bootstrap = parse(Files.readString(CONFIG));
    manager = bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0)
        .getTypedConfig().unpack(HttpConnectionManager.class);
  }

  static Bootstrap parse(String yaml) throws IOException {
    String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
    Bootstrap.Builder builder = Bootstrap.newBuilder();
    // JsonFormat's parser refuses unknown fields unless told to ignore them.
    JsonFormat.parser().usingTypeRegistry(TYPES).merge(json, builder);
    return builder.build();
  }

  @Test
  void theCheckRefusesAFieldEnvoyDoesNotKnow() throws IOException {
    String yaml = Files.readString(CONFIG).replace("stream_idle_timeout: 0s", "stream_idle_timeout_typo: 0s");
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("stream_idle_timeout_typo");
  }

  @Test
  void grpcWebIsTranslatedAndCorsAppliedBeforeRouting() throws Exception {
    List<HttpFilter> filters = manager.getHttpFiltersList();
    assertThat(filters).extracting(HttpFilter::getName).containsExactly(
        "envoy.filters.http.grpc_web", "envoy.filters.http.cors", "envoy.filters.http.router");
    filters.get(0).getTypedConfig().unpack(GrpcWeb.class);
    filters.get(1).getTypedConfig().unpack(Cors.class);
    filters.get(2).getTypedConfig().unpack(Router.class);
  }

  @Test
  void corsLetsThePageSendItsTokenAndReadTheStatusWithItsDetails() throws Exception {
    VirtualHost host = manager.getRouteConfig().getVirtualHosts(0);
    CorsPolicy cors = host.getTypedPerFilterConfigOrThrow("envoy.filters.http.cors").unpack(CorsPolicy.class);
    assertThat(cors.getAllowOriginStringMatchList()).isNotEmpty();
    assertThat(cors.getAllowHeaders().split(",")).contains("authorization", "content-type", "x-grpc-web",
        "x-user-agent", "grpc-timeout", "connect-protocol-version");
    assertThat(cors.getExposeHeaders().split(",")).contains("grpc-status", "grpc-message", "grpc-status-details-bin");
  }

  @Test
  void nothingEndsALongLivedStream() {
    // Unset is not off: Envoy ends a stream idle for 5 minutes and a route after 15 s by default.
    assertThat(manager.hasStreamIdleTimeout()).as("stream_idle_timeout set").isTrue();
    assertThat(manager.getStreamIdleTimeout()).as("stream_idle_timeout").isEqualTo(OFF);
    assertThat(manager.getRequestTimeout()).as("request_timeout").isEqualTo(OFF);
    assertThat(manager.getCommonHttpProtocolOptions().hasMaxStreamDuration()).as("max_stream_duration").isFalse();
    for (Route route : manager.getRouteConfig().getVirtualHosts(0).getRoutesList()) {
      assertThat(route.getRoute().hasTimeout()).as("route timeout set").isTrue();
      assertThat(route.getRoute().getTimeout()).as("route timeout").isEqualTo(OFF);
      assertThat(route.getRoute().hasIdleTimeout()).as("route idle_timeout set").isTrue();
      assertThat(route.getRoute().getIdleTimeout()).as("route idle_timeout").isEqualTo(OFF);
      assertThat(route.getRoute().getMaxStreamDuration().hasMaxStreamDuration()).as("route max_stream_duration").isFalse();
    }
  }

  @Test
  void theInstancesAreReachedOverHttp2AndCheckedByGrpcHealth() throws Exception {
    Cluster cluster = bootstrap.getStaticResources().getClusters(0);
    Any options = cluster.getTypedExtensionProtocolOptionsOrThrow("envoy.extensions.upstreams.http.v3.HttpProtocolOptions");
    assertThat(options.unpack(HttpProtocolOptions.class).getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
    assertThat(cluster.getLoadAssignment().getEndpoints(0).getLbEndpointsCount()).as("instances").isGreaterThan(1);
    assertThat(cluster.getHealthChecks(0).hasGrpcHealthCheck()).isTrue();
    assertThat(cluster.getCircuitBreakers().getThresholds(0).getMaxRequests().getValue())
        .as("room for many open streams").isGreaterThan(1024);
  }

}
