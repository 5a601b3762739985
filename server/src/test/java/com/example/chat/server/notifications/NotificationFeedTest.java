package com.example.chat.server.notifications;

import static com.example.chat.db.Tables.NOTIFICATION_EVENT;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.MessageServiceGrpc;
import com.example.chat.v1.Notification;
import com.example.chat.v1.NotificationFeedServiceGrpc;
import com.example.chat.v1.NotificationType;
import com.example.chat.v1.OpenDirectRoomRequest;
import com.example.chat.v1.RoomServiceGrpc;
import com.example.chat.v1.SendMessageRequest;
import com.example.chat.v1.StreamNotificationsRequest;
import com.example.chat.v1.StreamNotificationsResponse;
import com.example.chat.v1.WhoAmIRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service feed: the company's notifications from a position the client keeps, across restarts. */
class NotificationFeedTest {
  @RegisterExtension
  static final TestServer server =
      TestServer.perClass(c -> WebhookDeliveryTest.fast(c).with("--notification-retention-days", "1"));
  private static String acme;
  private static String room;

  @BeforeAll
  static void start() throws Exception {
    acme = server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId();
    String globex = server.as("gina@globex.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId();
    var directory = server.server().components().directoryRepository();
    directory.upsertServiceAccount("acme-push", UUID.fromString(acme));
    directory.upsertServiceAccount("globex-push", UUID.fromString(globex));
    directory.upsertServiceAccount("platform-push", null);
    room = server.as("tom@acme.example", RoomServiceGrpc.newBlockingStub(server.channel()))
        .openDirectRoom(OpenDirectRoomRequest.newBuilder().setUserId(server.id("maria@acme.example").toString()).build())
        .getRoom().getRoomId();
  }


  /** A feed stream as a backend service reads it. */
  private static final class Feed implements StreamObserver<StreamNotificationsResponse> {
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    volatile Throwable error;
    final Context.CancellableContext context = Context.current().withCancellation();

    static Feed open(String service, long afterPosition) {
      Feed feed = new Feed();
      feed.context.run(() -> TestServer.withToken(server.tokenForSubject("service:" + service),
              NotificationFeedServiceGrpc.newStub(server.channel()))
          .streamNotifications(StreamNotificationsRequest.newBuilder().setAfterPosition(afterPosition)
              .addTypes(NotificationType.NOTIFICATION_TYPE_MESSAGE_RECEIVED).build(), feed));
      return feed;
    }

    @Override
    public void onNext(StreamNotificationsResponse value) {
      if (value.hasNotification()) {
        notifications.add(value.getNotification());
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {}

    void await(int count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (notifications.size() < count) {
        assertThat(System.nanoTime()).as("got %s of %s; error %s", notifications.size(), count, error)
            .isLessThan(deadline);
        Thread.sleep(20);
      }
    }

    void cancel() {
      context.cancel(null);
    }
  }

  private static void send(String text) {
    server.as("tom@acme.example", MessageServiceGrpc.newBlockingStub(server.channel()))
        .sendMessage(SendMessageRequest.newBuilder().setRoomId(room).setText(text).build());
  }

  private static List<String> texts(List<Notification> notifications) {
    return notifications.stream().map(n -> n.getMessageReceived().getMessage().getText()).toList();
  }

  @Test
  void theFeedResumesFromItsPositionAcrossARestartWithNothingLost() throws Exception {
    Feed feed = Feed.open("acme-push", 0);
    Thread.sleep(300); // the first call registers the service as a follower of the company
    for (int i = 1; i <= 5; i++) {
      send("before " + i);
    }
    feed.await(5);
    assertThat(texts(feed.notifications)).containsExactly("before 1", "before 2", "before 3", "before 4", "before 5");
    long position = feed.notifications.get(4).getPosition();
    assertThat(feed.notifications).extracting(Notification::getPosition).isSorted().doesNotHaveDuplicates();
    assertThat(feed.notifications).allMatch(n -> n.getCompanyId().equals(acme));
    feed.cancel();

    send("while away 1");
    send("while away 2");
    server.restart();
    send("after restart 1");
    send("after restart 2");

    Feed resumed = Feed.open("acme-push", position);
    resumed.await(4);
    Thread.sleep(300);
    assertThat(texts(resumed.notifications))
        .containsExactly("while away 1", "while away 2", "after restart 1", "after restart 2");
    assertThat(resumed.notifications).extracting(Notification::getPosition).isSorted()
        .allMatch(p -> p > position);
    send("live");
    resumed.await(5);
    assertThat(texts(resumed.notifications)).last().isEqualTo("live");
    resumed.cancel();
  }

  @Test
  void aPositionFromBeforePrunedNotificationsIsRefusedNotSkipped() throws Exception {
    long older = insertNotificationOfDaysAgo(3);
    long newer = insertNotificationOfDaysAgo(2);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.dsl().fetchCount(NOTIFICATION_EVENT, NOTIFICATION_EVENT.POSITION.in(older, newer)) > 0) {
      assertThat(System.nanoTime()).as("pruned after the one-day retention").isLessThan(deadline);
      Thread.sleep(100);
    }
    var service = TestServer.withToken(server.tokenForSubject("service:acme-push"),
        NotificationFeedServiceGrpc.newBlockingStub(server.channel()));
    var refused = assertStatus(Status.Code.FAILED_PRECONDITION, () -> service.streamNotifications(
        StreamNotificationsRequest.newBuilder().setAfterPosition(older).build()).hasNext());
    assertThat(reason(refused)).isEqualTo("FEED_POSITION_EXPIRED");
    for (long fine : new long[] {0, newer}) {
      Feed feed = Feed.open("acme-push", fine);
      Thread.sleep(300);
      assertThat(feed.error).as("resuming after %s", fine).isNull();
      feed.cancel();
    }
  }

  /** A notification as if sequenced days ago: its position. */
  private static long insertNotificationOfDaysAgo(int days) {
    return server.dsl().resultQuery("""
        INSERT INTO notification_event (company_id, type, user_id, position, payload, create_time)
        VALUES (?::uuid, 'USER_UPDATED', ?::uuid, nextval('notification_position_seq'), '{}', now() - make_interval(days => ?))
        RETURNING position""", acme, server.id("eve@acme.example").toString(), days).fetchOne(0, Long.class);
  }

  @Test
  void onlyTheCompanysServicesFollowItsFeed() {
    var executive = server.as("eve@acme.example", NotificationFeedServiceGrpc.newBlockingStub(server.channel()));
    assertStatus(Status.Code.PERMISSION_DENIED,
        () -> executive.streamNotifications(StreamNotificationsRequest.getDefaultInstance()).hasNext());
    var admin = server.as("adam@acme.example", NotificationFeedServiceGrpc.newBlockingStub(server.channel()));
    assertStatus(Status.Code.PERMISSION_DENIED,
        () -> admin.streamNotifications(StreamNotificationsRequest.getDefaultInstance()).hasNext());
    var globex = TestServer.withToken(server.tokenForSubject("service:globex-push"),
        NotificationFeedServiceGrpc.newBlockingStub(server.channel()));
    assertStatus(Status.Code.NOT_FOUND, () -> globex.streamNotifications(
        StreamNotificationsRequest.newBuilder().setCompanyId(acme).build()).hasNext());
    var platform = TestServer.withToken(server.tokenForSubject("service:platform-push"),
        NotificationFeedServiceGrpc.newBlockingStub(server.channel()));
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> platform.streamNotifications(StreamNotificationsRequest.getDefaultInstance()).hasNext());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> platform.streamNotifications(
        StreamNotificationsRequest.newBuilder().setCompanyId(acme).setAfterPosition(-1).build()).hasNext());
  }
}
