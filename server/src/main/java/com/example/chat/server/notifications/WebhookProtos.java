package com.example.chat.server.notifications;

import static com.example.chat.server.grpc.ProtoMapping.timestamp;

import com.example.chat.v1.NotificationType;
import com.example.chat.v1.WebhookDeliveryState;
import com.example.chat.v1.WebhookDisabledReason;
import com.example.chat.v1.WebhookEndpoint;
import java.util.List;

/** Endpoints, deliveries and notification types to and from chat.v1 messages. */
public final class WebhookProtos {
  private static final String TYPE_PREFIX = "NOTIFICATION_TYPE_";

  private WebhookProtos() {}

  /** The domain type of a proto type; null for UNSPECIFIED and values this server does not know. */
  public static EventType type(NotificationType type) {
    if (type == NotificationType.NOTIFICATION_TYPE_UNSPECIFIED || type == NotificationType.UNRECOGNIZED) {
      return null;
    }
    return EventType.valueOf(type.name().substring(TYPE_PREFIX.length()));
  }

  public static NotificationType type(EventType type) {
    return NotificationType.valueOf(TYPE_PREFIX + type.name());
  }

  public static List<EventType> types(List<NotificationType> types) {
    return types.stream().map(WebhookProtos::type).toList();
  }

  public static WebhookEndpoint endpoint(Endpoint e) {
    WebhookEndpoint.Builder b = WebhookEndpoint.newBuilder()
        .setId(e.id().toString())
        .setCompanyId(e.companyId().toString())
        .setUrl(e.url())
        .setDescription(e.description())
        .setEnabled(e.enabled())
        .setDisabledReason(e.disabledReason() == null ? WebhookDisabledReason.WEBHOOK_DISABLED_REASON_UNSPECIFIED
            : WebhookDisabledReason.valueOf("WEBHOOK_DISABLED_REASON_" + e.disabledReason().name()))
        .setCreateTime(timestamp(e.createTime()))
        .setUpdateTime(timestamp(e.updateTime()));
    e.eventTypes().forEach(t -> b.addEventTypes(type(t)));
    if (e.previousSecretUntil() != null) {
      b.setPreviousSecretExpireTime(timestamp(e.previousSecretUntil()));
    }
    return b.build();
  }

  /** The domain state of a list filter; null for UNSPECIFIED (the default filter). */
  public static Delivery.State state(WebhookDeliveryState state) {
    return switch (state) {
      case WEBHOOK_DELIVERY_STATE_PENDING -> Delivery.State.PENDING;
      case WEBHOOK_DELIVERY_STATE_DELIVERED -> Delivery.State.DELIVERED;
      case WEBHOOK_DELIVERY_STATE_FAILED -> Delivery.State.FAILED;
      case WEBHOOK_DELIVERY_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  public static com.example.chat.v1.WebhookDelivery delivery(Delivery d) {
    com.example.chat.v1.WebhookDelivery.Builder b = com.example.chat.v1.WebhookDelivery.newBuilder()
        .setEventId(d.eventId().toString())
        .setType(type(d.type()))
        .setState(WebhookDeliveryState.valueOf("WEBHOOK_DELIVERY_STATE_" + d.state().name()))
        .setAttempts(d.attempts())
        .setLastStatusCode(d.lastStatusCode())
        .setLastError(d.lastError() == null ? "" : d.lastError())
        .setCreateTime(timestamp(d.createTime()));
    if (d.lastAttemptTime() != null) {
      b.setLastAttemptTime(timestamp(d.lastAttemptTime()));
    }
    if (d.state() == Delivery.State.PENDING) {
      b.setNextAttemptTime(timestamp(d.nextAttemptTime()));
    }
    return b.build();
  }
}
