package com.example.chat.server.demo;

import com.example.chat.server.ServerConfig;
import com.example.chat.server.auth.TokenMinter;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.directory.DirectoryRepository.NewUser;
import com.example.chat.db.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two demo companies: Acme with a user in every role, a team leader with two executives
 * reporting to them, and customers of different organizations assigned to different
 * employees; and Globex, to show that companies never see each other. Loading is idempotent.
 */
public final class DemoData {
  public static final String ACME = "Acme Logistics";
  public static final String GLOBEX = "Globex Trading";
  private static final String CREATED_BY = "demo";

  /** A demo person: e-mail (login), name, role, department or organization, manager or assignee e-mail. */
  private record Person(String email, String name, Role role, String unit, String link) {}

  private static final List<Person> ACME_PEOPLE = List.of(
      new Person("sara@acme.example", "Sara Stone", Role.SUPER_ADMIN, "Management", null),
      new Person("adam@acme.example", "Adam Admin", Role.ADMIN, "IT", null),
      new Person("maria@acme.example", "Maria Manager", Role.MANAGER, "Sales", null),
      new Person("tom@acme.example", "Tom Leader", Role.TEAM_LEADER, "Sales", null),
      new Person("eve@acme.example", "Eve Executive", Role.EXECUTIVE, "Sales", "tom@acme.example"),
      new Person("ed@acme.example", "Ed Executive", Role.EXECUTIVE, "Sales", "tom@acme.example"),
      new Person("xavier@acme.example", "Xavier Support", Role.EXECUTIVE, "Support", null),
      new Person("carol@northwind.example", "Carol Customer", Role.CUSTOMER, "Northwind Traders", "eve@acme.example"),
      new Person("dan@contoso.example", "Dan Customer", Role.CUSTOMER, "Contoso Bank", "ed@acme.example"),
      new Person("fiona@initech.example", "Fiona Customer", Role.CUSTOMER, "Initech", "xavier@acme.example"),
      new Person("gus@umbrella.example", "Gus Customer", Role.CUSTOMER, "Umbrella Health", "maria@acme.example"));

  private static final List<Person> GLOBEX_PEOPLE = List.of(
      new Person("gina@globex.example", "Gina Admin", Role.ADMIN, "Operations", null),
      new Person("otto@globex.example", "Otto Executive", Role.EXECUTIVE, "Sales", null),
      new Person("cora@hooli.example", "Cora Customer", Role.CUSTOMER, "Hooli", "otto@globex.example"));

  /** A demo user as offered to sign in as: {@code GET /demo/users.json} on the web port. */
  public record DemoUser(String email, String displayName, String role, String company, String token) {}

  private DemoData() {}

  /** Loads the demo (once) and returns each demo user's e-mail and id, in a stable order. */
  public static Map<String, UUID> load(DirectoryRepository directory) {
    Map<String, UUID> ids = new HashMap<>();
    loadCompany(directory, ACME, ACME_PEOPLE, ids);
    loadCompany(directory, GLOBEX, GLOBEX_PEOPLE, ids);
    return ids;
  }

  private static void loadCompany(DirectoryRepository directory, String name, List<Person> people,
      Map<String, UUID> ids) {
    UUID company = directory.createCompany(name, CREATED_BY, name).id();
    for (Person p : people) {
      UUID link = p.link() == null ? null : ids.get(p.link());
      String requestId = "demo:" + p.email();
      UUID id = directory.findUserByRequest(company, CREATED_BY, requestId)
          .map(u -> u.id())
          .orElseGet(() -> directory.insertUser(new NewUser(company, p.email(), p.name(), p.role(),
              p.role().isEmployee() ? p.unit() : "",
              p.role().isEmployee() ? link : null,
              p.role().isEmployee() ? null : p.unit(),
              p.role().isEmployee() ? null : link, CREATED_BY, requestId)).orElseThrow());
      ids.put(p.email(), id);
    }
  }

  /**
   * Loads the demo, prints a 30-day token per demo user and saves them in the data folder.
   *
   * @return the demo users with their tokens
   */
  public static List<DemoUser> loadAndPrintTokens(DirectoryRepository directory, ServerConfig config) throws IOException {
    Map<String, UUID> ids = load(directory);
    TokenMinter minter = new TokenMinter(config.jwt().secret(), config.jwt().issuer(), config.jwt().audience());
    List<String> lines = new ArrayList<>();
    List<DemoUser> users = new ArrayList<>();
    for (Person p : ACME_PEOPLE) {
      users.add(demoUser(p, ACME, minter.mint(ids.get(p.email()).toString(), Duration.ofDays(30))));
    }
    for (Person p : GLOBEX_PEOPLE) {
      users.add(demoUser(p, GLOBEX, minter.mint(ids.get(p.email()).toString(), Duration.ofDays(30))));
    }
    for (DemoUser u : users) {
      lines.add(String.format("%-26s %-12s %s", u.email(), u.role(), u.token()));
    }
    Path file = config.dataDir().resolve("demo-tokens.txt");
    Files.createDirectories(config.dataDir());
    Files.write(file, lines);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    System.out.println("Demo users and their tokens (valid 30 days; also in " + file + "):");
    lines.forEach(System.out::println);
    System.out.println("Example: export CHAT_TOKEN=$(awk '$1==\"eve@acme.example\"{print $3}' " + file + ")");
    System.out.flush();
    return users;
  }

  private static DemoUser demoUser(Person p, String company, String token) {
    return new DemoUser(p.email(), p.name(), p.role().name(), company, token);
  }
}
