package com.example.chat.server.auth;

import com.example.chat.server.ServerConfig.JwtSettings;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies bearer tokens with Nimbus JOSE+JWT: the algorithm is pinned to the configured one
 * (so {@code alg: none} and algorithm swaps fail), the signature is checked against the
 * configured key, {@code exp} and {@code sub} are required, issuer and audience must match,
 * and {@code exp}/{@code nbf} allow a small clock skew.
 */
public final class TokenVerifier {
  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public TokenVerifier(JwtSettings settings) {
    JWSAlgorithm algorithm = JWSAlgorithm.parse(settings.algorithm());
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keySource(settings, algorithm)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        Set.of(settings.audience()),
        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
        Set.of("sub", "exp"),
        null);
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    skewMillis = settings.clockSkew().toMillis();
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** A token already verified: its subject and when it stops being valid. */
  private record Verified(String subject, long validUntilMillis) {}

  /**
   * Clients send the same token on every call; parsing and checking it each time cost more
   * than the rest of authentication. A verified token is remembered until it expires (the
   * expiry plus skew, as the processor would judge it), so the answer never changes by caching.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
  private final long skewMillis;

  /** The token's subject if the token is valid; empty for any kind of invalid token. */
  public Optional<String> verify(String token) {
    long now = System.currentTimeMillis();
    Verified known = verified.get(token);
    if (known != null) {
      if (now < known.validUntilMillis()) {
        return Optional.of(known.subject());
      }
      verified.remove(token);
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      if (verified.size() > 100_000) {
        verified.clear(); // a crude bound: the cache only saves work
      }
      verified.put(token, new Verified(claims.getSubject(), claims.getExpirationTime().getTime() + skewMillis));
      return Optional.of(claims.getSubject());
    } catch (Exception e) {
      // The reason stays in the server log; the caller only learns that it failed.
      LOG.log(Level.FINE, "token rejected: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static JWKSource<SecurityContext> keySource(JwtSettings s, JWSAlgorithm algorithm) {
    try {
      if (s.secret() != null || s.secretFile() != null) {
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
          throw new IllegalArgumentException("an HMAC secret needs an HS* algorithm, not " + algorithm);
        }
        byte[] secret = s.secret() != null
            ? s.secret().getBytes(StandardCharsets.UTF_8)
            : Files.readString(s.secretFile()).strip().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
          throw new IllegalArgumentException("the JWT secret must be at least 32 bytes long");
        }
        return new ImmutableSecret<>(secret);
      }
      if (s.publicKeyFile() != null) {
        JWK key = JWK.parseFromPEMEncodedObjects(Files.readString(s.publicKeyFile()));
        return new ImmutableJWKSet<>(new JWKSet(key));
      }
      if (s.jwksFile() != null) {
        return new ImmutableJWKSet<>(JWKSet.load(s.jwksFile().toFile()));
      }
    } catch (IOException | ParseException | com.nimbusds.jose.JOSEException e) {
      throw new IllegalArgumentException("cannot read the JWT key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no JWT key configured: set --jwt-secret, --jwt-secret-file, "
        + "--jwt-public-key-file or --jwt-jwks-file");
  }
}
