package com.example.chat.cli;

import com.example.chat.v1.DeleteMessageRequest;
import com.example.chat.v1.EditMessageRequest;
import com.example.chat.v1.GetRoomRequest;
import com.example.chat.v1.GetUnreadSummaryRequest;
import com.example.chat.v1.ListMessagesRequest;
import com.example.chat.v1.MarkReadRequest;
import com.example.chat.v1.Message;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sending and reading messages. */
final class MessageCommands {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private MessageCommands() {}

  static String describe(Message m) {
    String when = TIME.format(Instant.ofEpochSecond(m.getCreateTime().getSeconds()));
    String text = m.getDeleted() ? "(deleted)" : m.getText() + (m.hasEditTime() ? "  (edited)" : "");
    return String.format("#%d %s %s: %s", m.getSeq(), when, m.getSenderDisplayName(), text);
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Send a message: the words given, or standard input when none (or '-') are given.")
  static final class Send extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1..*", paramLabel = "TEXT", arity = "0..*") List<String> words = new ArrayList<>();
    @Option(names = "--request-id", description = "Idempotency key: a retry returns the first message.") String requestId = "";

    @Override
    protected int run(ConnectionOptions.Client c) throws IOException {
      String text = words.isEmpty() || words.equals(List.of("-"))
          ? term.reader().lines().collect(Collectors.joining("\n"))
          : String.join(" ", words);
      var sent = c.unary(MessageServiceGrpc.newBlockingStub(c.channel())).sendMessage(
          SendMessageRequest.newBuilder().setRoomId(room).setText(text).setRequestId(requestId).build());
      print(sent.getMessage(), describe(sent.getMessage()));
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Show a room's messages, oldest of the page first (newest page by default).")
  static final class History extends BaseCommand {
    @Parameters(paramLabel = "ROOM_ID") String room;
    @Option(names = {"-n", "--limit"}, description = "How many messages (default 20, at most 200).") int limit = 20;
    @Option(names = "--before", description = "Only messages before this seq.") long before;
    @Option(names = "--after", description = "Only messages after this seq.") long after;

    @Override
    protected int run(ConnectionOptions.Client c) {
      var page = c.unary(MessageServiceGrpc.newBlockingStub(c.channel())).listMessages(ListMessagesRequest.newBuilder()
          .setRoomId(room).setPageSize(limit).setBeforeSeq(before).setAfterSeq(after).build());
      List<Message> messages = new ArrayList<>(page.getMessagesList());
      if (after == 0) {
        Collections.reverse(messages); // read top to bottom, like a chat
      }
      messages.forEach(m -> print(m, describe(m)));
      if (!json && !page.getNextPageToken().isEmpty() && !messages.isEmpty()) {
        long edge = after == 0 ? messages.get(0).getSeq() : messages.get(messages.size() - 1).getSeq();
        term.err().println(after == 0 ? "(older: --before " + edge + ")" : "(newer: --after " + edge + ")");
      }
      return 0;
    }
  }

  @Command(name = "read", mixinStandardHelpOptions = true, description = "Mark a room read up to a seq (default: everything).")
  static final class MarkRead extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1", paramLabel = "SEQ", arity = "0..1") Long seq;

    @Override
    protected int run(ConnectionOptions.Client c) {
      long upTo = seq != null ? seq : c.unary(RoomServiceGrpc.newBlockingStub(c.channel()))
          .getRoom(GetRoomRequest.newBuilder().setRoomId(room).build()).getRoom().getLastSeq();
      var state = c.unary(MessageServiceGrpc.newBlockingStub(c.channel()))
          .markRead(MarkReadRequest.newBuilder().setRoomId(room).setSeq(upTo).build());
      print(state, "read up to #" + state.getLastReadSeq() + ", " + state.getUnreadCount() + " unread");
      return 0;
    }
  }

  @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change the text of one of your messages.")
  static final class Edit extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1", paramLabel = "SEQ") long seq;
    @Parameters(index = "2..*", paramLabel = "TEXT") List<String> words;

    @Override
    protected int run(ConnectionOptions.Client c) {
      Message m = c.unary(MessageServiceGrpc.newBlockingStub(c.channel())).editMessage(EditMessageRequest.newBuilder()
          .setRoomId(room).setSeq(seq).setText(String.join(" ", words)).build()).getMessage();
      print(m, describe(m));
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a message (yours, or any in a group you manage).")
  static final class Delete extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ROOM_ID") String room;
    @Parameters(index = "1", paramLabel = "SEQ") long seq;

    @Override
    protected int run(ConnectionOptions.Client c) {
      Message m = c.unary(MessageServiceGrpc.newBlockingStub(c.channel()))
          .deleteMessage(DeleteMessageRequest.newBuilder().setRoomId(room).setSeq(seq).build()).getMessage();
      print(m, describe(m));
      return 0;
    }
  }

  @Command(name = "unread", mixinStandardHelpOptions = true, description = "Show your unread messages per room.")
  static final class Unread extends BaseCommand {
    @Override
    protected int run(ConnectionOptions.Client c) {
      var summary = c.unary(MessageServiceGrpc.newBlockingStub(c.channel())).getUnreadSummary(GetUnreadSummaryRequest.getDefaultInstance());
      if (json) {
        print(summary, "");
        return 0;
      }
      summary.getRoomsList().forEach(r -> term.out().println(r.getRoomId() + "  " + r.getUnreadCount() + (r.getMuted() ? "  (muted)" : "")));
      term.out().println(summary.getTotalUnread() + " unread in all");
      return 0;
    }
  }
}
