/**
 * Real-time delivery: the Subscribe stream.
 *
 * <p>What it owns and guarantees: a subscriber sees every event of every room it belongs to, in
 * seq order per room, with no gap and no duplicate, across reconnects, restarts and instances;
 * its room list is resumable too (a per-user membership log and position); a silent stream
 * carries heartbeats; a stream whose account changed ends.
 *
 * <p>The parts, from the door inwards:
 * <ul>
 *   <li>{@link com.example.chat.server.delivery.EventGrpcService}: the RPC, a thin adapter;
 *   <li>{@link com.example.chat.server.delivery.DeliveryHub}: this instance's streams and room
 *       actors, the sweep, heartbeats; what {@link com.example.chat.server.delivery.PgListener}
 *       wakes;
 *   <li>{@code ResumePlan}: what a new stream is sent before CaughtUp;
 *   <li>{@code RoomActor}: one room's timeline to its local subscribers, behind a narrow
 *       {@code RoomActor.Host};
 *   <li>{@code MembershipFeed}: rooms joined while a stream is open, in the user's log order;
 *   <li>{@code ReadCursorFanOut}, {@code AccountWatch}: read cursors to a user's other devices;
 *       streams ended when their account changed;
 *   <li>{@code Subscriber}: one stream's bounded, flow-controlled queue;
 *   <li>{@link com.example.chat.server.delivery.EventStore}: the database reads (the database
 *       is the source of truth; notifications only wake readers);
 *   <li>{@link com.example.chat.server.delivery.PgAnnouncer}: the unit of work's after-commit
 *       listener that NOTIFYs other instances.
 * </ul>
 */
package com.example.chat.server.delivery;
