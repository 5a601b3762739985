package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.WEBHOOK_ENDPOINT;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static com.example.chat.server.testing.Statuses.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateWebhookEndpointRequest;
import com.example.chat.v1.CreateWebhookEndpointResponse;
import com.example.chat.v1.DeleteWebhookEndpointRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.DisableWebhookEndpointRequest;
import com.example.chat.v1.EnableWebhookEndpointRequest;
import com.example.chat.v1.GetWebhookEndpointRequest;
import com.example.chat.v1.ListWebhookDeliveriesRequest;
import com.example.chat.v1.ListWebhookEndpointsRequest;
import com.example.chat.v1.ListWebhookEndpointsResponse;
import com.example.chat.v1.NotificationType;
import com.example.chat.v1.RedeliverWebhookEventRequest;
import com.example.chat.v1.RotateWebhookSecretRequest;
import com.example.chat.v1.SendTestWebhookEventRequest;
import com.example.chat.v1.UpdateWebhookEndpointRequest;
import com.example.chat.v1.WebhookEndpoint;
import com.example.chat.v1.WebhookServiceGrpc;
import com.example.chat.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import com.example.chat.v1.WhoAmIRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Managing webhook endpoints over gRPC: who may, which URLs are refused, and that another
 * company's endpoints do not exist for the caller. Runs with the default (safe) settings.
 */
class WebhookManagementTest {
  /** A public address given as a literal, so the test needs no DNS. */
  private static final String PUBLIC_URL = "https://93.184.216.34/chat-hook";

  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  private static String acme;

  @BeforeAll
  static void start() throws Exception {
    acme = server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId();
    var directory = server.server().components().directoryRepository();
    directory.upsertServiceAccount("acme-backend", UUID.fromString(acme));
    directory.upsertServiceAccount("platform", null);
  }

  private static WebhookServiceBlockingStub webhooks(String email) {
    return server.as(email, WebhookServiceGrpc.newBlockingStub(server.channel()));
  }

  private static WebhookServiceBlockingStub service(String name) {
    return TestServer.withToken(server.tokenForSubject("service:" + name), WebhookServiceGrpc.newBlockingStub(server.channel()));
  }

