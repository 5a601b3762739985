package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static com.example.chat.db.Tables.WEBHOOK_DELIVERY;
import static com.example.chat.db.Tables.WEBHOOK_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.ServerConfig;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateWebhookEndpointRequest;
import com.example.chat.v1.CreateWebhookEndpointResponse;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetWebhookEndpointRequest;
import com.example.chat.v1.ListWebhookDeliveriesRequest;
import com.example.chat.v1.Notification;
import com.example.chat.v1.NotificationType;
import com.example.chat.v1.RedeliverWebhookEventRequest;
import com.example.chat.v1.RotateWebhookSecretRequest;
import com.example.chat.v1.SendTestWebhookEventRequest;
import com.example.chat.v1.WebhookDeliveryState;
import com.example.chat.v1.WebhookDisabledReason;
import com.example.chat.v1.WebhookServiceGrpc;
import com.example.chat.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import com.example.chat.v1.WhoAmIRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deliveries to a real HTTP receiver: signed by the published scheme, retried until they get
 * through, 410 disabling the endpoint, failures kept after the retry window and redelivered.
 */
class WebhookDeliveryTest {
  /** A local receiver allowed, short timeouts and fast retries, so tests take seconds. */
  static ServerConfig fast(ServerConfig config) {
    return config.with("--webhook-allow-http", "--webhook-allow-hosts", "127.0.0.1", "--webhook-timeout-ms", "2000",
        "--webhook-retry-base-ms", "100", "--webhook-retry-max-ms", "500", "--notification-poll-ms", "100");
  }

