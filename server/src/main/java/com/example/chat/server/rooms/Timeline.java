package com.example.chat.server.rooms;

import static com.example.chat.db.Tables.CHAT_ROOM;
import static com.example.chat.db.Tables.ROOM_EVENT;

import com.example.chat.db.types.TimelineEventKind;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The room timeline: one gapless sequence per room shared by messages and other events.
 * {@link #advance} bumps {@code chat_room.last_seq} inside the caller's transaction; the row
 * lock it takes makes seq order equal commit order within a room.
 */
public final class Timeline {

  private Timeline() {}

  /** Takes the room's next seq (locking the room row until the transaction ends). */
  public static long advance(DSLContext tx, UUID roomId) {
    return tx.update(CHAT_ROOM).set(CHAT_ROOM.LAST_SEQ, CHAT_ROOM.LAST_SEQ.plus(1))
        .where(CHAT_ROOM.ID.eq(roomId)).returning(CHAT_ROOM.LAST_SEQ).fetchSingle().getLastSeq();
  }

  /** Appends a non-message event at a fresh seq and returns that seq. */
  public static long append(DSLContext tx, UUID companyId, UUID roomId, TimelineEventKind kind, UUID actor,
      Long messageSeq, UUID userId, String text) {
    long seq = advance(tx, roomId);
    tx.insertInto(ROOM_EVENT)
        .set(ROOM_EVENT.ROOM_ID, roomId).set(ROOM_EVENT.SEQ, seq).set(ROOM_EVENT.COMPANY_ID, companyId)
        .set(ROOM_EVENT.KIND, kind).set(ROOM_EVENT.ACTOR_ID, actor)
        .set(ROOM_EVENT.MESSAGE_SEQ, messageSeq).set(ROOM_EVENT.USER_ID, userId).set(ROOM_EVENT.TEXT, text)
        .execute();
    return seq;
  }
}
