package com.example.chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.storage.Database;
import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateCompanyRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.ListCompaniesRequest;
import com.example.chat.v1.Company;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on its embedded PostgreSQL: starts, migrates, is healthy, keeps data across restarts. */
class ServerLifecycleTest {

  @TempDir
  Path dataDir;

  @Test
  void embeddedServerIsHealthyAndKeepsDataAcrossARestart() throws Exception {
    String companyId;
    try (Database db = Database.embedded(dataDir, 4, TestServer.config(0).databaseTimeout());
        ChatServer server = ChatServer.start(TestServer.config(0), db)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
      try {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.SERVING);
        // An acknowledged message must survive a crash of the machine, not only of the server.
        for (String durability : List.of("fsync", "synchronous_commit", "full_page_writes")) {
          assertThat(db.dsl().fetchSingle("show " + durability).get(0, String.class)).as(durability).isEqualTo("on");
        }
        server.components().directoryRepository().upsertServiceAccount("platform", null);
        companyId = platform(channel).createCompany(CreateCompanyRequest.newBuilder().setName("Persisted Ltd").build())
            .getCompany().getId();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }

    try (Database db = Database.embedded(dataDir, 4, TestServer.config(0).databaseTimeout());
        ChatServer server = ChatServer.start(TestServer.config(0), db)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
      try {
        assertThat(platform(channel).listCompanies(ListCompaniesRequest.getDefaultInstance()).getCompaniesList())
            .extracting(Company::getId).containsExactly(companyId);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static DirectoryServiceGrpc.DirectoryServiceBlockingStub platform(ManagedChannel channel) {
    String token = new com.example.chat.server.auth.TokenMinter(TestServer.SECRET, TestServer.ISSUER, TestServer.AUDIENCE)
        .mint("service:platform", java.time.Duration.ofMinutes(5));
    return TestServer.withToken(token, DirectoryServiceGrpc.newBlockingStub(channel));
  }
}
