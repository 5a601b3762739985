package com.example.chat.server.grpc;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.auth.PrincipalResolver;
import com.example.chat.server.auth.TokenVerifier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Authenticates every call from {@code authorization: Bearer <JWT>}. Any failure (missing
 * header, malformed, forged or expired token, unknown or deactivated user) gets the same
 * UNAUTHENTICATED answer, so that a caller learns nothing that helps guess a valid token.
 */
public final class AuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";
  private static final Status REFUSED = Status.UNAUTHENTICATED
      .withDescription("Authentication failed: send a valid token as 'authorization: Bearer <token>'.");

  private final TokenVerifier verifier;
  private final PrincipalResolver principals;

  public AuthInterceptor(TokenVerifier verifier, PrincipalResolver principals) {
    this.verifier = verifier;
    this.principals = principals;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Optional<Principal> principal = authenticate(headers.get(AUTHORIZATION));
    if (principal.isEmpty()) {
      call.close(REFUSED, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context context = Context.current().withValue(CallContext.PRINCIPAL, principal.get());
    return Contexts.interceptCall(context, call, headers, next);
  }

  private Optional<Principal> authenticate(String header) {
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return verifier.verify(header.substring(BEARER.length()).strip()).flatMap(principals::resolve);
  }
}
