package com.example.chat.server.delivery;

import com.example.chat.server.messages.MessageRepository;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * A user's read cursor moved (on one of their devices, or by sending): their open streams on
 * this instance learn the new cursor and unread count. Not a timeline event, so no room actor
 * is involved.
 */
final class ReadCursorFanOut {
  private final OpenStreams streams;
  private final MessageRepository messages;
  private final Executor executor;

  ReadCursorFanOut(OpenStreams streams, MessageRepository messages, Executor executor) {
    this.streams = streams;
    this.messages = messages;
    this.executor = executor;
  }

  void moved(UUID roomId, UUID userId) {
    Set<Subscriber> open = streams.of(userId);
    if (open.isEmpty()) {
      return;
    }
    executor.execute(() -> {
      var state = messages.readState(roomId, userId);
      byte[] event = EventProtos.readCursorMoved(roomId, state.lastReadSeq(), state.unread());
      open.forEach(s -> s.offer(event));
    });
  }
}
