package com.example.chat.server;

import static com.example.chat.server.testing.Statuses.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.WhoAmIRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed by an identity provider's private key, verified with its public key (PEM or JWKS). */
class PublicKeyTokensTest {
  @TempDir
  Path dir;

  private static String sign(RSAKey key, String subject) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("chat").audience("chat")
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
        .keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** Runs a test server whose tokens are verified by the given key flags instead of the test secret. */
  private static void assertAcceptsOnlyItsKey(RSAKey key, String... keyFlags) throws Exception {
    try (TestServer server = TestServer.start(config -> config.with("--jwt-secret=").with(keyFlags))) {
      String eve = server.id("eve@acme.example").toString();
      var me = TestServer.withToken(sign(key, eve), DirectoryServiceGrpc.newBlockingStub(server.channel()))
          .whoAmI(WhoAmIRequest.getDefaultInstance());
      assertThat(me.getUser().getEmail()).isEqualTo("eve@acme.example");
      RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
      assertStatus(Status.Code.UNAUTHENTICATED, () -> TestServer.withToken(sign(other, eve),
          DirectoryServiceGrpc.newBlockingStub(server.channel())).whoAmI(WhoAmIRequest.getDefaultInstance()));
      assertStatus(Status.Code.UNAUTHENTICATED, () -> TestServer.withToken(server.token("eve@acme.example"),
          DirectoryServiceGrpc.newBlockingStub(server.channel())).whoAmI(WhoAmIRequest.getDefaultInstance()));
    }
  }

  @Test
  void aPemPublicKeyVerifiesRs256TokensAndRefusesHmacOnes() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
    Path pem = dir.resolve("idp.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    assertAcceptsOnlyItsKey(key, "--jwt-public-key-file", pem.toString());
  }

  @Test
  void aJwksFileVerifiesRs256Tokens() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("idp-2").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    assertAcceptsOnlyItsKey(key, "--jwt-jwks-file", jwks.toString(), "--jwt-algorithm", "RS256");
  }
}
