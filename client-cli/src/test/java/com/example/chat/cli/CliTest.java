package com.example.chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.Contact;
import com.example.chat.v1.Message;
import com.example.chat.v1.RoomView;
import com.example.chat.v1.SubscribeResponse;
import com.google.protobuf.Message.Builder;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, as a user runs it, against a real server with the demo data. */
class CliTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @TempDir
  static Path config;

  /** What one invocation printed and returned. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }
  }

  private static Map<String, String> env(String email) {
    Map<String, String> env = new HashMap<>();
    env.put("CHAT_SERVER", "localhost:" + server.port());
    env.put("CHAT_CLI_CONFIG_DIR", config.toString());
    if (email != null) {
      env.put("CHAT_TOKEN", server.token(email));
    }
    return env;
  }

  private static Run chat(String email, String stdin, String... args) {
    return chat(env(email), stdin, args);
  }

  private static Run chat(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal term = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    int exit = ChatCli.run(term, args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static <T extends com.google.protobuf.Message> T parse(String json, Builder builder) throws Exception {
    JsonFormat.parser().merge(json, builder);
    @SuppressWarnings("unchecked")
    T message = (T) builder.build();
    return message;
  }

  private static String roomWith(String email, String other) throws Exception {
    Run open = chat(email, "", "open", other, "--json");
    assertThat(open.exit()).as(open.err()).isZero();
    RoomView room = parse(open.lines().get(0), RoomView.newBuilder());
    return room.getRoomId();
  }

  @Test
  void anExecutiveSeesOnlyTheirCustomersOpensARoomSendsAndReadsHistory() throws Exception {
    Run contacts = chat("eve@acme.example", "", "contacts", "--kind", "customer");
    assertThat(contacts.exit()).isZero();
    assertThat(contacts.lines()).hasSize(1);
    assertThat(contacts.out()).contains("Carol Customer", "Northwind Traders").doesNotContain("Dan Customer", "Fiona");

    String room = roomWith("eve@acme.example", "carol@northwind.example");
    Run fromArgs = chat("eve@acme.example", "", "send", room, "Hello", "Carol");
    assertThat(fromArgs.exit()).as(fromArgs.err()).isZero();
    Run fromStdin = chat("eve@acme.example", "line one\nline two\n", "send", room);
    assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();

    Run history = chat("carol@northwind.example", "", "history", room);
    assertThat(history.exit()).isZero();
    assertThat(history.lines().get(0)).contains("Eve Executive: Hello Carol");
    assertThat(history.lines().get(1)).contains("Eve Executive: line one");
    assertThat(history.lines().get(2)).isEqualTo("line two");

    Run rooms = chat("carol@northwind.example", "", "rooms");
    assertThat(rooms.out()).contains("💼 Eve Executive (Sales)", "[2 unread]", "line one");
  }

  @Test
  void jsonOutputParsesAndCarriesWhatTheHumanOutputShows() throws Exception {
    roomWith("tom@acme.example", "dan@contoso.example");
    Run human = chat("tom@acme.example", "", "rooms");
    Run json = chat("tom@acme.example", "", "rooms", "--json");
    assertThat(json.exit()).isZero();
    for (String line : json.lines()) {
      RoomView room = parse(line, RoomView.newBuilder());
      assertThat(human.out()).contains(room.getRoomId(), room.getIconEmoji() + " " + room.getDisplayName());
      if (!room.getBadge().isEmpty()) {
        assertThat(human.out()).contains("(" + room.getBadge() + ")");
      }
    }
    List<Contact> contacts = new ArrayList<>();
    for (String line : chat("tom@acme.example", "", "contacts", "--json").lines()) {
      contacts.add(parse(line, Contact.newBuilder()));
    }
    assertThat(contacts).extracting(Contact::getEmail).contains("carol@northwind.example", "dan@contoso.example");
    String room = roomWith("tom@acme.example", "ed@acme.example");
    Message sent = parse(chat("tom@acme.example", "", "send", room, "json please", "--json").lines().get(0), Message.newBuilder());
    assertThat(sent.getText()).isEqualTo("json please");
    assertThat(sent.getSeq()).isPositive();
  }

  @Test
  void watchReceivesWhatAnotherInvocationSendsAndSurvivesAServerRestart() throws Exception {
    String room = roomWith("maria@acme.example", "gus@umbrella.example");
    CompletableFuture<Run> watch = CompletableFuture.supplyAsync(
        () -> chat("gus@umbrella.example", "", "watch", room, "--count", "6", "--json"));
    Thread.sleep(1500); // let the watch subscribe
    for (int i = 1; i <= 3; i++) {
      assertThat(chat("maria@acme.example", "", "send", room, "before restart " + i).exit()).isZero();
    }
    server.restart();
    for (int i = 1; i <= 3; i++) {
      Run sent = chat("maria@acme.example", "", "send", room, "after restart " + i);
      assertThat(sent.exit()).as(sent.err()).isZero();
    }
    Run watched = watch.get(60, TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.err()).isZero();
    List<String> texts = new ArrayList<>();
    for (String line : watched.lines()) {
      SubscribeResponse event = parse(line, SubscribeResponse.newBuilder());
      if (event.hasMessageCreated()) {
        texts.add(event.getMessageCreated().getMessage().getText());
      }
    }
    assertThat(texts).containsExactly("before restart 1", "before restart 2", "before restart 3",
        "after restart 1", "after restart 2", "after restart 3");
  }

  @Test
  void failuresPrintOneClearLineAndDistinctExitCodes() {
    Run forbidden = chat("eve@acme.example", "", "group", "create", "Not allowed");
    assertThat(forbidden.exit()).isEqualTo(Failures.PERMISSION_DENIED);
    assertThat(forbidden.err().strip()).startsWith("chat: not allowed:").contains("EXECUTIVE").doesNotContain("\n");

    Map<String, String> badToken = env(null);
    badToken.put("CHAT_TOKEN", "not-a-token");
    Run unauthenticated = chat(badToken, "", "rooms");
    assertThat(unauthenticated.exit()).isEqualTo(Failures.UNAUTHENTICATED);
    assertThat(unauthenticated.err()).startsWith("chat: authentication failed");

    Map<String, String> nowhere = env("eve@acme.example");
    nowhere.put("CHAT_SERVER", "localhost:1");
    Run unreachable = chat(nowhere, "", "rooms");
    assertThat(unreachable.exit()).isEqualTo(Failures.UNREACHABLE);
    assertThat(unreachable.err()).startsWith("chat: cannot reach localhost:1");

    Run usage = chat("eve@acme.example", "", "history");
    assertThat(usage.exit()).isEqualTo(Failures.USAGE);
    Run notFound = chat("eve@acme.example", "", "history", java.util.UUID.randomUUID().toString());
    assertThat(notFound.exit()).isEqualTo(Failures.NOT_FOUND);
  }

  @Test
  void loginSavesAProfileOnlyItsOwnerCanRead() throws Exception {
    Map<String, String> env = env(null);
    Run login = chat(env, "", "login", "--token", server.token("ed@acme.example"), "--server", "localhost:" + server.port(), "--profile", "ed");
    assertThat(login.exit()).as(login.err()).isZero();
    Path file = config.resolve("profiles.properties");
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    Run whoami = chat(env, "", "whoami", "--profile", "ed");
    assertThat(whoami.exit()).as(whoami.err()).isZero();
    assertThat(whoami.out()).contains("ed@acme.example");
  }
}