  @RegisterExtension
  static final TestServer server = TestServer.perClass(WebhookDeliveryTest::fast);
  private static UUID acme;
  private WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    acme = UUID.fromString(server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId());
  }

  @BeforeEach
  void receiver() {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void cleanUp() {
    receiver.close();
    server.dsl().deleteFrom(WEBHOOK_ENDPOINT).execute();
  }

  private static WebhookServiceBlockingStub adam() {
    return server.as("adam@acme.example", WebhookServiceGrpc.newBlockingStub(server.channel()));
  }

  private CreateWebhookEndpointResponse endpoint(NotificationType... types) {
    return adam().createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder()
        .setUrl(receiver.url()).addAllEventTypes(java.util.List.of(types)).build());
  }

  private String sendTest(String endpointId) {
    return adam().sendTestWebhookEvent(SendTestWebhookEventRequest.newBuilder().setEndpointId(endpointId).build())
        .getEventId();
  }

  @Test
  void aTestEventArrivesSignedByThePublishedScheme() throws Exception {
    CreateWebhookEndpointResponse created = endpoint(NotificationType.NOTIFICATION_TYPE_USER_CREATED);
    String eventId = sendTest(created.getEndpoint().getId());
    receiver.await(r -> r.received().size() == 1, Duration.ofSeconds(10));
    WebhookReceiver.Received got = receiver.received().get(0);
    assertThat(got.id()).isEqualTo(eventId);
    assertThat(got.signature()).as("one secret, one signature").doesNotContain(" ").startsWith("v1,");
    assertThat(got.signedWith(created.getSecret())).isTrue();
    assertThat(got.signedWith(WebhookSignature.newSecret())).isFalse();
    assertThat(Long.parseLong(got.timestamp())).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
    Notification n = got.notification();
    assertThat(n.getEventId()).isEqualTo(eventId);
    assertThat(n.getType()).isEqualTo(NotificationType.NOTIFICATION_TYPE_TEST);
    assertThat(n.getCompanyId()).isEqualTo(acme.toString());
    assertThat(n.getTest().getEndpointId()).isEqualTo(created.getEndpoint().getId());
    assertThat(n.hasCreateTime()).isTrue();
  }

  @Test
  void outboxRowsAreDeliveredToEndpointsWantingTheirType() throws Exception {
    CreateWebhookEndpointResponse users = endpoint(NotificationType.NOTIFICATION_TYPE_USER_UPDATED);
    WebhookReceiver other = WebhookReceiver.start();
    try {
      adam().createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder().setUrl(other.url())
          .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED).build());
      UUID eve = server.id("eve@acme.example");
      UUID eventId = server.dsl().insertInto(NOTIFICATION_EVENT)
          .set(NOTIFICATION_EVENT.COMPANY_ID, acme).set(NOTIFICATION_EVENT.TYPE, "USER_UPDATED")
          .set(NOTIFICATION_EVENT.USER_ID, eve)
          .returning(NOTIFICATION_EVENT.EVENT_ID).fetchOne(NOTIFICATION_EVENT.EVENT_ID);
      server.server().components().notifications().wake();
      receiver.await(r -> r.received().size() == 1, Duration.ofSeconds(10));
      WebhookReceiver.Received got = receiver.received().get(0);
      assertThat(got.id()).isEqualTo(eventId.toString());
      assertThat(got.signedWith(users.getSecret())).isTrue();
      Notification n = got.notification();
      assertThat(n.getType()).isEqualTo(NotificationType.NOTIFICATION_TYPE_USER_UPDATED);
      assertThat(n.getUserChanged().getUser().getEmail()).isEqualTo("eve@acme.example");
      assertThat(n.getPosition()).isPositive();
      Thread.sleep(500);
      assertThat(other.received()).as("an endpoint that did not ask for the type gets nothing").isEmpty();
    } finally {
      other.close();
    }
  }

  @Test
  void rotationSignsWithBothSecretsDuringTheGracePeriodOnly() throws Exception {
    CreateWebhookEndpointResponse created = endpoint(NotificationType.NOTIFICATION_TYPE_USER_CREATED);
    String id = created.getEndpoint().getId();
    String oldSecret = created.getSecret();
    String newSecret = adam().rotateWebhookSecret(RotateWebhookSecretRequest.newBuilder().setEndpointId(id).build())
        .getSecret();
    assertThat(newSecret).isNotEqualTo(oldSecret);

    sendTest(id);
    receiver.await(r -> r.received().size() == 1, Duration.ofSeconds(10));
    WebhookReceiver.Received during = receiver.received().get(0);
    assertThat(during.signature().split(" ")).hasSize(2);
    assertThat(during.signedWith(oldSecret)).as("a receiver still on the old secret").isTrue();
    assertThat(during.signedWith(newSecret)).as("a receiver already on the new secret").isTrue();

    // The grace period ends: only the new secret signs.
    server.dsl().update(WEBHOOK_ENDPOINT).set(WEBHOOK_ENDPOINT.PREVIOUS_SECRET_UNTIL, OffsetDateTime.now().minusSeconds(1))
        .where(WEBHOOK_ENDPOINT.ID.eq(UUID.fromString(id))).execute();
    sendTest(id);
    receiver.await(r -> r.received().size() == 2, Duration.ofSeconds(10));
    WebhookReceiver.Received after = receiver.received().get(1);
    assertThat(after.signature().split(" ")).hasSize(1);
    assertThat(after.signedWith(newSecret)).isTrue();
    assertThat(after.signedWith(oldSecret)).isFalse();
  }

  @Test
  void failedAttemptsAreRetriedUntilTheReceiverAccepts() throws Exception {
    String id = endpoint(NotificationType.NOTIFICATION_TYPE_USER_CREATED).getEndpoint().getId();
    receiver.answer(500);
    String eventId = sendTest(id);
    receiver.await(r -> r.received().size() >= 3, Duration.ofSeconds(10));
    receiver.answer(200);
    receiver.await(r -> r.accepted().size() == 1, Duration.ofSeconds(10));
    assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsOnly(eventId);
    // The receiver has answered; the server records it a moment later.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    var delivered = listDeliveries(id, WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_DELIVERED);
    while (delivered.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      delivered = listDeliveries(id, WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_DELIVERED);
    }
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).getEventId()).isEqualTo(eventId);
    assertThat(delivered.get(0).getAttempts()).isEqualTo(receiver.received().size());
  }

  @Test
  void goneDisablesTheEndpoint() throws Exception {
    String id = endpoint(NotificationType.NOTIFICATION_TYPE_USER_CREATED).getEndpoint().getId();
    receiver.answer(410);
    sendTest(id);
    receiver.await(r -> r.received().size() == 1, Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    var endpoint = adam().getWebhookEndpoint(GetWebhookEndpointRequest.newBuilder().setEndpointId(id).build()).getEndpoint();
    while (endpoint.getEnabled() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      endpoint = adam().getWebhookEndpoint(GetWebhookEndpointRequest.newBuilder().setEndpointId(id).build()).getEndpoint();
    }
    assertThat(endpoint.getEnabled()).isFalse();
    assertThat(endpoint.getDisabledReason()).isEqualTo(WebhookDisabledReason.WEBHOOK_DISABLED_REASON_GONE);
    Thread.sleep(500);
    assertThat(receiver.received()).as("nothing more is sent to a gone endpoint").hasSize(1);
  }

  @Test
  void afterTheRetryWindowTheDeliveryIsKeptAsFailedAndCanBeRedelivered() throws Exception {
    String id = endpoint(NotificationType.NOTIFICATION_TYPE_USER_CREATED).getEndpoint().getId();
    receiver.answer(503);
    String eventId = sendTest(id);
    receiver.await(r -> r.received().size() >= 1, Duration.ofSeconds(10));
    // As if the first attempt had been a day ago: the next failure ends the window.
    server.dsl().update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.WINDOW_START_TIME, OffsetDateTime.now().minusHours(25))
        .execute();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    var failed = listFailed(id);
    while (failed.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      failed = listFailed(id);
    }
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getEventId()).isEqualTo(eventId);
    assertThat(failed.get(0).getLastStatusCode()).isEqualTo(503);
    assertThat(failed.get(0).getLastError()).contains("503");
    int attempts = receiver.received().size();
    Thread.sleep(500);
    assertThat(receiver.received()).as("a failed delivery is not retried").hasSize(attempts);

    receiver.answer(200);
    var again = adam().redeliverWebhookEvent(RedeliverWebhookEventRequest.newBuilder().setEndpointId(id)
        .setEventId(eventId).build()).getDelivery();
    assertThat(again.getState()).isEqualTo(WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_PENDING);
    receiver.await(r -> r.accepted().size() == 1, Duration.ofSeconds(10));
    assertThat(receiver.accepted().get(0).id()).isEqualTo(eventId);
    assertThat(listFailed(id)).isEmpty();
  }

  private static java.util.List<com.example.chat.v1.WebhookDelivery> listFailed(String endpointId) {
    return listDeliveries(endpointId, WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_UNSPECIFIED);
  }

  private static java.util.List<com.example.chat.v1.WebhookDelivery> listDeliveries(String endpointId,
      WebhookDeliveryState state) {
    return adam().listWebhookDeliveries(ListWebhookDeliveriesRequest.newBuilder().setEndpointId(endpointId)
        .setState(state).build()).getDeliveriesList();
  }
}
