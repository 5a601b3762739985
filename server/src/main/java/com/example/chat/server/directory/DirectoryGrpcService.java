package com.example.chat.server.directory;

import static com.example.chat.server.directory.DirectoryProtos.company;
import static com.example.chat.server.directory.DirectoryProtos.user;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.input.Page;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.grpc.CallContext;
import com.example.chat.server.grpc.ProtoMapping;
import com.example.chat.db.types.Role;
import com.example.chat.v1.CreateCompanyRequest;
import com.example.chat.v1.CreateCompanyResponse;
import com.example.chat.v1.CreateUserRequest;
import com.example.chat.v1.CreateUserResponse;
import com.example.chat.v1.DeactivateUserRequest;
import com.example.chat.v1.DeactivateUserResponse;
import com.example.chat.v1.DirectoryServiceGrpc;
import com.example.chat.v1.GetUserRequest;
import com.example.chat.v1.GetUserResponse;
import com.example.chat.v1.ListCompaniesRequest;
import com.example.chat.v1.ListCompaniesResponse;
import com.example.chat.v1.ListUsersRequest;
import com.example.chat.v1.ListUsersResponse;
import com.example.chat.v1.UpdateCompanyRequest;
import com.example.chat.v1.UpdateCompanyResponse;
import com.example.chat.v1.UpdateCustomerProfileRequest;
import com.example.chat.v1.UpdateCustomerProfileResponse;
import com.example.chat.v1.UpdateUserRequest;
import com.example.chat.v1.UpdateUserResponse;
import com.example.chat.v1.WhoAmIRequest;
import com.example.chat.v1.WhoAmIResponse;
import io.grpc.stub.StreamObserver;
import static com.example.chat.server.grpc.Unary.orEmpty;
import static com.example.chat.server.grpc.Unary.reply;

/** gRPC adapter of {@link Directory}: maps requests in and results out, nothing else. */
public final class DirectoryGrpcService extends DirectoryServiceGrpc.DirectoryServiceImplBase {
  private final Directory directory;

  public DirectoryGrpcService(Directory directory) {
    this.directory = directory;
  }

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
    Principal caller = CallContext.principal();
    WhoAmIResponse.Builder response = WhoAmIResponse.newBuilder();
    if (caller instanceof Principal.Service s) {
      response.setServiceAccount(s.name()).setServiceAccountCompanyId(ProtoMapping.id(s.companyId()));
    } else {
      directory.me(caller).ifPresent(u -> response.setUser(user(u)));
    }
    reply(out, response.build());
  }

  @Override
  public void createCompany(CreateCompanyRequest request, StreamObserver<CreateCompanyResponse> out) {
    CompanyRecord c = directory.createCompany(CallContext.principal(), request.getRequestId(), request.getName());
    reply(out, CreateCompanyResponse.newBuilder().setCompany(company(c)).build());
  }

  @Override
  public void updateCompany(UpdateCompanyRequest request, StreamObserver<UpdateCompanyResponse> out) {
    CompanyRecord c = directory.renameCompany(CallContext.principal(), request.getCompanyId(), request.getName());
    reply(out, UpdateCompanyResponse.newBuilder().setCompany(company(c)).build());
  }

  @Override
  public void listCompanies(ListCompaniesRequest request, StreamObserver<ListCompaniesResponse> out) {
    Page.Of<CompanyRecord> page = directory.listCompanies(CallContext.principal(),
        request.getPageSize(), request.getPageToken());
    ListCompaniesResponse.Builder response = ListCompaniesResponse.newBuilder();
    page.items().forEach(c -> response.addCompanies(company(c)));
    reply(out, response.setNextPageToken(orEmpty(page.nextPageToken())).build());
  }

  @Override
  public void createUser(CreateUserRequest r, StreamObserver<CreateUserResponse> out) {
    if (r.getRole() == com.example.chat.v1.Role.ROLE_UNSPECIFIED) {
      throw InvalidInputException.of("role", "is required");
    }
    UserRecord u = directory.createUser(CallContext.principal(), new Directory.UserDraft(
        r.getRequestId(), r.getCompanyId(), r.getEmail(), r.getDisplayName(), ProtoMapping.role(r.getRole()),
        r.getDepartment(), r.getReportsToUserId(), r.getOrganization(), r.getAssignedEmployeeId()));
    reply(out, CreateUserResponse.newBuilder().setUser(user(u)).build());
  }

  @Override
  public void updateUser(UpdateUserRequest r, StreamObserver<UpdateUserResponse> out) {
    Role role = r.getRole() == com.example.chat.v1.Role.ROLE_UNSPECIFIED ? null : ProtoMapping.role(r.getRole());
    if (r.getRole() == com.example.chat.v1.Role.UNRECOGNIZED) {
      throw InvalidInputException.of("role", "must be one of the roles");
    }
    UserRecord u = directory.updateUser(CallContext.principal(), r.getUserId(), new Directory.UserChanges(
        r.hasDisplayName() ? r.getDisplayName() : null, role,
        r.hasDepartment() ? r.getDepartment() : null,
        r.hasReportsToUserId() ? r.getReportsToUserId() : null));
    reply(out, UpdateUserResponse.newBuilder().setUser(user(u)).build());
  }

  @Override
  public void updateCustomerProfile(UpdateCustomerProfileRequest r,
      StreamObserver<UpdateCustomerProfileResponse> out) {
    UserRecord u = directory.updateCustomerProfile(CallContext.principal(), r.getCustomerId(),
        r.hasOrganization() ? r.getOrganization() : null,
        r.hasAssignedEmployeeId() ? r.getAssignedEmployeeId() : null);
    reply(out, UpdateCustomerProfileResponse.newBuilder().setUser(user(u)).build());
  }

  @Override
  public void deactivateUser(DeactivateUserRequest r, StreamObserver<DeactivateUserResponse> out) {
    UserRecord u = directory.deactivate(CallContext.principal(), r.getUserId());
    reply(out, DeactivateUserResponse.newBuilder().setUser(user(u)).build());
  }

  @Override
  public void getUser(GetUserRequest r, StreamObserver<GetUserResponse> out) {
    reply(out, GetUserResponse.newBuilder().setUser(user(directory.getUser(CallContext.principal(), r.getUserId()))).build());
  }

  @Override
  public void listUsers(ListUsersRequest r, StreamObserver<ListUsersResponse> out) {
    if (r.getRole() == com.example.chat.v1.Role.UNRECOGNIZED) {
      throw InvalidInputException.of("role", "must be one of the roles");
    }
    Page.Of<UserRecord> page = directory.listUsers(CallContext.principal(), r.getCompanyId(),
        ProtoMapping.role(r.getRole()), r.getIncludeInactive(), r.getPageSize(), r.getPageToken());
    ListUsersResponse.Builder response = ListUsersResponse.newBuilder();
    page.items().forEach(u -> response.addUsers(user(u)));
    reply(out, response.setNextPageToken(orEmpty(page.nextPageToken())).build());
  }
}