  private static CreateWebhookEndpointRequest.Builder endpoint(String url) {
    return CreateWebhookEndpointRequest.newBuilder().setUrl(url)
        .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED);
  }

  private static int endpointCount() {
    return server.dsl().fetchCount(WEBHOOK_ENDPOINT);
  }

  @Test
  void adminCreatesAnEndpointAndSeesItsSecretOnce() {
    CreateWebhookEndpointResponse created = webhooks("adam@acme.example").createWebhookEndpoint(
        endpoint(PUBLIC_URL).setDescription("push service").setRequestId("create-1").build());
    WebhookEndpoint e = created.getEndpoint();
    assertThat(e.getCompanyId()).isEqualTo(acme);
    assertThat(e.getUrl()).isEqualTo(PUBLIC_URL);
    assertThat(e.getEnabled()).isTrue();
    assertThat(e.getEventTypesList()).containsExactly(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED);
    assertThat(created.getSecret()).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(created.getSecret().substring(6))).hasSize(32);

    CreateWebhookEndpointResponse repeated = webhooks("adam@acme.example").createWebhookEndpoint(
        endpoint(PUBLIC_URL).setDescription("push service").setRequestId("create-1").build());
    assertThat(repeated.getEndpoint().getId()).isEqualTo(e.getId());
    assertThat(repeated.getSecret()).as("the secret is shown only once").isEmpty();
    assertThat(webhooks("sara@acme.example").getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build()).getEndpoint())
        .isEqualTo(e);
  }

  @Test
  void serviceAccountsOfTheCompanyManageItsEndpoints() {
    WebhookEndpoint own = service("acme-backend").createWebhookEndpoint(endpoint(PUBLIC_URL).build()).getEndpoint();
    assertThat(own.getCompanyId()).isEqualTo(acme);
    WebhookEndpoint named = service("platform").createWebhookEndpoint(endpoint(PUBLIC_URL).setCompanyId(acme).build())
        .getEndpoint();
    assertThat(named.getCompanyId()).isEqualTo(acme);
    var e = assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> service("platform").createWebhookEndpoint(endpoint(PUBLIC_URL).build()));
    assertThat(violatedFields(e)).containsExactly("company_id");
    service("acme-backend").disableWebhookEndpoint(DisableWebhookEndpointRequest.newBuilder().setEndpointId(named.getId()).build());
  }

  @Test
  void refusedUrlsAreInvalidArgumentsAndCreateNothing() {
    int before = endpointCount();
    List<String> refused = List.of(
        "http://93.184.216.34/hook",          // plain http without the development flag
        "https://127.0.0.1/hook",              // loopback
        "https://localhost:8443/hook",         // loopback by name
        "https://[::1]/hook",                  // IPv6 loopback
        "https://169.254.169.254/latest/meta-data", // cloud metadata
        "https://[fd00:ec2::254]/latest",      // AWS IPv6 metadata (unique local)
        "https://10.1.2.3/hook",               // private ranges
        "https://172.16.5.4/hook",
        "https://192.168.0.10/hook",
        "https://100.64.0.1/hook",             // carrier-grade NAT
        "https://0.0.0.0/hook",
        "https://user:pw@93.184.216.34/hook",  // credentials in the URL
        "ftp://93.184.216.34/hook",
        "not a url");
    for (String url : refused) {
      var e = assertStatus(Status.Code.INVALID_ARGUMENT,
          () -> webhooks("adam@acme.example").createWebhookEndpoint(endpoint(url).build()));
      assertThat(violatedFields(e)).as(url).containsExactly("url");
    }
    assertThat(endpointCount()).isEqualTo(before);

    WebhookEndpoint ok = webhooks("adam@acme.example").createWebhookEndpoint(endpoint(PUBLIC_URL).build()).getEndpoint();
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> webhooks("adam@acme.example").updateWebhookEndpoint(
        UpdateWebhookEndpointRequest.newBuilder().setEndpointId(ok.getId()).setUrl("https://169.254.169.254/").build()));
    assertThat(webhooks("adam@acme.example").getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId(ok.getId()).build()).getEndpoint().getUrl())
        .isEqualTo(PUBLIC_URL);
  }

  @Test
  void otherInvalidInputIsRefusedField() {
    var e = assertStatus(Status.Code.INVALID_ARGUMENT, () -> webhooks("adam@acme.example").createWebhookEndpoint(
        CreateWebhookEndpointRequest.newBuilder().setUrl(PUBLIC_URL).build()));
    assertThat(violatedFields(e)).containsExactly("event_types");
    e = assertStatus(Status.Code.INVALID_ARGUMENT, () -> webhooks("adam@acme.example").createWebhookEndpoint(
        endpoint(PUBLIC_URL).addEventTypes(NotificationType.NOTIFICATION_TYPE_TEST).setDescription("x".repeat(501)).build()));
    assertThat(violatedFields(e)).containsExactlyInAnyOrder("event_types[1]", "description");
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> webhooks("adam@acme.example").getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId("nope").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> webhooks("adam@acme.example").listWebhookEndpoints(
        ListWebhookEndpointsRequest.newBuilder().setPageToken("forged").build()));
  }

  @Test
  void executivesAndCustomersMayNotManageWebhooks() {
    WebhookEndpoint e = webhooks("adam@acme.example").createWebhookEndpoint(endpoint(PUBLIC_URL).build()).getEndpoint();
    int before = endpointCount();
    for (String person : List.of("eve@acme.example", "carol@northwind.example", "maria@acme.example")) {
      var error = assertStatus(Status.Code.PERMISSION_DENIED,
          () -> webhooks(person).createWebhookEndpoint(endpoint(PUBLIC_URL).build()));
      assertThat(reason(error)).isEqualTo("ROLE_NOT_ALLOWED");
      assertStatus(Status.Code.PERMISSION_DENIED,
          () -> webhooks(person).listWebhookEndpoints(ListWebhookEndpointsRequest.getDefaultInstance()));
      assertStatus(Status.Code.PERMISSION_DENIED, () -> webhooks(person).deleteWebhookEndpoint(
          DeleteWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build()));
    }
    assertThat(endpointCount()).isEqualTo(before);
  }

  @Test
  void anotherCompanysEndpointDoesNotExist() {
    WebhookEndpoint e = webhooks("adam@acme.example").createWebhookEndpoint(endpoint(PUBLIC_URL).build()).getEndpoint();
    String id = e.getId();
    var gina = webhooks("gina@globex.example");
    var error = assertStatus(Status.Code.NOT_FOUND,
        () -> gina.getWebhookEndpoint(GetWebhookEndpointRequest.newBuilder().setEndpointId(id).build()));
    assertThat(reason(error)).isEqualTo("WEBHOOK_ENDPOINT_NOT_FOUND");
    assertStatus(Status.Code.NOT_FOUND, () -> gina.updateWebhookEndpoint(
        UpdateWebhookEndpointRequest.newBuilder().setEndpointId(id).setDescription("mine now").build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.disableWebhookEndpoint(
        DisableWebhookEndpointRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.enableWebhookEndpoint(
        EnableWebhookEndpointRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.rotateWebhookSecret(
        RotateWebhookSecretRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.sendTestWebhookEvent(
        SendTestWebhookEventRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.listWebhookDeliveries(
        ListWebhookDeliveriesRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.redeliverWebhookEvent(
        RedeliverWebhookEventRequest.newBuilder().setEndpointId(id).setEventId(UUID.randomUUID().toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.deleteWebhookEndpoint(
        DeleteWebhookEndpointRequest.newBuilder().setEndpointId(id).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.listWebhookEndpoints(
        ListWebhookEndpointsRequest.newBuilder().setCompanyId(acme).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> gina.createWebhookEndpoint(endpoint(PUBLIC_URL).setCompanyId(acme).build()));
    // Nor for a SUPER_ADMIN of another company, nor for a service bound to another company.
    server.server().components().directoryRepository().upsertServiceAccount("globex-backend",
        UUID.fromString(server.as("gina@globex.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
            .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId()));
    assertStatus(Status.Code.NOT_FOUND, () -> service("globex-backend").getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId(id).build()));
    assertThat(webhooks("adam@acme.example").getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId(id).build()).getEndpoint()).isEqualTo(e);
  }

  @Test
  void updateDisableEnableRotateDelete() {
    var adam = webhooks("adam@acme.example");
    WebhookEndpoint e = adam.createWebhookEndpoint(endpoint(PUBLIC_URL).build()).getEndpoint();
    WebhookEndpoint updated = adam.updateWebhookEndpoint(UpdateWebhookEndpointRequest.newBuilder()
        .setEndpointId(e.getId()).setDescription("now for edits too")
        .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED)
        .addEventTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED).build()).getEndpoint();
    assertThat(updated.getUrl()).isEqualTo(PUBLIC_URL);
    assertThat(updated.getDescription()).isEqualTo("now for edits too");
    assertThat(updated.getEventTypesList()).containsExactlyInAnyOrder(
        NotificationType.NOTIFICATION_TYPE_MESSAGE_EDITED, NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED);

    WebhookEndpoint disabled = adam.disableWebhookEndpoint(
        DisableWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build()).getEndpoint();
    assertThat(disabled.getEnabled()).isFalse();
    assertThat(disabled.getDisabledReason().name()).isEqualTo("WEBHOOK_DISABLED_REASON_BY_ADMIN");
    assertThat(adam.enableWebhookEndpoint(EnableWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build())
        .getEndpoint().getEnabled()).isTrue();

    var rotated = adam.rotateWebhookSecret(RotateWebhookSecretRequest.newBuilder().setEndpointId(e.getId()).build());
    assertThat(rotated.getSecret()).startsWith("whsec_");
    assertThat(rotated.getEndpoint().hasPreviousSecretExpireTime()).isTrue();

    adam.deleteWebhookEndpoint(DeleteWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build());
    assertStatus(Status.Code.NOT_FOUND, () -> adam.getWebhookEndpoint(
        GetWebhookEndpointRequest.newBuilder().setEndpointId(e.getId()).build()));
  }

  @Test
  void listIsPagedAndCompanyScoped() {
    var gina = webhooks("gina@globex.example");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(gina.createWebhookEndpoint(endpoint(PUBLIC_URL + i).build()).getEndpoint().getId());
    }
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListWebhookEndpointsResponse page = gina.listWebhookEndpoints(
          ListWebhookEndpointsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      assertThat(page.getEndpointsCount()).isLessThanOrEqualTo(2);
      page.getEndpointsList().forEach(e -> seen.add(e.getId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(seen).containsExactlyElementsOf(created);
  }
}
