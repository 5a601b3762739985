package com.example.chat.server.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures of the Standard Webhooks convention (standardwebhooks.com): a secret is
 * {@code whsec_} followed by the base64 of random key bytes; a signature is {@code v1,} followed
 * by the base64 HMAC-SHA256, keyed with those bytes, of {@code <id>.<timestamp>.<body>}. Several
 * signatures (during a secret rotation) are separated by spaces. Written here because it is a
 * dozen lines over the JDK's HMAC; the convention's own libraries are for receivers.
 */
public final class WebhookSignature {
  public static final String SECRET_PREFIX = "whsec_";
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new secret as shown to the caller: {@code whsec_<base64 of 32 random bytes>}. */
  public static String newSecret() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The key bytes of a secret (the base64 part after the prefix). */
  public static byte[] key(String secret) {
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  /** One signature: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
  public static String sign(String secret, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The webhook-signature header: one signature per secret still valid, space-separated. */
  public static String header(List<String> secrets, String id, long timestamp, String body) {
    return secrets.stream().map(s -> sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
  }
}
