package com.example.chat.cli;

import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.WhoAmIRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Saves a token (after checking it with the server) as a named profile:
 * {@code chat login --token JWT [--server HOST:PORT] [--tls] [--profile NAME]}.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Check a token (--token, '-' for standard input, or CHAT_TOKEN) with the server and save it"
        + " with --server and --tls as a profile (--profile, default 'default') in a file readable by you only.")
final class LoginCommand implements Callable<Integer> {
  @Option(names = "--default", description = "Make this the default profile.") boolean makeDefault;

  Terminal term;
  ConnectionOptions options;

  @Override
  public Integer call() throws Exception {
    String token = options.token != null ? options.token : term.env("CHAT_TOKEN");
    if (token == null) {
      throw new UsageException("login needs a token: --token JWT (or '-' to read it from standard input)");
    }
    String secret = token.equals("-") ? term.reader().readLine().strip() : token;
    String server = options.server != null ? options.server
        : term.env("CHAT_SERVER") != null ? term.env("CHAT_SERVER") : "localhost:50051";
    String name = options.profile != null ? options.profile : "default";
    try (ConnectionOptions.Client client = new ConnectionOptions.Client(new ConnectionOptions.Resolved(server, secret, options.tls))) {
      var me = client.unary(DirectoryServiceGrpc.newBlockingStub(client.channel())).whoAmI(WhoAmIRequest.getDefaultInstance());
      Profiles profiles = Profiles.load(term);
      profiles.save(name, new Profiles.Profile(server, secret, options.tls), makeDefault);
      String who = me.hasUser() ? me.getUser().getDisplayName() + " <" + me.getUser().getEmail() + ">" : me.getServiceAccount();
      term.out().println("Saved profile '" + name + "' for " + who + " in " + profiles.file());
    }
    return 0;
  }
}
