package com.example.chat.server.directory;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.auth.PrincipalResolver;
import com.example.chat.server.directory.DirectoryRepository.NewUser;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The directory use cases: companies, users, customer profiles. Validates input, applies the
 * directory scope of the policy (own company, or every company), and keeps the principal cache
 * in step with changes.
 */
public final class Directory {
  public static final int MAX_NAME = 200;
  public static final int MAX_DEPARTMENT = 100;

  private final DirectoryRepository repository;
  private final PrincipalResolver principals;

  public Directory(DirectoryRepository repository, PrincipalResolver principals) {
    this.repository = repository;
    this.principals = principals;
  }

  /** A user's changes; null fields keep their value. */
  public record UserChanges(String displayName, Role role, String department, String reportsTo) {}

  /** A new user as requested. */
  public record UserDraft(String requestId, String companyId, String email, String displayName,
      Role role, String department, String reportsTo, String organization, String assignedTo) {}

  public Optional<UserRecord> me(Principal caller) {
    return caller instanceof Principal.Person p ? repository.findUser(p.companyId(), p.userId()) : Optional.empty();
  }

  public CompanyRecord createCompany(Principal caller, String requestId, String name) {
    Validator v = new Validator();
    String id = v.requestId("request_id", requestId);
    v.text("name", name, MAX_NAME);
    v.throwIfInvalid();
    requireCompaniesManager(caller);
    return repository.createCompany(name.strip(), caller.subject(), id);
  }

  public CompanyRecord renameCompany(Principal caller, String companyId, String name) {
    Validator v = new Validator();
    UUID id = v.id("company_id", companyId);
    v.text("name", name, MAX_NAME);
    v.throwIfInvalid();
    requireCompaniesManager(caller);
    return repository.renameCompany(id, name.strip()).orElseThrow(() -> NotFoundException.company(companyId));
  }

  public Page.Of<CompanyRecord> listCompanies(Principal caller, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    List<String> after = Page.position("companies", pageToken, 2);
    requireCompaniesManager(caller);
    List<CompanyRecord> rows = repository.listCompanies(
        after == null ? null : after.get(0), after == null ? null : UUID.fromString(after.get(1)), size + 1);
    return Page.cut(rows, size, last -> Page.token("companies", last.name(), last.id()));
  }

  public UserRecord createUser(Principal caller, UserDraft d) {
    Validator v = new Validator();
    String requestId = v.requestId("request_id", d.requestId());
    UUID companyId = d.companyId().isEmpty() ? ownCompany(caller, v) : v.id("company_id", d.companyId());
    v.text("email", d.email(), 254);
    v.check(d.email() == null || d.email().matches("[^@\\s]+@[^@\\s]+"), "email", "is not an e-mail address");
    v.text("display_name", d.displayName(), MAX_NAME);
    v.check(d.role() != null, "role", "must be one of the roles");
    UUID reportsTo = v.optionalId("reports_to_user_id", d.reportsTo());
    UUID assignedTo = null;
    if (d.role() == Role.CUSTOMER) {
      v.text("organization", d.organization(), MAX_NAME);
      assignedTo = v.id("assigned_employee_id", d.assignedTo());
      v.check(d.department().isEmpty(), "department", "is for employees only");
      v.check(reportsTo == null, "reports_to_user_id", "is for employees only");
    } else {
      v.optionalText("department", d.department(), MAX_DEPARTMENT);
      v.check(d.organization().isEmpty(), "organization", "is for customers only");
      v.check(d.assignedTo().isEmpty(), "assigned_employee_id", "is for customers only");
    }
    v.throwIfInvalid();
    requireCompanyManager(caller, companyId);
    if (!ChatPolicy.mayGrant(caller, d.role())) {
      throw new PermissionDeniedException("ROLE_NOT_GRANTABLE", "You may not create a user with the role " + d.role() + ".");
    }
    if (requestId != null) {
      Optional<UserRecord> earlier = repository.findUserByRequest(companyId, caller.subject(), requestId);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    if (reportsTo != null) {
      requireActiveEmployee(companyId, reportsTo, "reports_to_user_id");
    }
    if (assignedTo != null) {
      requireActiveEmployee(companyId, assignedTo, "assigned_employee_id");
    }
    if (repository.emailTaken(companyId, d.email().strip())) {
      throw InvalidInputException.of("email", "is already used by another user of this company");
    }
    UUID id = repository.insertUser(new NewUser(companyId, d.email().strip(), d.displayName().strip(),
        d.role(), d.department().strip(), reportsTo, d.role() == Role.CUSTOMER ? d.organization().strip() : null,
        assignedTo, caller.subject(), requestId));
    return repository.findUser(companyId, id).orElseThrow();
  }

  public UserRecord updateUser(Principal caller, String userId, UserChanges c) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    if (c.displayName() != null) {
      v.text("display_name", c.displayName(), MAX_NAME);
    }
    if (c.department() != null) {
      v.optionalText("department", c.department(), MAX_DEPARTMENT);
    }
    UUID reportsTo = c.reportsTo() == null ? null : v.optionalId("reports_to_user_id", c.reportsTo());
    v.throwIfInvalid();
    UserRecord user = manageableUser(caller, id, userId);
    Validator rules = new Validator();
    if (c.role() != null) {
      rules.check(c.role().isEmployee() == user.role().isEmployee(), "role",
          user.role().isEmployee() ? "an employee cannot become a customer" : "a customer cannot become an employee");
    }
    rules.check(c.department() == null || user.role().isEmployee(), "department", "is for employees only");
    rules.check(c.reportsTo() == null || user.role().isEmployee(), "reports_to_user_id", "is for employees only");
    rules.check(reportsTo == null || !reportsTo.equals(id), "reports_to_user_id", "a user cannot report to themselves");
    rules.throwIfInvalid();
    if (c.role() != null && !ChatPolicy.mayGrant(caller, c.role())) {
      throw new PermissionDeniedException("ROLE_NOT_GRANTABLE", "You may not give the role " + c.role() + ".");
    }
    if (reportsTo != null) {
      requireActiveEmployee(user.companyId(), reportsTo, "reports_to_user_id");
    }
    repository.updateUser(user.companyId(), id, strip(c.displayName()), c.role(), strip(c.department()),
        reportsTo, c.reportsTo() != null && c.reportsTo().isEmpty());
    principals.invalidate(id.toString());
    return repository.findUser(user.companyId(), id).orElseThrow();
  }

