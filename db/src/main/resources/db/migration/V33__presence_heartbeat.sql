-- Stream presence, kept alive per instance: a presence row lives as long as its stream, and
-- the instance's one heartbeat row here says that the instance (and so each of its rows) is
-- alive. An instance renews one row every few seconds, where it renewed one row per connected
-- person (10,000 people: 2,000 row versions and their WAL a second, for nothing).
CREATE TABLE stream_instance (
    instance_id uuid        PRIMARY KEY,
    seen_time   timestamptz NOT NULL DEFAULT now()
);
