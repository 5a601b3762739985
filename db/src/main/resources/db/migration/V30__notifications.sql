-- Notifications beyond the stream (issue 13): webhook endpoints of a company, the outbox of
-- notification events (also the durable feed of backend services) and webhook deliveries.

-- Where a company's backend wants to be told. The signing key is kept as given out (base64 of
-- the random key bytes): HMAC needs the key itself, so it cannot be stored hashed.
CREATE TABLE webhook_endpoint (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id            uuid        NOT NULL REFERENCES company (id),
    url                   text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    description           text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    -- The notification types wanted, by their proto names without prefix (MESSAGE_RECEIVED, ...).
    event_types           text[]      NOT NULL CHECK (cardinality(event_types) > 0),
    enabled               boolean     NOT NULL DEFAULT true,
    -- Why it is disabled: BY_ADMIN, or GONE when the receiver answered 410.
    disabled_reason       text        CHECK (disabled_reason IN ('BY_ADMIN', 'GONE')),
    secret                text        NOT NULL,
    -- After a rotation the previous key still signs deliveries until it expires.
    previous_secret       text,
    previous_secret_until timestamptz,
    created_by            text        NOT NULL,
    request_id            text        CHECK (length(request_id) <= 64),
    create_time           timestamptz NOT NULL DEFAULT now(),
    update_time           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, id),
    CHECK (enabled = (disabled_reason IS NULL))
);
CREATE UNIQUE INDEX webhook_endpoint_request_uq ON webhook_endpoint (company_id, created_by, request_id)
    WHERE request_id IS NOT NULL;
CREATE INDEX webhook_endpoint_company_idx ON webhook_endpoint (company_id, create_time, id);

-- Backend services that follow a company's feed. While one is registered, every notification
-- of the company is logged (not only the types endpoints want), so the feed misses nothing.
CREATE TABLE notification_follower (
    company_id    uuid        NOT NULL REFERENCES company (id),
    service_name  text        NOT NULL,
    last_seen_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, service_name)
);

-- The outbox and the feed. A row is inserted by the transaction that makes the change, with
-- references only (so the hot write stays small); the sequencer (one at a time, on any
-- instance) later renders the payload once and gives the row its feed position. Positions are
-- given in commit order of the sequencer, so a feed reader that saw position N never finds a
-- smaller one appearing later.
CREATE TABLE notification_event (
    id            bigserial   PRIMARY KEY,
    -- The stable event id receivers deduplicate on (webhook-id).
    event_id      uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    company_id    uuid        NOT NULL REFERENCES company (id),
    type          text        NOT NULL,
    room_id       uuid,
    -- The room timeline position of the change (the message itself for MESSAGE_RECEIVED).
    seq           bigint,
    -- The message edited or deleted.
    message_seq   bigint,
    -- The person notified (MESSAGE_RECEIVED, ROOM_JOINED) or the user changed (USER_*).
    user_id       uuid,
    actor_id      uuid,
    -- ROOM_JOINED: the room was created with the person in it.
    room_created  boolean     NOT NULL DEFAULT false,
    -- A test event is for one endpoint only and never in the feed.
    endpoint_id   uuid        REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    -- Set by the sequencer: the position in the feed and the canonical JSON of the notification.
    position      bigint      UNIQUE,
    payload       text,
    create_time   timestamptz NOT NULL DEFAULT now(),
    CHECK ((position IS NULL) = (payload IS NULL))
);
CREATE INDEX notification_event_unsequenced_idx ON notification_event (id) WHERE position IS NULL;
CREATE INDEX notification_event_feed_idx ON notification_event (company_id, position)
    WHERE position IS NOT NULL AND endpoint_id IS NULL;
CREATE SEQUENCE notification_position_seq;

-- One row per event and endpoint. PENDING rows are claimed by a worker with
-- FOR UPDATE SKIP LOCKED, which pushes next_attempt_time past the request timeout (a lease),
-- so no two workers send the same attempt; a worker that dies mid-send leaves the row to be
-- retried after the lease.
CREATE TABLE webhook_delivery (
    id                bigserial   PRIMARY KEY,
    event_id          bigint      NOT NULL REFERENCES notification_event (id) ON DELETE CASCADE,
    endpoint_id       uuid        NOT NULL,
    company_id        uuid        NOT NULL,
    state             text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_time timestamptz NOT NULL DEFAULT now(),
    -- Retries stop once this is older than the retry window; a redelivery starts it again.
    window_start_time timestamptz NOT NULL DEFAULT now(),
    last_attempt_time timestamptz,
    -- The HTTP status of the last attempt, or NULL when it got none (timeout, refused).
    last_status_code  integer,
    -- Why the last attempt failed, in words (never the response body).
    last_error        text        CHECK (length(last_error) <= 500),
    delivered_time    timestamptz,
    UNIQUE (endpoint_id, event_id),
    FOREIGN KEY (company_id, endpoint_id) REFERENCES webhook_endpoint (company_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_time) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_failed_idx ON webhook_delivery (endpoint_id, id) WHERE state = 'FAILED';

-- Who has a live Subscribe stream open, per server instance, so that a notification can say
-- whether the person is looking right now. Each instance refreshes its rows every few seconds;
-- rows not refreshed for a while belong to an instance that died and count for nothing.
CREATE TABLE stream_presence (
    user_id      uuid        NOT NULL,
    instance_id  uuid        NOT NULL,
    seen_time    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, instance_id)
);
