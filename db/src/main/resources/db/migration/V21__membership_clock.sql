-- Positions of the membership log (V20) come from one clock row instead of a row per user. A
-- transaction that changes the memberships of several people (a group created, members added)
-- then takes one lock at its commit instead of one per person in the order they were written,
-- so two such transactions can never wait for each other in a cycle (a deadlock). Positions
-- stay increasing per user and in commit order; they are no longer gapless per user, which
-- nothing needs. Membership changes are rare next to messages, and the lock is held only from
-- the deferred trigger to the commit.

CREATE TABLE membership_clock (
    id       int    PRIMARY KEY CHECK (id = 1),
    -- The newest position handed out.
    position bigint NOT NULL
);
INSERT INTO membership_clock (id, position)
SELECT 1, coalesce(max(position), 0) FROM membership_event;

CREATE OR REPLACE FUNCTION membership_event_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    began boolean := NEW.left_seq IS NULL;
    next_position bigint;
BEGIN
    UPDATE membership_clock SET position = position + 1 WHERE id = 1 RETURNING position INTO next_position;
    INSERT INTO membership_event (user_id, position, room_id, joined, seq)
        VALUES (NEW.user_id, next_position, NEW.room_id, began,
                CASE WHEN began THEN NEW.joined_seq ELSE NEW.left_seq END);
    RETURN NULL;
END $$;

DROP TABLE membership_position;
