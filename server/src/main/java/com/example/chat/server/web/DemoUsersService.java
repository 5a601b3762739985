package com.example.chat.server.web;

import com.example.chat.server.demo.DemoData.DemoUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /demo/users.json}: the demo users and their tokens, so that the reference web app
 * can offer them to sign in as. Bound only in demo mode; it answers 503 until the demo data is
 * loaded (which happens right after the server starts).
 */
public final class DemoUsersService implements HttpService {
  static final String PATH = "/demo/users.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<String> users = new AtomicReference<>();

  /** Publishes the loaded demo users. */
  public void publish(List<DemoUser> loaded) {
    try {
      users.set(JSON.writeValueAsString(loaded));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String json = users.get();
    return json == null
        ? HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "The demo data is still loading.")
        : HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, json);
  }
}
