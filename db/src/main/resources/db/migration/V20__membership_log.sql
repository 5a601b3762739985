-- A per-user log of membership changes, so that a Subscribe stream can resume the caller's
-- room list as it resumes a room: "everything that changed in my memberships after position P".
--
-- Positions are per user and gapless, assigned by bumping membership_position (the row lock
-- makes position order equal commit order for that user, like chat_room.last_seq for a room).
-- The rows are written by triggers on chat_participant, in the transaction that changes the
-- membership, whichever code path changes it. The triggers are deferred to commit time so the
-- per-user lock is held for an instant at the end of the transaction, not across its work.

CREATE TABLE membership_position (
    user_id  uuid   PRIMARY KEY REFERENCES app_user (id),
    -- The newest position of the user's log; 0 before the first change.
    position bigint NOT NULL
);

CREATE TABLE membership_event (
    user_id  uuid    NOT NULL,
    position bigint  NOT NULL,
    room_id  uuid    NOT NULL,
    -- true: a membership began (room created with them, added, re-added); false: it ended.
    joined   boolean NOT NULL,
    -- The room timeline seq of the change (the join seq, 0 for a room's first members; the removal seq).
    seq      bigint  NOT NULL,
    PRIMARY KEY (user_id, position)
);
CREATE INDEX membership_event_room_idx ON membership_event (user_id, room_id, seq);

CREATE FUNCTION membership_event_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    began boolean := NEW.left_seq IS NULL;
    next_position bigint;
BEGIN
    INSERT INTO membership_position AS p (user_id, position) VALUES (NEW.user_id, 1)
        ON CONFLICT (user_id) DO UPDATE SET position = p.position + 1
        RETURNING p.position INTO next_position;
    INSERT INTO membership_event (user_id, position, room_id, joined, seq)
        VALUES (NEW.user_id, next_position, NEW.room_id, began,
                CASE WHEN began THEN NEW.joined_seq ELSE NEW.left_seq END);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER membership_joined AFTER INSERT ON chat_participant
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION membership_event_append();

CREATE CONSTRAINT TRIGGER membership_changed AFTER UPDATE OF left_seq ON chat_participant
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.left_seq IS DISTINCT FROM NEW.left_seq)
    EXECUTE FUNCTION membership_event_append();

-- The memberships that exist already start every user's log.
INSERT INTO membership_event (user_id, position, room_id, joined, seq)
SELECT user_id, row_number() OVER (PARTITION BY user_id ORDER BY joined_time, room_id), room_id, true, joined_seq
  FROM chat_participant WHERE left_seq IS NULL;
INSERT INTO membership_position (user_id, position)
SELECT user_id, max(position) FROM membership_event GROUP BY user_id;
