package com.example.chat.server;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;
import static com.example.chat.server.testing.Statuses.assertStatus;
import static com.example.chat.server.testing.Statuses.reason;
import static com.example.chat.server.testing.Statuses.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.chat.server.testing.TestServer;
import com.example.chat.v1.CreateCompanyRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import com.example.chat.v1.GetUserRequest;
import com.example.chat.v1.ListUsersRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import com.example.chat.v1.User;
import com.example.chat.v1.WhoAmIRequest;
import io.grpc.Status;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The directory API: who may manage which company, and what input it refuses. */
class DirectoryTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  private static String acme;
  private static String globex;

  @BeforeAll
  static void start() throws Exception {
    acme = directory("adam@acme.example").whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId();
    globex = directory("gina@globex.example").whoAmI(WhoAmIRequest.getDefaultInstance()).getUser().getCompanyId();
  }

  private static DirectoryServiceBlockingStub directory(String email) {
    return server.as(email, DirectoryServiceGrpc.newBlockingStub(server.channel()));
  }

  private static CreateUserRequest.Builder executive(String company, String email) {
    return CreateUserRequest.newBuilder().setCompanyId(company).setEmail(email)
        .setDisplayName("New Person").setRole(Role.ROLE_EXECUTIVE).setDepartment("Sales");
  }

  private static int userCount() {
    return server.dsl().fetchCount(APP_USER);
  }

  @Test
  void adminCreatesAnEmployeeAndACustomerInTheirCompany() {
    User employee = directory("adam@acme.example").createUser(executive(acme, "new.exec@acme.example").build()).getUser();
    assertThat(employee.getCompanyId()).isEqualTo(acme);
    assertThat(employee.getDepartment()).isEqualTo("Sales");
    User customer = directory("adam@acme.example").createUser(CreateUserRequest.newBuilder()
        .setEmail("zed@zeta.example").setDisplayName("Zed").setRole(Role.ROLE_CUSTOMER)
        .setOrganization("Zeta Ltd").setAssignedEmployeeId(employee.getId()).build()).getUser();
    assertThat(customer.getCompanyId()).isEqualTo(acme);
    assertThat(customer.getCustomer().getOrganization()).isEqualTo("Zeta Ltd");
    assertThat(customer.getCustomer().getAssignedEmployeeName()).isEqualTo("New Person");
  }

  @Test
  void executiveCannotCreateUsers() {
    int before = userCount();
    var e = assertStatus(Status.Code.PERMISSION_DENIED,
        () -> directory("eve@acme.example").createUser(executive(acme, "x1@acme.example").build()));
    assertThat(reason(e)).isEqualTo("ROLE_NOT_ALLOWED");
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void adminCannotTouchAnotherCompany() {
    int before = userCount();
    assertStatus(Status.Code.NOT_FOUND,
        () -> directory("adam@acme.example").createUser(executive(globex, "x2@globex.example").build()));
    assertStatus(Status.Code.NOT_FOUND, () -> directory("adam@acme.example").getUser(
        GetUserRequest.newBuilder().setUserId(server.id("otto@globex.example").toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> directory("adam@acme.example")
        .listUsers(ListUsersRequest.newBuilder().setCompanyId(globex).build()));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> directory("adam@acme.example")
        .createCompany(CreateCompanyRequest.newBuilder().setName("Shadow Inc").build()));
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void superAdminManagesEveryCompany() {
    User created = directory("sara@acme.example").createUser(executive(globex, "new@globex.example").build()).getUser();
    assertThat(created.getCompanyId()).isEqualTo(globex);
    var globexUsers = directory("sara@acme.example").listUsers(ListUsersRequest.newBuilder().setCompanyId(globex).build());
    assertThat(globexUsers.getUsersList()).extracting(User::getEmail).contains("gina@globex.example", "new@globex.example");
    var company = directory("sara@acme.example").createCompany(CreateCompanyRequest.newBuilder()
        .setName("Initrode").setRequestId("initrode-1").build()).getCompany();
    var again = directory("sara@acme.example").createCompany(CreateCompanyRequest.newBuilder()
        .setName("Initrode").setRequestId("initrode-1").build()).getCompany();
    assertThat(again.getId()).isEqualTo(company.getId());
  }

  @Test
  void serviceAccountsUseTheDirectoryWithinTheirScope() {
    server.server().components().directoryRepository().upsertServiceAccount("hr-sync", java.util.UUID.fromString(acme));
    var hr = TestServer.withToken(server.tokenForSubject("service:hr-sync"), DirectoryServiceGrpc.newBlockingStub(server.channel()));
    assertThat(hr.whoAmI(WhoAmIRequest.getDefaultInstance()).getServiceAccount()).isEqualTo("hr-sync");
    assertThat(hr.createUser(executive("", "synced@acme.example").build()).getUser().getCompanyId()).isEqualTo(acme);
    assertStatus(Status.Code.NOT_FOUND, () -> hr.createUser(executive(globex, "synced@globex.example").build()));
    assertStatus(Status.Code.PERMISSION_DENIED, () -> hr.createCompany(CreateCompanyRequest.newBuilder().setName("X").build()));
  }

  @Test
  void invalidInputIsRejectedWithFieldViolationsAndChangesNothing() {
    int before = userCount();
    var empty = assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example").createUser(
        CreateUserRequest.newBuilder().setRole(Role.ROLE_EXECUTIVE).setDisplayName("  ").build()));
    assertThat(violatedFields(empty)).contains("email", "display_name");

    var unknownRole = assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example").createUser(
        executive(acme, "r@acme.example").setRoleValue(42).build()));
    assertThat(violatedFields(unknownRole)).containsExactly("role");

    // A user of another company does not exist for the caller, in reference fields too.
    var otherCompanyAssignee = assertStatus(Status.Code.NOT_FOUND, () -> directory("adam@acme.example")
        .createUser(CreateUserRequest.newBuilder().setEmail("c@c.example").setDisplayName("C")
            .setRole(Role.ROLE_CUSTOMER).setOrganization("Org")
            .setAssignedEmployeeId(server.id("otto@globex.example").toString()).build()));
    assertThat(otherCompanyAssignee.getStatus().getDescription()).contains("assigned_employee_id");

    var customerAssignee = assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example")
        .createUser(CreateUserRequest.newBuilder().setEmail("c2@c.example").setDisplayName("C")
            .setRole(Role.ROLE_CUSTOMER).setOrganization("Org")
            .setAssignedEmployeeId(server.id("carol@northwind.example").toString()).build()));
    assertThat(violatedFields(customerAssignee)).containsExactly("assigned_employee_id");

    var duplicateEmail = assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example")
        .createUser(executive(acme, "EVE@acme.example").build()));
    assertThat(violatedFields(duplicateEmail)).containsExactly("email");
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void reassigningToAnEmployeeOfAnotherCompanyOrACustomerChangesNothing() {
    String carol = server.id("carol@northwind.example").toString();
    Set<Object> before = new HashSet<>(server.dsl().selectFrom(CUSTOMER_PROFILE).fetch().intoSet(CUSTOMER_PROFILE.ASSIGNED_TO));
    assertStatus(Status.Code.NOT_FOUND, () -> directory("adam@acme.example").updateCustomerProfile(
        UpdateCustomerProfileRequest.newBuilder().setCustomerId(carol)
            .setAssignedEmployeeId(server.id("otto@globex.example").toString()).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example").updateCustomerProfile(
        UpdateCustomerProfileRequest.newBuilder().setCustomerId(carol)
            .setAssignedEmployeeId(server.id("dan@contoso.example").toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> directory("gina@globex.example").updateCustomerProfile(
        UpdateCustomerProfileRequest.newBuilder().setCustomerId(carol).setOrganization("Hacked").build()));
    assertThat(new HashSet<>(server.dsl().selectFrom(CUSTOMER_PROFILE).fetch().intoSet(CUSTOMER_PROFILE.ASSIGNED_TO)))
        .isEqualTo(before);
  }

  @Test
  void createUserIsIdempotentByRequestId() {
    var request = executive(acme, "idem@acme.example").setRequestId("hire-77").build();
    User first = directory("adam@acme.example").createUser(request).getUser();
    User again = directory("adam@acme.example").createUser(request).getUser();
    assertThat(again.getId()).isEqualTo(first.getId());
  }

  @Test
  void listUsersPagesThroughEveryUserOnce() {
    Set<String> seen = new HashSet<>();
    String token = "";
    do {
      var page = directory("adam@acme.example").listUsers(ListUsersRequest.newBuilder().setPageSize(3).setPageToken(token).build());
      page.getUsersList().forEach(u -> assertThat(seen.add(u.getId())).isTrue());
      assertThat(page.getUsersCount()).isLessThanOrEqualTo(3);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(seen).contains(server.id("eve@acme.example").toString()).doesNotContain(server.id("otto@globex.example").toString());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example")
        .listUsers(ListUsersRequest.newBuilder().setPageSize(-1).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> directory("adam@acme.example")
        .listUsers(ListUsersRequest.newBuilder().setPageToken("forged").build()));
  }
}
