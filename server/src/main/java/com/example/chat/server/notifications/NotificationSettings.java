package com.example.chat.server.notifications;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of webhooks and the notification feed (flags of the server).
 *
 * @param allowHttp whether plain http endpoint URLs are accepted (development only)
 * @param allowedHosts hosts that skip the address check (a local receiver in development and tests)
 * @param requestTimeout how long one delivery attempt may take, connection to answer
 * @param retryWindow how long a delivery is retried before it is kept as failed (at least 24 h in production)
 * @param retryBase the delay before the second attempt; each further one doubles it (with jitter)
 * @param retryMax the longest delay between two attempts
 * @param secretGrace how long a rotated-out secret keeps signing
 * @param pollInterval how often the sequencer, the delivery worker and feed streams look for work
 *     when nothing woke them
 * @param senders concurrent deliveries of this instance
 * @param retention how long notifications are kept for the feed (and delivered ones at all)
 */
public record NotificationSettings(
    boolean allowHttp,
    Set<String> allowedHosts,
    Duration requestTimeout,
    Duration retryWindow,
    Duration retryBase,
    Duration retryMax,
    Duration secretGrace,
    Duration pollInterval,
    int senders,
    Duration retention) {
}
