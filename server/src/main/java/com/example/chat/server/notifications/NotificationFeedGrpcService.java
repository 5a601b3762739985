package com.example.chat.server.notifications;

import com.example.chat.server.grpc.CallContext;
import com.example.chat.v1.NotificationFeedServiceGrpc;
import com.example.chat.v1.StreamNotificationsRequest;
import com.example.chat.v1.StreamNotificationsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@link NotificationFeed}. */
public final class NotificationFeedGrpcService extends NotificationFeedServiceGrpc.NotificationFeedServiceImplBase {
  private final NotificationFeed feed;

  public NotificationFeedGrpcService(NotificationFeed feed) {
    this.feed = feed;
  }

  @Override
  public void streamNotifications(StreamNotificationsRequest request, StreamObserver<StreamNotificationsResponse> out) {
    feed.open(CallContext.principal(), request.getCompanyId(), request.getAfterPosition(),
        WebhookProtos.types(request.getTypesList()), (ServerCallStreamObserver<StreamNotificationsResponse>) out);
  }
}
