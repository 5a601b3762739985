package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static com.example.chat.db.Tables.WEBHOOK_DELIVERY;
import static com.example.chat.db.Tables.WEBHOOK_ENDPOINT;

import com.example.chat.db.tables.records.WebhookEndpointRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Queries of webhook endpoints and of their deliveries, for the management use cases. */
public final class WebhookRepository {
  private final DSLContext dsl;

  public WebhookRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A new endpoint as requested. */
  public record NewEndpoint(UUID companyId, String url, Set<EventType> eventTypes, String description,
      String secret, String createdBy, String requestId) {}

  /** Inserts the endpoint; empty when the request id was used before (the caller looks that one up). */
  public Optional<Endpoint> insert(NewEndpoint e) {
    return dsl.insertInto(WEBHOOK_ENDPOINT)
        .set(WEBHOOK_ENDPOINT.COMPANY_ID, e.companyId())
        .set(WEBHOOK_ENDPOINT.URL, e.url())
        .set(WEBHOOK_ENDPOINT.EVENT_TYPES, names(e.eventTypes()))
        .set(WEBHOOK_ENDPOINT.DESCRIPTION, e.description())
        .set(WEBHOOK_ENDPOINT.SECRET, e.secret())
        .set(WEBHOOK_ENDPOINT.CREATED_BY, e.createdBy())
        .set(WEBHOOK_ENDPOINT.REQUEST_ID, e.requestId())
        .onConflictDoNothing()
        .returning()
        .fetchOptional(WebhookRepository::endpoint);
  }

  public Optional<Endpoint> findByRequest(UUID companyId, String createdBy, String requestId) {
    return dsl.selectFrom(WEBHOOK_ENDPOINT)
        .where(WEBHOOK_ENDPOINT.COMPANY_ID.eq(companyId), WEBHOOK_ENDPOINT.CREATED_BY.eq(createdBy),
            WEBHOOK_ENDPOINT.REQUEST_ID.eq(requestId))
        .fetchOptional(WebhookRepository::endpoint);
  }

