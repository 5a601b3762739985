-- The chat schema. Everything a tenant owns carries company_id, and references between
-- tenant-owned rows include it (composite foreign keys), so a row can never point into
-- another company even if application code had a bug.

CREATE TABLE company (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Idempotency of CreateCompany: the caller's principal and their request id.
    created_by  text,
    request_id  text        CHECK (length(request_id) <= 64),
    create_time timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX company_request_uq ON company (created_by, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX company_name_idx ON company (name, id);

CREATE TABLE app_user (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id   uuid        NOT NULL REFERENCES company (id),
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role         text        NOT NULL CHECK (role IN ('SUPER_ADMIN', 'ADMIN', 'MANAGER', 'TEAM_LEADER', 'EXECUTIVE', 'CUSTOMER')),
    department   text        NOT NULL DEFAULT '' CHECK (length(department) <= 100),
    reports_to   uuid,
    active       boolean     NOT NULL DEFAULT true,
    created_by   text,
    request_id   text        CHECK (length(request_id) <= 64),
    create_time  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, id),
    FOREIGN KEY (company_id, reports_to) REFERENCES app_user (company_id, id),
    CHECK (reports_to IS NULL OR reports_to <> id)
);
CREATE UNIQUE INDEX app_user_email_uq ON app_user (company_id, lower(email));
CREATE UNIQUE INDEX app_user_request_uq ON app_user (company_id, created_by, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX app_user_reports_to_idx ON app_user (company_id, reports_to) WHERE reports_to IS NOT NULL;
CREATE INDEX app_user_name_idx ON app_user (company_id, lower(display_name), id);

-- A customer's organization and the employee who serves them.
CREATE TABLE customer_profile (
    user_id      uuid PRIMARY KEY,
    company_id   uuid NOT NULL,
    organization text NOT NULL CHECK (length(organization) BETWEEN 1 AND 200),
    assigned_to  uuid NOT NULL,
    FOREIGN KEY (company_id, user_id) REFERENCES app_user (company_id, id),
    FOREIGN KEY (company_id, assigned_to) REFERENCES app_user (company_id, id)
);
CREATE INDEX customer_profile_assigned_idx ON customer_profile (company_id, assigned_to);

-- Backend services that call the API with tokens whose subject is "service:<name>".
-- company_id NULL: the service may act in every company (directory sync of a platform).
CREATE TABLE service_account (
    name        text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    company_id  uuid        REFERENCES company (id),
    active      boolean     NOT NULL DEFAULT true,
    create_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chat_room (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id         uuid        NOT NULL REFERENCES company (id),
    kind               text        NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
    -- Group name; NULL for direct rooms.
    name               text        CHECK (length(name) BETWEEN 1 AND 100),
    -- Direct rooms: "<smaller user id>:<larger user id>", unique per company, so that a pair
    -- has exactly one room however many times and by whom it is opened.
    direct_key         text,
    owner_id           uuid,
    -- The newest position on the room timeline (messages and other events share it).
    last_seq           bigint      NOT NULL DEFAULT 0,
    -- Messages ever sent here; unread = message_count - participant.read_message_count.
    message_count      bigint      NOT NULL DEFAULT 0,
    last_message_seq   bigint      NOT NULL DEFAULT 0,
    last_activity_time timestamptz NOT NULL DEFAULT now(),
    request_id         text        CHECK (length(request_id) <= 64),
    create_time        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, id),
    UNIQUE (company_id, direct_key),
    FOREIGN KEY (company_id, owner_id) REFERENCES app_user (company_id, id),
    CHECK ((kind = 'DIRECT') = (direct_key IS NOT NULL)),
    CHECK ((kind = 'GROUP') = (name IS NOT NULL))
);
CREATE UNIQUE INDEX chat_room_request_uq ON chat_room (company_id, owner_id, request_id) WHERE request_id IS NOT NULL;

CREATE TABLE chat_participant (
    room_id            uuid        NOT NULL,
    user_id            uuid        NOT NULL,
    company_id         uuid        NOT NULL,
    room_role          text        NOT NULL CHECK (room_role IN ('OWNER', 'MEMBER')),
    -- Read cursor on the timeline, and the number of messages up to it.
    last_read_seq      bigint      NOT NULL DEFAULT 0,
    read_message_count bigint      NOT NULL DEFAULT 0,
    muted              boolean     NOT NULL DEFAULT false,
    -- Timeline position of the current membership's start, and of its end (NULL while member).
    joined_seq         bigint      NOT NULL DEFAULT 0,
    left_seq           bigint,
    joined_time        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id),
    FOREIGN KEY (company_id, room_id) REFERENCES chat_room (company_id, id),
    FOREIGN KEY (company_id, user_id) REFERENCES app_user (company_id, id)
);
CREATE INDEX chat_participant_user_idx ON chat_participant (user_id, room_id) WHERE left_seq IS NULL;

CREATE TABLE chat_message (
    room_id     uuid        NOT NULL,
    seq         bigint      NOT NULL,
    company_id  uuid        NOT NULL,
    -- 1-based number of this message among the room's messages (for unread counts).
    ordinal     bigint      NOT NULL,
    sender_id   uuid        NOT NULL,
    -- NULL once deleted: a tombstone keeps no text.
    content     text        CHECK (length(content) BETWEEN 1 AND 10000),
    request_id  text        CHECK (length(request_id) <= 64),
    create_time timestamptz NOT NULL DEFAULT now(),
    edit_time   timestamptz,
    delete_time timestamptz,
    PRIMARY KEY (room_id, seq),
    FOREIGN KEY (company_id, room_id) REFERENCES chat_room (company_id, id),
    FOREIGN KEY (company_id, sender_id) REFERENCES app_user (company_id, id),
    CHECK ((delete_time IS NULL) = (content IS NOT NULL))
);
CREATE UNIQUE INDEX chat_message_request_uq ON chat_message (room_id, sender_id, request_id) WHERE request_id IS NOT NULL;

-- Timeline events other than a message being sent; they share the room's seq with messages.
CREATE TABLE room_event (
    room_id     uuid        NOT NULL,
    seq         bigint      NOT NULL,
    company_id  uuid        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('MESSAGE_EDITED', 'MESSAGE_DELETED', 'MEMBER_ADDED', 'MEMBER_REMOVED', 'ROOM_RENAMED')),
    actor_id    uuid        NOT NULL,
    -- The message edited or deleted.
    message_seq bigint,
    -- The member added or removed.
    user_id     uuid,
    -- The new text of an edit (cleared when the message is deleted) or the new room name.
    text        text,
    create_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, seq),
    FOREIGN KEY (company_id, room_id) REFERENCES chat_room (company_id, id)
);
