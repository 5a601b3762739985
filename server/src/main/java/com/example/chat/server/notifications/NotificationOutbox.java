package com.example.chat.server.notifications;

import com.example.chat.server.changes.Change;
import com.example.chat.server.storage.ChangeListener;
import com.example.chat.server.storage.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Writes the notifications a unit of work causes into the outbox, in its own transaction, so a
 * committed change always has its notifications and a rolled-back one has none. Only companies
 * that want them (an enabled endpoint asking for the type, or a service following the feed) get
 * rows, and each kind of change is one INSERT ... SELECT for the whole batch: a group send to a
 * large room is one statement, never a query per recipient. The rows hold references only; the
 * sequencer renders them after the commit, woken only when rows were written.
 */
public final class NotificationOutbox implements ChangeListener {

  /** Whether the company of {@code c.company_id} wants notifications of the type bound first. */
  private static final String INTERESTED = """
      (EXISTS (SELECT 1 FROM webhook_endpoint ep
               WHERE ep.company_id = c.company_id AND ep.enabled AND ?::text = ANY (ep.event_types))
       OR EXISTS (SELECT 1 FROM notification_follower f WHERE f.company_id = c.company_id))""";

  /**
   * The statement that writes the events of new messages: one row per member who should hear of
   * a message (not the sender, not muted, joined before it), for companies that want them.
   * {@code messages} is a relation {@code c(company_id, room_id, seq, sender_id)}. The send batch
   * runs it as part of its own statement, the outbox for the other messages.
   */
  public static String messageEvents(String messages) {
    return """
        INSERT INTO notification_event (company_id, type, room_id, seq, user_id, actor_id)
        SELECT c.company_id, 'MESSAGE_RECEIVED', c.room_id, c.seq, p.user_id, c.sender_id
        FROM %s
        JOIN chat_participant p ON p.room_id = c.room_id AND p.company_id = c.company_id
         AND p.left_seq IS NULL AND NOT p.muted AND p.joined_seq <= c.seq
         AND p.user_id IS DISTINCT FROM c.sender_id
        WHERE""".formatted(messages) + INTERESTED.replace("?::text", "'" + EventType.MESSAGE_RECEIVED.name() + "'");
  }

  private static final String MESSAGES =
      messageEvents("unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[]) AS c(company_id, room_id, seq, sender_id)");

  private static final String JOINS = """
      INSERT INTO notification_event (company_id, type, room_id, user_id, actor_id, room_created)
      SELECT c.company_id, 'ROOM_JOINED', c.room_id, c.user_id, c.actor_id, c.room_created
      FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::boolean[])
           AS c(company_id, room_id, user_id, actor_id, room_created)
      WHERE""" + INTERESTED;

  private static final String MESSAGE_CHANGES = """
      INSERT INTO notification_event (company_id, type, room_id, seq, message_seq, actor_id)
      SELECT c.company_id, c.type, c.room_id, c.seq, c.message_seq, c.actor_id
      FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::bigint[], ?::bigint[], ?::uuid[])
           AS c(company_id, type, room_id, seq, message_seq, actor_id)
      WHERE""" + INTERESTED.replace("?::text", "c.type");

  private static final String USER_CHANGES = """
      INSERT INTO notification_event (company_id, type, user_id)
      SELECT c.company_id, c.type, c.user_id
      FROM unnest(?::uuid[], ?::text[], ?::uuid[]) AS c(company_id, type, user_id)
      WHERE""" + INTERESTED.replace("?::text", "c.type");

  private final Runnable wake;

  /** @param wake called after a commit that may have written rows, so they go out at once */
  public NotificationOutbox(Runnable wake) {
    this.wake = wake;
  }