  /** Any company's endpoint by id: the caller decides whether it is in scope. */
  public Optional<Endpoint> find(UUID id) {
    return dsl.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id))
        .fetchOptional(WebhookRepository::endpoint);
  }

  /** A company's endpoints, oldest first, after a keyset position. */
  public List<Endpoint> list(UUID companyId, Instant afterTime, UUID afterId, int limit) {
    var condition = WEBHOOK_ENDPOINT.COMPANY_ID.eq(companyId);
    if (afterTime != null) {
      condition = condition.and(DSL.row(WEBHOOK_ENDPOINT.CREATE_TIME, WEBHOOK_ENDPOINT.ID)
          .gt(DSL.row(afterTime.atOffset(java.time.ZoneOffset.UTC), afterId)));
    }
    return dsl.selectFrom(WEBHOOK_ENDPOINT).where(condition)
        .orderBy(WEBHOOK_ENDPOINT.CREATE_TIME, WEBHOOK_ENDPOINT.ID).limit(limit)
        .fetch(WebhookRepository::endpoint);
  }

  /** Changes what is given (null keeps the value); the endpoint after the change. */
  public Endpoint update(Endpoint endpoint, String url, Set<EventType> types, String description) {
    return dsl.update(WEBHOOK_ENDPOINT)
        .set(WEBHOOK_ENDPOINT.URL, url == null ? endpoint.url() : url)
        .set(WEBHOOK_ENDPOINT.EVENT_TYPES, names(types == null ? endpoint.eventTypes() : types))
        .set(WEBHOOK_ENDPOINT.DESCRIPTION, description == null ? endpoint.description() : description)
        .set(WEBHOOK_ENDPOINT.UPDATE_TIME, DSL.currentOffsetDateTime())
        .where(WEBHOOK_ENDPOINT.ID.eq(endpoint.id()))
        .returning().fetchOptional(WebhookRepository::endpoint).orElseThrow();
  }

  /** Enables (reason null) or disables the endpoint; empty if it no longer exists. */
  public Optional<Endpoint> setDisabled(UUID id, Endpoint.DisabledReason reason) {
    return dsl.update(WEBHOOK_ENDPOINT)
        .set(WEBHOOK_ENDPOINT.ENABLED, reason == null)
        .set(WEBHOOK_ENDPOINT.DISABLED_REASON, reason == null ? null : reason.name())
        .set(WEBHOOK_ENDPOINT.UPDATE_TIME, DSL.currentOffsetDateTime())
        .where(WEBHOOK_ENDPOINT.ID.eq(id))
        .returning().fetchOptional(WebhookRepository::endpoint);
  }

  public boolean delete(UUID id) {
    return dsl.deleteFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute() == 1;
  }

  /** Makes {@code secret} the signing secret; the one it replaces signs too for {@code grace}. */
  public Optional<Endpoint> rotate(UUID id, String secret, Duration grace) {
    return dsl.update(WEBHOOK_ENDPOINT)
        .set(WEBHOOK_ENDPOINT.PREVIOUS_SECRET, WEBHOOK_ENDPOINT.SECRET)
        .set(WEBHOOK_ENDPOINT.PREVIOUS_SECRET_UNTIL,
            DSL.field("now() + ({0} * interval '1 millisecond')", OffsetDateTime.class, grace.toMillis()))
        .set(WEBHOOK_ENDPOINT.SECRET, secret)
        .set(WEBHOOK_ENDPOINT.UPDATE_TIME, DSL.currentOffsetDateTime())
        .where(WEBHOOK_ENDPOINT.ID.eq(id))
        .returning().fetchOptional(WebhookRepository::endpoint);
  }

  /** Queues a test event for one endpoint; its event id. */
  public UUID insertTestEvent(Endpoint endpoint) {
    return dsl.insertInto(NOTIFICATION_EVENT)
        .set(NOTIFICATION_EVENT.COMPANY_ID, endpoint.companyId())
        .set(NOTIFICATION_EVENT.TYPE, EventType.TEST.name())
        .set(NOTIFICATION_EVENT.ENDPOINT_ID, endpoint.id())
        .returning(NOTIFICATION_EVENT.EVENT_ID).fetchOne(NOTIFICATION_EVENT.EVENT_ID);
  }

  /** An endpoint's deliveries in one state, newest first, before a keyset position. */
  public List<Delivery> deliveries(UUID endpointId, Delivery.State state, Long beforeId, int limit) {
    var condition = WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId).and(WEBHOOK_DELIVERY.STATE.eq(state.name()));
    if (beforeId != null) {
      condition = condition.and(WEBHOOK_DELIVERY.ID.lt(beforeId));
    }
    return dsl.select(WEBHOOK_DELIVERY.fields()).select(NOTIFICATION_EVENT.EVENT_ID, NOTIFICATION_EVENT.TYPE,
            NOTIFICATION_EVENT.CREATE_TIME)
        .from(WEBHOOK_DELIVERY).join(NOTIFICATION_EVENT).on(NOTIFICATION_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
        .where(condition).orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(limit)
        .fetch(WebhookRepository::delivery);
  }

  /**
   * Makes an event's delivery to the endpoint pending again, due now, with a new retry window;
   * empty if the endpoint never had that event.
   */
  public Optional<Delivery> redeliver(UUID endpointId, UUID eventId) {
    int updated = dsl.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.STATE, Delivery.State.PENDING.name())
        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_TIME, DSL.currentOffsetDateTime())
        .set(WEBHOOK_DELIVERY.WINDOW_START_TIME, DSL.currentOffsetDateTime())
        .set(WEBHOOK_DELIVERY.DELIVERED_TIME, (OffsetDateTime) null)
        .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
        .and(WEBHOOK_DELIVERY.EVENT_ID.eq(DSL.select(NOTIFICATION_EVENT.ID).from(NOTIFICATION_EVENT)
            .where(NOTIFICATION_EVENT.EVENT_ID.eq(eventId))))
        .execute();
    if (updated == 0) {
      return Optional.empty();
    }
    return dsl.select(WEBHOOK_DELIVERY.fields()).select(NOTIFICATION_EVENT.EVENT_ID, NOTIFICATION_EVENT.TYPE,
            NOTIFICATION_EVENT.CREATE_TIME)
        .from(WEBHOOK_DELIVERY).join(NOTIFICATION_EVENT).on(NOTIFICATION_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
        .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId), NOTIFICATION_EVENT.EVENT_ID.eq(eventId))
        .fetchOptional(WebhookRepository::delivery);
  }

  static String[] names(Set<EventType> types) {
    return types.stream().map(Enum::name).sorted().toArray(String[]::new);
  }

  private static Endpoint endpoint(WebhookEndpointRecord r) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    Arrays.stream(r.getEventTypes()).map(EventType::valueOf).forEach(types::add);
    return new Endpoint(r.getId(), r.getCompanyId(), r.getUrl(), types, r.getDescription(), r.getEnabled(),
        r.getDisabledReason() == null ? null : Endpoint.DisabledReason.valueOf(r.getDisabledReason()),
        r.getPreviousSecretUntil() == null ? null : r.getPreviousSecretUntil().toInstant(),
        r.getCreateTime().toInstant(), r.getUpdateTime().toInstant());
  }

  private static Delivery delivery(Record r) {
    Integer status = r.get(WEBHOOK_DELIVERY.LAST_STATUS_CODE);
    OffsetDateTime last = r.get(WEBHOOK_DELIVERY.LAST_ATTEMPT_TIME);
    return new Delivery(r.get(WEBHOOK_DELIVERY.ID), r.get(NOTIFICATION_EVENT.EVENT_ID),
        EventType.valueOf(r.get(NOTIFICATION_EVENT.TYPE)), Delivery.State.valueOf(r.get(WEBHOOK_DELIVERY.STATE)),
        r.get(WEBHOOK_DELIVERY.ATTEMPTS), status == null ? 0 : status,
        r.get(WEBHOOK_DELIVERY.LAST_ERROR), last == null ? null : last.toInstant(),
        r.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_TIME).toInstant(), r.get(NOTIFICATION_EVENT.CREATE_TIME).toInstant());
  }
}
