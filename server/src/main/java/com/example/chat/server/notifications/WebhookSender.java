package com.example.chat.server.notifications;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one signed notification to one endpoint and says how it went. The URL is checked again
 * before each attempt (what a host resolves to can change); redirects are not followed (a 3xx
 * is a failed attempt); the response body is read to at most {@link #BODY_LIMIT} bytes, then
 * dropped: it is never stored nor logged.
 */
public final class WebhookSender {
  static final int BODY_LIMIT = 4096;

  /**
   * Built on the first attempt, not at start: the JDK's client loads TLS (its classes, the CA
   * certificates) and starts a selector thread when built, memory that an instance whose
   * companies register no webhook never needs.
   */
  private HttpClient client;
  private final UrlSafety urls;
  private final Duration timeout;
  private final Executor executor;

  public WebhookSender(UrlSafety urls, Duration timeout, Executor executor) {
    this.urls = urls;
    this.timeout = timeout;
    this.executor = executor;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder()
          .connectTimeout(timeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .executor(executor)
          .build();
    }
    return client;
  }

  /** One delivery attempt: the event id, the body, and every secret that signs it now. */
  public record Attempt(String url, String eventId, String body, List<String> secrets) {}

  /** How an attempt went: the HTTP status (0 if none came) and, unless 2xx, why it failed. */
  public record Outcome(int status, String error) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }

    public boolean gone() {
      return status == 410;
    }
  }

  public Outcome send(Attempt attempt) {
    URI uri = URI.create(attempt.url());
    Optional<String> refusal = urls.refusal(uri);
    if (refusal.isPresent()) {
      return new Outcome(0, "not sent: the URL " + refusal.get());
    }
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("user-agent", "chat-webhooks/1")
        .header("webhook-id", attempt.eventId())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSignature.header(attempt.secrets(), attempt.eventId(), timestamp, attempt.body()))
        .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
        .build();
    try {
      HttpResponse<Void> response = client().sendAsync(request, info -> new BoundedDiscard())
          // The client's timeout covers the wait for the headers; this bounds the body too.
          .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      int status = response.statusCode();
      return new Outcome(status, status >= 200 && status < 300 ? null : "the endpoint answered HTTP " + status);
    } catch (TimeoutException e) {
      return new Outcome(0, "no complete answer within " + timeout.toMillis() * 2 + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(0, "interrupted: the server is shutting down");
    } catch (ExecutionException e) {
      return new Outcome(0, describe(e.getCause()));
    }
  }

  private String describe(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    if (cause instanceof ConnectException) {
      return "could not connect to the endpoint";
    }
    if (cause instanceof IOException) {
      return "the connection failed (" + cause.getClass().getSimpleName() + ")";
    }
    return "the request failed (" + cause.getClass().getSimpleName() + ")";
  }

  /** Reads a response body up to the limit, keeping nothing, then stops reading. */
  private static final class BoundedDiscard implements HttpResponse.BodySubscriber<Void> {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long read;

    @Override
    public CompletionStage<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        read += b.remaining();
      }
      if (read > BODY_LIMIT) {
        subscription.cancel();
        done.complete(null);
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }
}