  public UserRecord updateCustomerProfile(Principal caller, String customerId, String organization,
      String assignedTo) {
    Validator v = new Validator();
    UUID id = v.id("customer_id", customerId);
    if (organization != null) {
      v.text("organization", organization, MAX_NAME);
    }
    UUID assignee = assignedTo == null ? null : v.id("assigned_employee_id", assignedTo);
    v.throwIfInvalid();
    UserRecord customer = manageableUser(caller, id, customerId);
    if (customer.customer() == null) {
      throw InvalidInputException.of("customer_id", "names an employee, not a customer");
    }
    if (assignee != null) {
      requireActiveEmployee(customer.companyId(), assignee, "assigned_employee_id");
    }
    // Nothing else to do on a reassignment: who may send in a direct room is decided on every
    // view and every send, so the change applies at once.
    repository.updateCustomerProfile(customer.companyId(), id, strip(organization), assignee);
    return repository.findUser(customer.companyId(), id).orElseThrow();
  }

  public UserRecord deactivate(Principal caller, String userId) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    v.throwIfInvalid();
    UserRecord user = manageableUser(caller, id, userId);
    if (caller instanceof Principal.Person p && p.userId().equals(id)) {
      throw new FailedPreconditionException("CANNOT_DEACTIVATE_SELF", "You cannot deactivate yourself.");
    }
    repository.deactivate(user.companyId(), id);
    principals.invalidate(id.toString());
    return repository.findUser(user.companyId(), id).orElseThrow();
  }

  public UserRecord getUser(Principal caller, String userId) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    v.throwIfInvalid();
    return manageableUser(caller, id, userId);
  }

  public Page.Of<UserRecord> listUsers(Principal caller, String companyId, Role role,
      boolean includeInactive, int pageSize, String pageToken) {
    Validator v = new Validator();
    UUID company = companyId.isEmpty() ? ownCompany(caller, v) : v.id("company_id", companyId);
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    List<String> after = Page.position("users", pageToken, 2);
    requireCompanyManager(caller, company);
    List<UserRecord> rows = repository.listUsers(company, role, includeInactive,
        after == null ? null : after.get(0), after == null ? null : UUID.fromString(after.get(1)), size + 1);
    return Page.cut(rows, size,
        last -> Page.token("users", last.displayName().toLowerCase(java.util.Locale.ROOT), last.id()));
  }

  /** A user the caller may manage; NOT_FOUND for users of companies out of the caller's scope. */
  private UserRecord manageableUser(Principal caller, UUID id, String rawId) {
    return repository.findUser(null, id)
        .filter(u -> ChatPolicy.mayManageCompany(caller, u.companyId()))
        .orElseThrow(() -> NotFoundException.user(rawId));
  }

  private void requireCompanyManager(Principal caller, UUID companyId) {
    // A company out of the caller's scope does not exist for them.
    if (!ChatPolicy.mayManageCompany(caller, companyId) || repository.findCompany(companyId).isEmpty()) {
      throw NotFoundException.company(companyId.toString());
    }
  }

  private static void requireCompaniesManager(Principal caller) {
    if (!ChatPolicy.mayManageCompanies(caller)) {
      throw new PermissionDeniedException("COMPANY_ADMIN_REQUIRED",
          "Only a super admin or a platform service may manage companies.");
    }
  }

  private void requireActiveEmployee(UUID companyId, UUID userId, String field) {
    Optional<UserRecord> user = repository.findUser(companyId, userId);
    if (user.isEmpty()) {
      throw InvalidInputException.of(field, "names no user of this company");
    }
    if (!user.get().role().isEmployee()) {
      throw InvalidInputException.of(field, "names a customer, not an employee");
    }
    if (!user.get().active()) {
      throw InvalidInputException.of(field, "names a deactivated employee");
    }
  }

  private static UUID ownCompany(Principal caller, Validator v) {
    if (caller instanceof Principal.Person p) {
      return p.companyId();
    }
    UUID company = ((Principal.Service) caller).companyId();
    v.check(company != null, "company_id", "is required for a service not bound to a company");
    return company;
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
