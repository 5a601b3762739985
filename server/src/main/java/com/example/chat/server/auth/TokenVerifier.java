package com.example.chat.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens with Nimbus JOSE+JWT: the algorithm is pinned to the configured one
 * (so {@code alg: none} and algorithm swaps fail), the signature is checked against the
 * configured key, {@code exp} and {@code sub} are required, issuer and audience must match,
 * and {@code exp}/{@code nbf} allow a small clock skew.
 */
public final class TokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public TokenVerifier(JwtSettings settings) {
    JWSAlgorithm algorithm = JWSAlgorithm.parse(settings.algorithm());
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWSKeySelector(keySelector(settings, algorithm));
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
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfter(Expiry.creating((String token, Verified v) ->
          Duration.ofMillis(Math.max(0, v.validUntilMillis() - System.currentTimeMillis()))))
      .build();
  private final long skewMillis;

  /** The token's subject if the token is valid; empty for any kind of invalid token. */
  public Optional<String> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null) {
      return Optional.of(known.subject());
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      verified.put(token, new Verified(claims.getSubject(), claims.getExpirationTime().getTime() + skewMillis));
      return Optional.of(claims.getSubject());
    } catch (Exception e) {
      // The reason stays in the server log; the caller only learns that it failed.
      LOG.debug("token rejected: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The key that checks signatures, for the pinned algorithm only. A secret or a PEM key is the
   * one key whatever {@code kid} a token names; a JWKS file is matched by {@code kid}.
   */
  private static JWSKeySelector<SecurityContext> keySelector(JwtSettings s, JWSAlgorithm algorithm) {
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
        return new SingleKeyJWSKeySelector<>(algorithm, new SecretKeySpec(secret, "HMAC"));
      }
      if (s.publicKeyFile() != null) {
        return new SingleKeyJWSKeySelector<>(algorithm, publicKeyFromPem(Files.readString(s.publicKeyFile())));
      }
      if (s.jwksFile() != null) {
        return new JWSVerificationKeySelector<>(algorithm, new ImmutableJWKSet<>(JWKSet.load(s.jwksFile().toFile())));
      }
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot read the JWT key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no JWT key configured: set --jwt-secret, --jwt-secret-file, "
        + "--jwt-public-key-file or --jwt-jwks-file");
  }

  /** An RSA or EC public key in PEM ("BEGIN PUBLIC KEY", X.509 SubjectPublicKeyInfo), read with the JDK alone. */
  private static PublicKey publicKeyFromPem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
    for (String kind : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(kind).generatePublic(spec);
      } catch (GeneralSecurityException notThisKind) {
        // try the next kind
      }
    }
    throw new IllegalArgumentException("the public key file holds neither an RSA nor an EC public key in PEM");
  }
}
