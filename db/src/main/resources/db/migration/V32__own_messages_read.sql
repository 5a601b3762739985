-- A member's own messages are read, and so is everything before them (replying means having
-- read the conversation). That used to be written: every send moved the sender's read cursor,
-- a second row update on the hottest path besides the room's. It is derived instead, from
-- the member's newest message in the room, found through this index. (On a large live
-- database, build it first with CREATE INDEX CONCURRENTLY under the same name; this skips it.)
CREATE INDEX IF NOT EXISTS chat_message_sender_seq_idx ON chat_message (room_id, sender_id, seq DESC) INCLUDE (ordinal)
    WHERE sender_id IS NOT NULL;

-- The read state of every membership, the one place for the rule above: the stored cursor
-- (moved by MarkRead, set on joining) or the member's newest own message, whichever is later,
-- and the number of messages up to it (unread = chat_room.message_count - read_message_count).
CREATE VIEW member_read_state AS
SELECT p.room_id, p.user_id,
       greatest(p.last_read_seq, coalesce(own.seq, 0)) AS last_read_seq,
       CASE WHEN own.seq > p.last_read_seq THEN own.ordinal ELSE p.read_message_count END AS read_message_count
  FROM chat_participant p
  LEFT JOIN LATERAL (
    SELECT m.seq, m.ordinal FROM chat_message m
     WHERE m.room_id = p.room_id AND m.sender_id = p.user_id
     ORDER BY m.seq DESC LIMIT 1) own ON true;
