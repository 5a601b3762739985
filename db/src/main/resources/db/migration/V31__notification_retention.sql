-- Retention of the notification feed (issue 13). Pruning finds old notifications by time; the
-- newest position pruned is remembered per company, so that a feed client resuming from before
-- it is told so instead of silently missing what was pruned.
CREATE INDEX notification_event_time_idx ON notification_event (create_time) WHERE position IS NOT NULL;

CREATE TABLE notification_horizon (
    company_id     uuid   PRIMARY KEY REFERENCES company (id),
    pruned_through bigint NOT NULL
);
