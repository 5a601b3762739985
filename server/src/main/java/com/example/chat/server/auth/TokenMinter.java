package com.example.chat.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs HS256 tokens with the server's own secret. Only for the demo mode (a ready token per
 * demo user) and tests; in production tokens come from the company's identity provider, and
 * no RPC mints tokens.
 */
public final class TokenMinter {
  private final byte[] secret;
  private final String issuer;
  private final String audience;

  public TokenMinter(String secret, String issuer, String audience) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.issuer = issuer;
    this.audience = audience;
  }

  public String mint(String subject, Duration validFor) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(subject).issuer(issuer).audience(audience)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validFor)))
        .build();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }
}
