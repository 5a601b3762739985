package com.example.chat.server.notifications;

import static com.example.chat.server.grpc.Unary.orEmpty;
import static com.example.chat.server.grpc.Unary.reply;

import com.example.chat.server.grpc.CallContext;
import com.example.chat.server.input.Page;
import com.example.chat.v1.CreateWebhookEndpointRequest;
import com.example.chat.v1.CreateWebhookEndpointResponse;
import com.example.chat.v1.DeleteWebhookEndpointRequest;
import com.example.chat.v1.DeleteWebhookEndpointResponse;
import com.example.chat.v1.DisableWebhookEndpointRequest;
import com.example.chat.v1.DisableWebhookEndpointResponse;
import com.example.chat.v1.EnableWebhookEndpointRequest;
import com.example.chat.v1.EnableWebhookEndpointResponse;
import com.example.chat.v1.GetWebhookEndpointRequest;
import com.example.chat.v1.GetWebhookEndpointResponse;
import com.example.chat.v1.ListWebhookDeliveriesRequest;
import com.example.chat.v1.ListWebhookDeliveriesResponse;
import com.example.chat.v1.ListWebhookEndpointsRequest;
import com.example.chat.v1.ListWebhookEndpointsResponse;
import com.example.chat.v1.RedeliverWebhookEventRequest;
import com.example.chat.v1.RedeliverWebhookEventResponse;
import com.example.chat.v1.RotateWebhookSecretRequest;
import com.example.chat.v1.RotateWebhookSecretResponse;
import com.example.chat.v1.SendTestWebhookEventRequest;
import com.example.chat.v1.SendTestWebhookEventResponse;
import com.example.chat.v1.UpdateWebhookEndpointRequest;
import com.example.chat.v1.UpdateWebhookEndpointResponse;
import com.example.chat.v1.WebhookServiceGrpc;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@link Webhooks}: maps requests in and results out, nothing else. */
public final class WebhookGrpcService extends WebhookServiceGrpc.WebhookServiceImplBase {
  private final Webhooks webhooks;

  public WebhookGrpcService(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void createWebhookEndpoint(CreateWebhookEndpointRequest request,
      StreamObserver<CreateWebhookEndpointResponse> out) {
    Endpoint.WithSecret created = webhooks.create(CallContext.principal(), new Webhooks.Draft(
        request.getRequestId(), request.getCompanyId(), request.getUrl(),
        WebhookProtos.types(request.getEventTypesList()), request.getDescription()));
    reply(out, CreateWebhookEndpointResponse.newBuilder()
        .setEndpoint(WebhookProtos.endpoint(created.endpoint())).setSecret(created.secret()).build());
  }

  @Override
  public void getWebhookEndpoint(GetWebhookEndpointRequest request, StreamObserver<GetWebhookEndpointResponse> out) {
    reply(out, GetWebhookEndpointResponse.newBuilder()
        .setEndpoint(WebhookProtos.endpoint(webhooks.get(CallContext.principal(), request.getEndpointId()))).build());
  }

  @Override
  public void listWebhookEndpoints(ListWebhookEndpointsRequest request,
      StreamObserver<ListWebhookEndpointsResponse> out) {
    Page.Of<Endpoint> page = webhooks.list(CallContext.principal(), request.getCompanyId(),
        request.getPageSize(), request.getPageToken());
    ListWebhookEndpointsResponse.Builder response = ListWebhookEndpointsResponse.newBuilder()
        .setNextPageToken(orEmpty(page.nextPageToken()));
    page.items().forEach(e -> response.addEndpoints(WebhookProtos.endpoint(e)));
    reply(out, response.build());
  }

  @Override
  public void updateWebhookEndpoint(UpdateWebhookEndpointRequest request,
      StreamObserver<UpdateWebhookEndpointResponse> out) {
    Endpoint updated = webhooks.update(CallContext.principal(), request.getEndpointId(),
        request.hasUrl() ? request.getUrl() : null, WebhookProtos.types(request.getEventTypesList()),
        request.hasDescription() ? request.getDescription() : null);
    reply(out, UpdateWebhookEndpointResponse.newBuilder().setEndpoint(WebhookProtos.endpoint(updated)).build());
  }

  @Override
  public void disableWebhookEndpoint(DisableWebhookEndpointRequest request,
      StreamObserver<DisableWebhookEndpointResponse> out) {
    reply(out, DisableWebhookEndpointResponse.newBuilder().setEndpoint(
        WebhookProtos.endpoint(webhooks.disable(CallContext.principal(), request.getEndpointId()))).build());
  }

  @Override
  public void enableWebhookEndpoint(EnableWebhookEndpointRequest request,
      StreamObserver<EnableWebhookEndpointResponse> out) {
    reply(out, EnableWebhookEndpointResponse.newBuilder().setEndpoint(
        WebhookProtos.endpoint(webhooks.enable(CallContext.principal(), request.getEndpointId()))).build());
  }

  @Override
  public void deleteWebhookEndpoint(DeleteWebhookEndpointRequest request,
      StreamObserver<DeleteWebhookEndpointResponse> out) {
    webhooks.delete(CallContext.principal(), request.getEndpointId());
    reply(out, DeleteWebhookEndpointResponse.getDefaultInstance());
  }

  @Override
  public void rotateWebhookSecret(RotateWebhookSecretRequest request, StreamObserver<RotateWebhookSecretResponse> out) {
    Endpoint.WithSecret rotated = webhooks.rotate(CallContext.principal(), request.getEndpointId());
    reply(out, RotateWebhookSecretResponse.newBuilder()
        .setEndpoint(WebhookProtos.endpoint(rotated.endpoint())).setSecret(rotated.secret()).build());
  }

  @Override
  public void sendTestWebhookEvent(SendTestWebhookEventRequest request,
      StreamObserver<SendTestWebhookEventResponse> out) {
    reply(out, SendTestWebhookEventResponse.newBuilder()
        .setEventId(webhooks.sendTest(CallContext.principal(), request.getEndpointId()).toString()).build());
  }

  @Override
  public void listWebhookDeliveries(ListWebhookDeliveriesRequest request,
      StreamObserver<ListWebhookDeliveriesResponse> out) {
    Page.Of<Delivery> page = webhooks.deliveries(CallContext.principal(), request.getEndpointId(),
        WebhookProtos.state(request.getState()), request.getPageSize(), request.getPageToken());
    ListWebhookDeliveriesResponse.Builder response = ListWebhookDeliveriesResponse.newBuilder()
        .setNextPageToken(orEmpty(page.nextPageToken()));
    page.items().forEach(d -> response.addDeliveries(WebhookProtos.delivery(d)));
    reply(out, response.build());
  }

  @Override
  public void redeliverWebhookEvent(RedeliverWebhookEventRequest request,
      StreamObserver<RedeliverWebhookEventResponse> out) {
    Delivery delivery = webhooks.redeliver(CallContext.principal(), request.getEndpointId(), request.getEventId());
    reply(out, RedeliverWebhookEventResponse.newBuilder().setDelivery(WebhookProtos.delivery(delivery)).build());
  }
}
