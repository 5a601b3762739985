package com.example.chat.cli;

import com.example.chat.v1.Company;
import com.example.chat.v1.CreateCompanyRequest;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.DeactivateUserRequest;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetUserRequest;
import com.example.chat.v1.ListCompaniesRequest;
import com.example.chat.v1.ListUsersRequest;
import com.example.chat.v1.Role;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import com.example.chat.v1.User;
import com.example.chat.v1.WhoAmIRequest;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The directory commands: who am I, users, customers, companies. */
final class DirectoryCommands {
  private DirectoryCommands() {}

  static String describe(User u) {
    String unit = u.hasCustomer()
        ? u.getCustomer().getOrganization() + ", served by " + u.getCustomer().getAssignedEmployeeName()
        : u.getDepartment();
    return String.format("%s  %-24s %-12s %-28s %s%s", u.getId(), u.getDisplayName(),
        u.getRole().name().substring(5), u.getEmail(), unit, u.getActive() ? "" : "  (inactive)");
  }

  static Role role(String name) {
    try {
      return Role.valueOf("ROLE_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown role '" + name + "': use super_admin, admin, manager, team_leader, executive or customer");
    }
  }

  @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show who the token belongs to.")
  static final class WhoAmI extends BaseCommand {
    @Override
    protected int run(ConnectionOptions.Client c) {
      var me = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel())).whoAmI(WhoAmIRequest.getDefaultInstance());
      print(me, me.hasUser() ? describe(me.getUser()) : "service account " + me.getServiceAccount());
      return 0;
    }
  }

  @Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users (admins and services).",
      subcommands = {ListUsers.class, GetUser.class, CreateUser.class, Deactivate.class})
  static final class Users extends CommandGroup {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of a company.")
  static final class ListUsers extends BaseCommand {
    @Option(names = "--company", description = "Company id (default: yours).") String company = "";
    @Option(names = "--role", description = "Only this role.") String role;
    @Option(names = "--inactive", description = "Include deactivated users.") boolean inactive;

    @Override
    protected int run(ConnectionOptions.Client c) {
      var stub = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel()));
      String token = "";
      do {
        var request = ListUsersRequest.newBuilder().setCompanyId(company).setIncludeInactive(inactive)
            .setPageSize(200).setPageToken(token);
        if (role != null) {
          request.setRole(role(role));
        }
        var page = stub.listUsers(request.build());
        page.getUsersList().forEach(u -> print(u, describe(u)));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one user.")
  static final class GetUser extends BaseCommand {
    @Parameters(paramLabel = "USER_ID") String userId;

    @Override
    protected int run(ConnectionOptions.Client c) {
      User u = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel()))
          .getUser(GetUserRequest.newBuilder().setUserId(userId).build()).getUser();
      print(u, describe(u));
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an employee or a customer.")
  static final class CreateUser extends BaseCommand {
    @Option(names = "--email", required = true) String email;
    @Option(names = "--name", required = true, description = "Display name.") String name;
    @Option(names = "--role", required = true, description = "super_admin, admin, manager, team_leader, executive or customer.") String role;
    @Option(names = "--department", description = "Employees: department.") String department = "";
    @Option(names = "--reports-to", description = "Employees: manager's user id.") String reportsTo = "";
    @Option(names = "--organization", description = "Customers: organization.") String organization = "";
    @Option(names = "--assigned-to", description = "Customers: the employee's user id.") String assignedTo = "";
    @Option(names = "--company", description = "Company id (default: yours).") String company = "";
    @Option(names = "--request-id", description = "Idempotency key: a retry returns the first user.") String requestId = "";

    @Override
    protected int run(ConnectionOptions.Client c) {
      User u = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel())).createUser(CreateUserRequest.newBuilder()
          .setEmail(email).setDisplayName(name).setRole(role(role)).setDepartment(department)
          .setReportsToUserId(reportsTo).setOrganization(organization).setAssignedEmployeeId(assignedTo)
          .setCompanyId(company).setRequestId(requestId).build()).getUser();
      print(u, describe(u));
      return 0;
    }
  }

  @Command(name = "deactivate", mixinStandardHelpOptions = true, description = "Deactivate a user (they can no longer sign in).")
  static final class Deactivate extends BaseCommand {
    @Parameters(paramLabel = "USER_ID") String userId;

    @Override
    protected int run(ConnectionOptions.Client c) {
      User u = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel()))
          .deactivateUser(DeactivateUserRequest.newBuilder().setUserId(userId).build()).getUser();
      print(u, describe(u));
      return 0;
    }
  }

  @Command(name = "assign", mixinStandardHelpOptions = true,
      description = "Assign a customer to an employee (and/or change their organization).")
  static final class Assign extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CUSTOMER_ID") String customer;
    @Parameters(index = "1", paramLabel = "EMPLOYEE_ID", arity = "0..1") String employee;
    @Option(names = "--organization") String organization;

    @Override
    protected int run(ConnectionOptions.Client c) {
      var request = UpdateCustomerProfileRequest.newBuilder().setCustomerId(customer);
      if (employee != null) {
        request.setAssignedEmployeeId(employee);
      }
      if (organization != null) {
        request.setOrganization(organization);
      }
      User u = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel())).updateCustomerProfile(request.build()).getUser();
      print(u, describe(u));
      return 0;
    }
  }

  @Command(name = "companies", mixinStandardHelpOptions = true, description = "List or create companies (super admins, platform services).",
      subcommands = {ListCompanies.class, CreateCompany.class})
  static final class Companies extends CommandGroup {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List companies.")
  static final class ListCompanies extends BaseCommand {
    @Override
    protected int run(ConnectionOptions.Client c) {
      var stub = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel()));
      String token = "";
      do {
        var page = stub.listCompanies(ListCompaniesRequest.newBuilder().setPageSize(200).setPageToken(token).build());
        for (Company company : page.getCompaniesList()) {
          print(company, company.getId() + "  " + company.getName());
        }
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a company.")
  static final class CreateCompany extends BaseCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--request-id") String requestId = "";

    @Override
    protected int run(ConnectionOptions.Client c) {
      Company company = c.unary(DirectoryServiceGrpc.newBlockingStub(c.channel()))
          .createCompany(CreateCompanyRequest.newBuilder().setName(name).setRequestId(requestId).build()).getCompany();
      print(company, company.getId() + "  " + company.getName());
      return 0;
    }
  }
}
