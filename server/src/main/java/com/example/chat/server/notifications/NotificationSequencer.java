package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.example.chat.v1.Notification;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Takes committed outbox rows in insertion order, renders each notification once, gives it its
 * feed position, and queues one delivery per enabled endpoint of the company that wants its type.
 *
 * <p>Only one sequencer runs at a time across all instances (a transaction-scoped advisory
 * lock; the others skip their turn), so positions are handed out in the order the sequencer's
 * transactions commit: a feed reader that has seen position N never finds a smaller one later.
 * Rendering here rather than in the writing transaction keeps sends cheap; the price is that
 * the payload shows the state of a moment after the change, not of the change itself.
 */
public final class NotificationSequencer {
  /** The advisory lock key of the sequencer ("notify" in ASCII). */
  private static final long LOCK = 0x6e6f74696679L;
  static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  private final DSLContext dsl;
  private final NotificationRenderer renderer;
  private final int batchSize;

  public NotificationSequencer(DSLContext dsl, NotificationRenderer renderer, int batchSize) {
    this.dsl = dsl;
    this.renderer = renderer;
    this.batchSize = batchSize;
  }

  /** Sequences one batch; the number of events sequenced (0 also when another instance is at it). */
  public int runOnce() {
    return dsl.transactionResult(cfg -> {
      DSLContext tx = cfg.dsl();
      Boolean mine = tx.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, LOCK)).fetchOne(0, Boolean.class);
      if (!Boolean.TRUE.equals(mine)) {
        return 0;
      }
      List<NotificationRenderer.Pending> batch = tx.selectFrom(NOTIFICATION_EVENT)
          .where(NOTIFICATION_EVENT.POSITION.isNull())
          .orderBy(NOTIFICATION_EVENT.ID).limit(batchSize)
          .fetch(r -> new NotificationRenderer.Pending(r.getId(), r.getEventId(), r.getCompanyId(),
              EventType.valueOf(r.getType()), r.getRoomId(), r.getSeq(), r.getMessageSeq(), r.getUserId(),
              r.getActorId(), r.getRoomCreated(), r.getEndpointId(), r.getCreateTime().toInstant()));
      if (batch.isEmpty()) {
        return 0;
      }
      List<Long> positions = tx.fetch("SELECT nextval('notification_position_seq') FROM generate_series(1, ?)",
          batch.size()).getValues(0, Long.class);
      List<Long> ids = batch.stream().map(NotificationRenderer.Pending::id).toList();
      List<String> payloads = renderer.render(batch, positions).stream().map(NotificationSequencer::json).toList();
      tx.execute("""
          UPDATE notification_event e SET position = v.position, payload = v.payload
          FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS v(id, position, payload)
          WHERE e.id = v.id""",
          ids.toArray(Long[]::new), positions.toArray(Long[]::new), payloads.toArray(String[]::new));
      tx.execute("""
          INSERT INTO webhook_delivery (event_id, endpoint_id, company_id)
          SELECT e.id, ep.id, ep.company_id
          FROM notification_event e
          JOIN webhook_endpoint ep ON ep.company_id = e.company_id AND ep.enabled
           AND (CASE WHEN e.endpoint_id IS NULL THEN e.type = ANY (ep.event_types) ELSE ep.id = e.endpoint_id END)
          WHERE e.id = ANY (?::bigint[])
          ON CONFLICT (endpoint_id, event_id) DO NOTHING""", (Object) ids.toArray(Long[]::new));
      return batch.size();
    });
  }

  static String json(Notification n) {
    try {
      return JSON.print(n);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a built notification always prints", e);
    }
  }
}
