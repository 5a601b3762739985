package com.example.chat.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The chat command: {@code chat <command> [options]}; {@code chat --help} lists the commands. */
@Command(name = "chat", mixinStandardHelpOptions = true, version = "chat 0.1.0",
    description = "Command-line client of the chat service.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success", "1:other failure", "2:usage error", "3:authentication failed",
        "4:not allowed (permission denied)", "5:not found", "6:request refused as invalid",
        "7:server unreachable"},
    subcommands = {
        LoginCommand.class,
        DirectoryCommands.WhoAmI.class,
        RoomCommands.Contacts.class,
        RoomCommands.Rooms.class,
        RoomCommands.Open.class,
        RoomCommands.Group.class,
        RoomCommands.Mute.class,
        MessageCommands.Send.class,
        MessageCommands.History.class,
        MessageCommands.MarkRead.class,
        MessageCommands.Edit.class,
        MessageCommands.Delete.class,
        MessageCommands.Unread.class,
        WatchCommands.Watch.class,
        WatchCommands.Chat.class,
        DirectoryCommands.Users.class,
        DirectoryCommands.Assign.class,
        DirectoryCommands.Companies.class,
        AutoComplete.GenerateCompletion.class})
public final class ChatCli extends CommandGroup {
  @picocli.CommandLine.Mixin
  ConnectionOptions connection;

  public static void main(String[] args) {
    System.exit(run(Terminal.system(), args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(Terminal term, String... args) {
    Factory factory = new Factory(term, new ConnectionOptions());
    CommandLine cli = new CommandLine(ChatCli.class, factory);
    cli.setOut(new java.io.PrintWriter(term.out(), true));
    cli.setErr(new java.io.PrintWriter(term.err(), true));
    cli.setExecutionExceptionHandler(new Failures(term));
    cli.setParameterExceptionHandler((e, arguments) -> {
      term.err().println("chat: " + e.getMessage());
      term.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return Failures.USAGE;
    });
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cli.execute(args);
  }

  /** Gives every command the terminal it runs in and the one set of connection options. */
  private record Factory(Terminal term, ConnectionOptions options) implements CommandLine.IFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <K> K create(Class<K> type) throws Exception {
      if (type == ConnectionOptions.class) {
        return (K) options;
      }
      K instance = CommandLine.defaultFactory().create(type);
      if (instance instanceof BaseCommand command) {
        command.attach(term, options);
      } else if (instance instanceof LoginCommand login) {
        login.term = term;
        login.options = options;
      }
      return instance;
    }
  }
}
