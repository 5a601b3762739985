-- Backend services post system messages into rooms of their company (an order update in a
-- customer conversation, an alert in a team group). Such a message has no person as sender:
-- it names the service instead, and is shown with the service's display name.

ALTER TABLE service_account
    ADD COLUMN display_name text CHECK (length(display_name) BETWEEN 1 AND 200);

ALTER TABLE chat_message
    ALTER COLUMN sender_id DROP NOT NULL,
    ADD COLUMN system_sender text REFERENCES service_account (name),
    ADD CONSTRAINT chat_message_one_sender CHECK ((sender_id IS NULL) <> (system_sender IS NULL));

-- Idempotency of system messages: the service and its request id, per room.
CREATE UNIQUE INDEX chat_message_system_request_uq ON chat_message (room_id, system_sender, request_id)
    WHERE request_id IS NOT NULL AND system_sender IS NOT NULL;
