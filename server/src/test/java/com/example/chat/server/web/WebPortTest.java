package com.example.chat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.demo.DemoData.DemoUser;
import com.example.chat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the web port serves besides the API (whose calls the client tests in clients/ make over
 * gRPC-Web): the web app at {@code /}, and the demo users only in demo mode.
 */
class WebPortTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestServer plain;
  private static TestServer demo;

  @BeforeAll
  static void start() throws Exception {
    plain = TestServer.start(config -> config.with("--web-port", "0"));
    demo = TestServer.start(config -> config.with("--web-port", "0", "--demo"));
  }

  @AfterAll
  static void stop() throws Exception {
    plain.close();
    demo.close();
  }

  @Test
  void theWebAppIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = get(plain, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).containsIgnoringCase("<html");
  }

  @Test
  void theDemoUsersDoNotExistWithoutDemoMode() throws Exception {
    assertThat(get(plain, "/demo/users.json").statusCode()).isEqualTo(404);
  }

  @Test
  void inDemoModeTheDemoUsersAreOfferedOnceLoaded() throws Exception {
    DemoUser eve = new DemoUser("eve@acme.example", "Eve Executive", "EXECUTIVE", "Acme Logistics", "a.b.c");
    demo.server().publishDemoUsers(List.of(eve));
    HttpResponse<String> users = get(demo, "/demo/users.json");
    assertThat(users.statusCode()).isEqualTo(200);
    assertThat(users.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(users.body()).isEqualTo("[{\"email\":\"eve@acme.example\",\"displayName\":\"Eve Executive\","
        + "\"role\":\"EXECUTIVE\",\"company\":\"Acme Logistics\",\"token\":\"a.b.c\"}]");
  }

  @Test
  void thePortsFileNamesTheWebPort() {
    assertThat(plain.server().ports()).containsEntry("web", plain.server().webPort().orElseThrow())
        .containsKey("grpc");
  }

  private static HttpResponse<String> get(TestServer server, String path) throws Exception {
    int port = server.server().webPort().orElseThrow();
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
