package com.example.chat.server;

import static com.example.chat.server.testing.Statuses.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.DeactivateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import com.example.chat.v1.WhoAmIRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every kind of bad credential is refused with the same UNAUTHENTICATED answer. */
class AuthenticationTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  private static String eve;

  @BeforeAll
  static void start() throws Exception {
    eve = server.id("eve@acme.example").toString();
  }

  private static JWTClaimsSet.Builder validClaims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().subject(subject).issuer(TestServer.ISSUER)
        .audience(TestServer.AUDIENCE).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  private static String hmac(JWSAlgorithm alg, String secret, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String signed(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    return hmac(JWSAlgorithm.HS256, TestServer.SECRET, change.apply(validClaims(eve)).build());
  }

  private static DirectoryServiceBlockingStub withHeader(String value) {
    Metadata headers = new Metadata();
    if (value != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
    }
    return DirectoryServiceGrpc.newBlockingStub(server.channel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static void assertRejected(String authorization) {
    StatusRuntimeException e = assertStatus(Status.Code.UNAUTHENTICATED,
        () -> withHeader(authorization).whoAmI(WhoAmIRequest.getDefaultInstance()));
    // The same words whatever was wrong: nothing that helps an attacker.
    assertThat(e.getStatus().getDescription()).startsWith("Authentication failed");
  }

  @Test
  void validTokenIdentifiesTheCallerFromTheDatabase() throws Exception {
    var me = withHeader("Bearer " + signed(c -> c)).whoAmI(WhoAmIRequest.getDefaultInstance());
    assertThat(me.getUser().getEmail()).isEqualTo("eve@acme.example");
    assertThat(me.getUser().getRole()).isEqualTo(com.example.chat.v1.Role.ROLE_EXECUTIVE);
  }

  @Test
  void missingHeaderAndMissingBearerAreRejected() throws Exception {
    assertRejected(null);
    assertRejected(signed(c -> c));
    assertRejected("Basic " + signed(c -> c));
    assertRejected("Bearer ");
  }

  @Test
  void garbageIsRejected() {
    assertRejected("Bearer not-a-token");
    assertRejected("Bearer a.b.c");
  }

  @Test
  void unsignedAlgNoneTokenIsRejected() {
    assertRejected("Bearer " + new PlainJWT(validClaims(eve).build()).serialize());
  }

  @Test
  void tokenSignedWithAnotherKeyIsRejected() throws Exception {
    assertRejected("Bearer " + hmac(JWSAlgorithm.HS256,
        "another-secret-of-sufficient-length-for-hs256-signing!!", validClaims(eve).build()));
  }

  @Test
  void tokenSignedWithAnotherAlgorithmIsRejected() throws Exception {
    assertRejected("Bearer " + hmac(JWSAlgorithm.HS384, TestServer.SECRET, validClaims(eve).build()));
    RSAKey rsa = new RSAKeyGenerator(2048).generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), validClaims(eve).build());
    jwt.sign(new RSASSASigner(rsa));
    assertRejected("Bearer " + jwt.serialize());
  }

  @Test
  void wrongIssuerOrAudienceIsRejected() throws Exception {
    assertRejected("Bearer " + signed(c -> c.issuer("someone-else")));
    assertRejected("Bearer " + signed(c -> c.audience("another-service")));
  }

  @Test
  void missingExpiryIsRejected() throws Exception {
    assertRejected("Bearer " + signed(c -> c.expirationTime(null)));
  }

  @Test
  void expiredBeyondSkewIsRejectedButWithinSkewAccepted() throws Exception {
    assertRejected("Bearer " + signed(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
    var me = withHeader("Bearer " + signed(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5)))))
        .whoAmI(WhoAmIRequest.getDefaultInstance());
    assertThat(me.getUser().getId()).isEqualTo(eve);
  }

  @Test
  void notYetValidIsRejected() throws Exception {
    assertRejected("Bearer " + signed(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(300)))));
  }

  @Test
  void unknownSubjectsAreRejected() throws Exception {
    assertRejected("Bearer " + hmac(JWSAlgorithm.HS256, TestServer.SECRET,
        validClaims(UUID.randomUUID().toString()).build()));
    assertRejected("Bearer " + hmac(JWSAlgorithm.HS256, TestServer.SECRET,
        validClaims("service:unregistered").build()));
    assertRejected("Bearer " + hmac(JWSAlgorithm.HS256, TestServer.SECRET, validClaims("eve").build()));
  }

  @Test
  void deactivatedUserIsRejectedWithAnOtherwiseValidToken() {
    String xavier = server.token("xavier@acme.example");
    TestServer.withToken(xavier, DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .whoAmI(WhoAmIRequest.getDefaultInstance());
    server.as("adam@acme.example", DirectoryServiceGrpc.newBlockingStub(server.channel()))
        .deactivateUser(DeactivateUserRequest.newBuilder()
            .setUserId(server.id("xavier@acme.example").toString()).build());
    assertRejected("Bearer " + xavier);
  }
}
