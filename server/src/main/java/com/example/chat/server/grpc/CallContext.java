package com.example.chat.server.grpc;

import com.example.chat.server.auth.Principal;
import io.grpc.Context;

/** The gRPC Context keys of this server, in one place. */
public final class CallContext {
  /** The authenticated caller, set by {@link AuthInterceptor}. */
  public static final Context.Key<Principal> PRINCIPAL = Context.key("chat-principal");

  private CallContext() {}

  /** The caller of the current call (always present behind the interceptors). */
  public static Principal principal() {
    return PRINCIPAL.get();
  }

  /** The calling person; for methods that only people may call (the access options say so). */
  public static Principal.Person person() {
    return (Principal.Person) PRINCIPAL.get();
  }
}
