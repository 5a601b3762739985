package com.example.chat.cli;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where to connect and as whom. Each setting comes from its flag (accepted before or after the
 * command), else its environment variable, else the profile (named by --profile or
 * CHAT_PROFILE, else the default one). One instance serves the whole command line.
 */
public final class ConnectionOptions {
  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      description = "Server address (env CHAT_SERVER; default from the profile, else localhost:50051).")
  String server;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT", description = "Bearer token (env CHAT_TOKEN; default from the profile).")
  String token;

  @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME", description = "Saved profile to use (env CHAT_PROFILE; see 'chat login').")
  String profile;

  @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Use TLS (default: plaintext, or as the profile says).")
  boolean tls;

  /** The settings in force. */
  public record Resolved(String server, String token, boolean tls) {}

  public Resolved resolve(Terminal term) {
    String profileName = profile != null ? profile : term.env("CHAT_PROFILE");
    Profiles.Profile saved = Profiles.load(term).get(profileName);
    String address = first(server, term.env("CHAT_SERVER"), saved == null ? null : saved.server(), "localhost:50051");
    String bearer = first(token, term.env("CHAT_TOKEN"), saved == null ? null : saved.token(), null);
    return new Resolved(address, bearer, tls || (saved != null && saved.tls() && server == null));
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** An open connection with the caller's token on every call. */
  public static final class Client implements AutoCloseable {
    private final ManagedChannel channel;
    private final Metadata headers = new Metadata();
    private final String server;

    Client(Resolved settings) {
      if (settings.token() == null) {
        throw new UsageException("no token: pass --token, set CHAT_TOKEN, or save one with 'chat login'");
      }
      this.server = settings.server();
      NettyChannelBuilder builder = NettyChannelBuilder.forTarget(settings.server());
      if (settings.tls()) {
        builder.useTransportSecurity();
      } else {
        builder.usePlaintext();
      }
      // HTTP/2 pings find a dead connection under a stream that is quietly waiting; 20 s is
      // the least the server permits. A frozen server process is found by missed heartbeats.
      builder.keepAliveTime(20, TimeUnit.SECONDS).keepAliveTimeout(10, TimeUnit.SECONDS);
      this.channel = builder.build();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + settings.token());
    }

    public String server() {
      return server;
    }

    /** A stub with the token and, for unary calls, a deadline. */
    public <S extends AbstractStub<S>> S unary(S stub) {
      return stream(stub).withDeadlineAfter(15, TimeUnit.SECONDS);
    }

    /** A stub with the token and no deadline, for streams. */
    public <S extends AbstractStub<S>> S stream(S stub) {
      return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public ManagedChannel channel() {
      return channel;
    }

    @Override
    public void close() {
      channel.shutdownNow();
    }
  }

  public Client connect(Terminal term) {
    return new Client(resolve(term));
  }
}