  @Override
  public void beforeCommit(Tx transaction, List<Change> changes) {
    Columns messages = new Columns(4);
    Columns joins = new Columns(5);
    Columns messageChanges = new Columns(6);
    Columns userChanges = new Columns(3);
    boolean written = false;
    for (Change change : changes) {
      if (change instanceof Change.MessageSent m) {
        if (m.outbox() == Change.Outbox.TO_WRITE) {
          messages.add(m.companyId(), m.roomId(), m.seq(), m.senderId());
        } else if (m.outbox() == Change.Outbox.WRITTEN) {
          written = true;
        }
      } else if (change instanceof Change.MembersAdded a) {
        for (UUID user : a.userIds()) {
          // The creator of a room is not told they joined it.
          if (!(a.roomCreated() && user.equals(a.actorId()))) {
            joins.add(a.companyId(), a.roomId(), user, a.actorId(), a.roomCreated());
          }
        }
      } else if (change instanceof Change.MessageEdited e) {
        messageChanges.add(e.companyId(), EventType.MESSAGE_EDITED.name(), e.roomId(), e.eventSeq(), e.seq(), e.actorId());
      } else if (change instanceof Change.MessageDeleted d) {
        messageChanges.add(d.companyId(), EventType.MESSAGE_DELETED.name(), d.roomId(), d.eventSeq(), d.seq(), d.actorId());
      } else if (change instanceof Change.UserChanged u) {
        userChanges.add(u.companyId(), type(u.kind()).name(), u.userId());
      }
      // Removals, renames, mutes and read cursors are for live streams only.
    }
    int rows = 0;
    if (!messages.isEmpty()) {
      rows += transaction.dsl().execute(MESSAGES, messages.column(0, UUID[]::new), messages.column(1, UUID[]::new),
          messages.column(2, Long[]::new), messages.column(3, UUID[]::new));
    }
    if (!joins.isEmpty()) {
      rows += transaction.dsl().execute(JOINS, joins.column(0, UUID[]::new), joins.column(1, UUID[]::new), joins.column(2, UUID[]::new),
          joins.column(3, UUID[]::new), joins.column(4, Boolean[]::new), EventType.ROOM_JOINED.name());
    }
    if (!messageChanges.isEmpty()) {
      rows += transaction.dsl().execute(MESSAGE_CHANGES, messageChanges.column(0, UUID[]::new), messageChanges.column(1, String[]::new),
          messageChanges.column(2, UUID[]::new), messageChanges.column(3, Long[]::new),
          messageChanges.column(4, Long[]::new), messageChanges.column(5, UUID[]::new));
    }
    if (!userChanges.isEmpty()) {
      rows += transaction.dsl().execute(USER_CHANGES, userChanges.column(0, UUID[]::new), userChanges.column(1, String[]::new),
          userChanges.column(2, UUID[]::new));
    }
    if (written || rows > 0) {
      // The rows go out as soon as they are committed; without rows, nobody is woken for nothing.
      transaction.afterCommit(wake);
    }
  }

  private static EventType type(Change.UserChange kind) {
    return switch (kind) {
      case CREATED -> EventType.USER_CREATED;
      case UPDATED -> EventType.USER_UPDATED;
      case DEACTIVATED -> EventType.USER_DEACTIVATED;
      case CUSTOMER_PROFILE_UPDATED -> EventType.CUSTOMER_PROFILE_UPDATED;
    };
  }


  /** Values of a batch by column, bound as arrays to one unnest(). */
  private static final class Columns {
    private final List<List<Object>> columns = new ArrayList<>();

    Columns(int count) {
      for (int i = 0; i < count; i++) {
        columns.add(new ArrayList<>());
      }
    }

    void add(Object... row) {
      for (int i = 0; i < row.length; i++) {
        columns.get(i).add(row[i]);
      }
    }

    boolean isEmpty() {
      return columns.get(0).isEmpty();
    }

    /** Column {@code i} as a typed array, for binding to {@code ?::type[]}. */
    <T> T[] column(int i, IntFunction<T[]> array) {
      return columns.get(i).toArray(array.apply(0));
    }
  }
}
