package com.example.chat.cli;

import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.SubscribeResponse;
import java.io.BufferedReader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Live commands: watch (tail events) and chat (interactive room). */
final class WatchCommands {
  private WatchCommands() {}

  static String describe(EventFeed feed, SubscribeResponse e) {
    String room = "[" + feed.roomName(e.getRoomId()) + "]";
    String bell = e.getNotify() ? " 🔔" : "";
    return switch (e.getEventCase()) {
      case MESSAGE_CREATED -> room + " " + MessageCommands.describe(e.getMessageCreated().getMessage()) + bell;
      case MESSAGE_EDITED -> room + " edited " + MessageCommands.describe(e.getMessageEdited().getMessage());
      case MESSAGE_DELETED -> room + " deleted #" + e.getMessageDeleted().getMessage().getSeq();
      case MEMBER_ADDED -> room + " " + e.getMemberAdded().getMember().getDisplayName() + " joined";
      case MEMBER_REMOVED -> room + " " + e.getMemberRemoved().getUserId() + " left";
      case ROOM_CREATED -> "new room: " + RoomCommands.describe(e.getRoomCreated().getRoom());
      case ROOM_RENAMED -> room + " renamed to " + e.getRoomRenamed().getName();
      case READ_CURSOR_MOVED -> room + " read up to #" + e.getReadCursorMoved().getLastReadSeq();
      case CAUGHT_UP -> "(live)";
      case HEARTBEAT -> "(alive)";
      case EVENT_NOT_SET -> room + " (unknown event)";
    };
  }

  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = "Print events as they happen, in all rooms or one; reconnects by itself without losing any.")
  static final class Watch extends BaseCommand {
    @Parameters(paramLabel = "ROOM_ID", arity = "0..1", description = "Only this room.") String room;
    @Option(names = "--count", description = "Stop after this many new messages.") int count;
    @Option(names = "--dead-after-seconds", defaultValue = "45", description = EventFeed.DEAD_AFTER_HELP)
    int deadAfterSeconds;

    @Override
    protected int run(ConnectionOptions.Client c) throws InterruptedException {
      EventFeed feed = new EventFeed(c, term, java.time.Duration.ofSeconds(deadAfterSeconds));
      AtomicInteger messages = new AtomicInteger();
      feed.run(event -> {
        if (event.hasCaughtUp() || (room != null && !room.equals(event.getRoomId()))) {
          return;
        }
        print(event, describe(feed, event));
        term.out().flush();
        if (event.hasMessageCreated() && count > 0 && messages.incrementAndGet() >= count) {
          feed.stop();
        }
      });
      return 0;
    }
  }

  @Command(name = "chat", mixinStandardHelpOptions = true,
      description = "Chat in one room: incoming messages appear as they arrive; each line you type is sent.")
  static final class Chat extends BaseCommand {
    @Parameters(paramLabel = "ROOM_ID") String room;
    @Option(names = "--dead-after-seconds", defaultValue = "45", description = EventFeed.DEAD_AFTER_HELP)
    int deadAfterSeconds;

    @Override
    protected int run(ConnectionOptions.Client c) throws Exception {
      EventFeed feed = new EventFeed(c, term, java.time.Duration.ofSeconds(deadAfterSeconds));
      AtomicReference<Exception> failure = new AtomicReference<>();
      Thread incoming = new Thread(() -> {
        try {
          feed.run(event -> {
            if (event.hasMessageCreated() && room.equals(event.getRoomId())) {
              print(event, describe(feed, event));
            }
          });
        } catch (Exception e) {
          failure.set(e);
        }
      }, "chat-incoming");
      incoming.setDaemon(true);
      incoming.start();
      var sender = c.unary(MessageServiceGrpc.newBlockingStub(c.channel()));
      BufferedReader lines = term.reader();
      String line;
      while ((line = lines.readLine()) != null && !line.equals("/quit")) {
        if (failure.get() != null) {
          break;
        }
        if (!line.isBlank()) {
          sender.sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(line).build());
        }
      }
      feed.stop();
      incoming.join(2000);
      if (failure.get() != null) {
        throw failure.get();
      }
      return 0;
    }
  }
}
