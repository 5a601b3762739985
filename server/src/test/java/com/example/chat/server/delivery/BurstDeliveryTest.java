package com.example.chat.server.delivery;

import static com.example.chat.db.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.messages.MessageRepository;
import com.example.chat.server.rooms.RoomRepository;
import com.example.chat.server.testing.EventCollector;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One transaction commits messages into many rooms at once, with its announcements (as a busy
 * instance's batch of sends does): the rooms' new messages are read together, a few statements
 * for all of them, and every subscriber still gets exactly its rooms' events, once and in order,
 * also where the burst holds more than messages (a member removed, an edit).
 */
class BurstDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int ROOMS = 50;
  private static final int MESSAGES_PER_ROOM = 3;
  // No sweep: it would wake the rooms on its own and read them one by one.
  @RegisterExtension
  static final TestServer server = TestServer.perClass(config -> config.with("--sweep-seconds", "36000"));

  /** One timeline event as a subscriber should see it. */
  private record Expected(long seq, SubscribeResponse.EventCase kind, String text) {}

  private static Expected seen(SubscribeResponse e) {
    String text = e.hasMessageCreated() ? e.getMessageCreated().getMessage().getText()
        : e.hasMessageEdited() ? e.getMessageEdited().getMessage().getText() : "";
    return new Expected(e.getSeq(), e.getEventCase(), text);
  }

  @ParameterizedTest(name = "announced with seqs: {0}")
  @ValueSource(booleans = {true, false})
  void aBurstIntoManyRoomsIsReadTogetherAndDeliveredOnceInOrderToEveryMember(boolean withSeqs) throws Exception {
    List<UUID> rooms = new ArrayList<>();
    for (int i = 0; i < ROOMS; i++) {
      rooms.add(UUID.fromString(server.data().group("maria@acme.example", "Burst " + withSeqs + " " + i,
          "tom@acme.example", "ed@acme.example")));
    }
    UUID edited = rooms.get(1);
    long editedSeq = server.data().send("maria@acme.example", edited.toString(), "tyop").getSeq();
    EventCollector tom = subscribe("tom@acme.example");
    EventCollector ed = subscribe("ed@acme.example");
    EventCollector eve = subscribe("eve@acme.example"); // in none of the rooms
    DeliveryHub hub = server.server().components().hub();
    long readsBefore = quietReads(hub);

    // The burst: three messages in every room; in room 0 ed is removed before the third, and
    // in room 1 a message from before is edited between the messages.
    UUID maria = server.id("maria@acme.example");
    UUID company = server.dsl().select(APP_USER.COMPANY_ID).from(APP_USER).where(APP_USER.ID.eq(maria))
        .fetchSingle().value1();
    Map<UUID, List<Expected>> timelines = new HashMap<>();
    server.dsl().transaction(cfg -> {
      DSLContext tx = cfg.dsl();
      MessageRepository messages = new MessageRepository(tx);
      RoomRepository roomRepository = new RoomRepository(tx);
      StringBuilder payload = new StringBuilder();
      for (UUID room : rooms) {
        List<Expected> timeline = new ArrayList<>();
        for (int m = 0; m < MESSAGES_PER_ROOM; m++) {
          if (room.equals(rooms.get(0)) && m == 2) {
            long removed = roomRepository.removeMember(company, room, maria, server.id("ed@acme.example"))
                .orElseThrow().seq();
            timeline.add(new Expected(removed, SubscribeResponse.EventCase.MEMBER_REMOVED, ""));
          }
          if (room.equals(edited) && m == 1) {
            long edit = messages.edit(company, room, editedSeq, maria, "typo").orElseThrow();
            timeline.add(new Expected(edit, SubscribeResponse.EventCase.MESSAGE_EDITED, "typo"));
          }
          String text = "burst " + m + " in " + room;
          long seq = messages.send(company, room, maria, "Maria Manager", null, text).orElseThrow().message().seq();
          timeline.add(new Expected(seq, SubscribeResponse.EventCase.MESSAGE_CREATED, text));
        }
        timelines.put(room, timeline);
        long last = timeline.get(timeline.size() - 1).seq();
        payload.append(payload.isEmpty() ? "" : ",").append("t:").append(room).append(withSeqs ? ":" + last : "");
      }
      // Sent when the transaction commits, as one NOTIFY (under PostgreSQL's 8,000 bytes).
      tx.fetch("select pg_notify('" + PgAnnouncer.CHANNEL + "', ?)", payload.toString());
    });

    long total = timelines.values().stream().mapToLong(List::size).sum();
    tom.await(events -> burstEvents(events, timelines).size() >= total, WAIT);
    ed.await(events -> burstEvents(events, timelines).size() >= total - 1, WAIT);
    Thread.sleep(300); // a duplicate or a late event would arrive within this
    for (UUID room : rooms) {
      List<Expected> all = timelines.get(room);
      assertThat(eventsOf(tom, room, timelines)).as("tom in room %s", room).containsExactlyElementsOf(all);
      List<Expected> forEd = room.equals(rooms.get(0)) ? all.subList(0, 3) : all;
      assertThat(eventsOf(ed, room, timelines)).as("ed in room %s: up to his removal", room)
          .containsExactlyElementsOf(forEd);
      assertThat(eve.of(room.toString())).as("eve is in none of the rooms").isEmpty();
    }
    long reads = hub.timelineReads() - readsBefore;
    assertThat(reads).as("statements that read timelines for %s rooms (the rooms with an edit and a removal "
        + "read those themselves)", ROOMS).isLessThanOrEqualTo(6);
    tom.cancel();
    ed.cancel();
    eve.cancel();
  }

  private static EventCollector subscribe(String email) throws InterruptedException {
    EventCollector c = EventCollector.subscribe(server.channel(), server.token(email), Map.of());
    c.awaitCaughtUp();
    return c;
  }

  /** The timeline reads so far, once none has happened for a while (streams opened, rooms created). */
  private static long quietReads(DeliveryHub hub) throws InterruptedException {
    long reads = hub.timelineReads();
    while (true) {
      Thread.sleep(300);
      long now = hub.timelineReads();
      if (now == reads) {
        return now;
      }
      reads = now;
    }
  }

  /** The burst's events a subscriber got, in arrival order. */
  private static List<SubscribeResponse> burstEvents(List<SubscribeResponse> events, Map<UUID, List<Expected>> timelines) {
    return events.stream().filter(e -> e.getSeq() > 0 && !e.getRoomId().isEmpty()
        && timelines.containsKey(UUID.fromString(e.getRoomId()))
        && e.getSeq() >= timelines.get(UUID.fromString(e.getRoomId())).get(0).seq()).toList();
  }

  private static List<Expected> eventsOf(EventCollector c, UUID room, Map<UUID, List<Expected>> timelines) {
    return burstEvents(c.of(room.toString()), timelines).stream().map(BurstDeliveryTest::seen).toList();
  }
}
