package com.example.chat.server.auth;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How tokens are verified. Exactly one key source is used: an HMAC secret (inline or file),
 * a PEM public key file, or a JWKS file.
 */
public record JwtSettings(
    String issuer,
    String audience,
    String algorithm,
    String secret,
    Path secretFile,
    Path publicKeyFile,
    Path jwksFile,
    Duration clockSkew) {

  public boolean hasKey() {
    return secret != null || secretFile != null || publicKeyFile != null || jwksFile != null;
  }
}
