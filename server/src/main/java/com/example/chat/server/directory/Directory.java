package com.example.chat.server.directory;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.changes.Change;
import com.example.chat.server.changes.Change.UserChange;
import com.example.chat.server.directory.DirectoryRepository.NewUser;
import com.example.chat.server.errors.FailedPreconditionException;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.db.types.Role;
import com.example.chat.server.storage.UnitOfWork;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The directory use cases: companies, users, customer profiles. Validates input, applies the
 * directory scope of the policy (own company, or every company), and runs each use case in one
 * transaction whose changes are announced after its commit (caches and open streams follow).
 */
public final class Directory {
  public static final int MAX_NAME = 200;
  public static final int MAX_DEPARTMENT = 100;

  private final UnitOfWork work;

  public Directory(UnitOfWork work) {
    this.work = work;
  }

  /** A user's changes; null fields keep their value. */
  public record UserChanges(String displayName, Role role, String department, String reportsTo) {}

  /** A new user as requested. */
  public record UserDraft(String requestId, String companyId, String email, String displayName,
      Role role, String department, String reportsTo, String organization, String assignedTo) {}

  public Optional<UserRecord> me(Principal caller) {
    if (!(caller instanceof Principal.Person p)) {
      return Optional.empty();
    }
    return work.read(db -> new DirectoryRepository(db).findUser(p.companyId(), p.userId()));
  }

  public CompanyRecord createCompany(Principal caller, String requestId, String name) {
    Validator v = new Validator();
    String id = v.requestId("request_id", requestId);
    String companyName = v.name("name", name, MAX_NAME);
    v.throwIfInvalid();
    requireCompaniesManager(caller);
    return work.run(tx -> new DirectoryRepository(tx.dsl()).createCompany(companyName, caller.subject(), id));
  }

  public CompanyRecord renameCompany(Principal caller, String companyId, String name) {
    Validator v = new Validator();
    UUID id = v.id("company_id", companyId);
    String companyName = v.name("name", name, MAX_NAME);
    v.throwIfInvalid();
    requireCompaniesManager(caller);
    return work.run(tx -> new DirectoryRepository(tx.dsl()).renameCompany(id, companyName)
        .orElseThrow(() -> NotFoundException.company(companyId)));
  }

  public Page.Of<CompanyRecord> listCompanies(Principal caller, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    Page.Position after = Page.COMPANIES.decode(pageToken, "");
    requireCompaniesManager(caller);
    List<CompanyRecord> rows = work.read(db -> new DirectoryRepository(db).listCompanies(
        after == null ? null : after.text(0), after == null ? null : after.id(1), size + 1));
    return Page.cut(rows, size, last -> Page.COMPANIES.encode("", last.name(), last.id()));
  }

  public UserRecord createUser(Principal caller, UserDraft d) {
    Validator v = new Validator();
    String requestId = v.requestId("request_id", d.requestId());
    UUID companyId = d.companyId().isEmpty() ? ownCompany(caller, v) : v.id("company_id", d.companyId());
    String email = v.name("email", d.email(), 254);
    v.check(d.email() == null || d.email().strip().matches("[^@\\s]+@[^@\\s]+"), "email", "is not an e-mail address");
    String displayName = v.name("display_name", d.displayName(), MAX_NAME);
    v.check(d.role() != null, "role", "must be one of the roles");
    UUID reportsTo = v.optionalId("reports_to_user_id", d.reportsTo());
    UUID assignedTo = null;
    String organization = null;
    String department = "";
    if (d.role() == Role.CUSTOMER) {
      organization = v.name("organization", d.organization(), MAX_NAME);
      assignedTo = v.id("assigned_employee_id", d.assignedTo());
      v.check(d.department().isEmpty(), "department", "is for employees only");
      v.check(reportsTo == null, "reports_to_user_id", "is for employees only");
    } else {
      department = v.optionalText("department", d.department(), MAX_DEPARTMENT);
      v.check(d.organization().isEmpty(), "organization", "is for customers only");
      v.check(d.assignedTo().isEmpty(), "assigned_employee_id", "is for customers only");
    }
    v.throwIfInvalid();
    requireCompanyManager(caller, companyId);
    if (!ChatPolicy.mayGrant(caller, d.role())) {
      throw new PermissionDeniedException("ROLE_NOT_GRANTABLE", "You may not create a user with the role " + d.role() + ".");
    }
    NewUser user = new NewUser(companyId, email, displayName, d.role(), department, reportsTo, organization,
        assignedTo, caller.subject(), requestId);
    return work.run(tx -> {
      DirectoryRepository directory = new DirectoryRepository(tx.dsl());
      Optional<UserRecord> earlier = requestId == null ? Optional.empty()
          : directory.findUserByRequest(companyId, caller.subject(), requestId);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      if (user.reportsTo() != null) {
        requireActiveEmployee(tx.dsl(), companyId, user.reportsTo(), "reports_to_user_id");
      }
      if (user.assignedTo() != null) {
        requireActiveEmployee(tx.dsl(), companyId, user.assignedTo(), "assigned_employee_id");
      }
      // The insert meets a concurrent one at the unique indexes: whichever commits first wins,
      // and the other finds its result here (same request id) or a taken e-mail.
      Optional<UUID> id = directory.insertUser(user);
      if (id.isEmpty()) {
        return (requestId == null ? Optional.<UserRecord>empty()
            : directory.findUserByRequest(companyId, caller.subject(), requestId))
            .orElseThrow(() -> InvalidInputException.of("email", "is already used by another user of this company"));
      }
      tx.record(new Change.UserChanged(companyId, id.get(), UserChange.CREATED));
      return directory.findUser(companyId, id.get()).orElseThrow();
    });
  }

  public UserRecord updateUser(Principal caller, String userId, UserChanges c) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    String displayName = c.displayName() == null ? null : v.name("display_name", c.displayName(), MAX_NAME);
    String department = c.department() == null ? null : v.optionalText("department", c.department(), MAX_DEPARTMENT);
    UUID reportsTo = c.reportsTo() == null ? null : v.optionalId("reports_to_user_id", c.reportsTo());
    v.throwIfInvalid();
    return work.run(tx -> {
      UserRecord user = manageableUser(tx.dsl(), caller, id, userId);
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
        requireActiveEmployee(tx.dsl(), user.companyId(), reportsTo, "reports_to_user_id");
      }
      DirectoryRepository directory = new DirectoryRepository(tx.dsl());
      directory.updateUser(user.companyId(), id, displayName, c.role(), department,
          reportsTo, c.reportsTo() != null && c.reportsTo().isEmpty());
      tx.record(new Change.UserChanged(user.companyId(), id, UserChange.UPDATED));
      return directory.findUser(user.companyId(), id).orElseThrow();
    });
  }

  public UserRecord updateCustomerProfile(Principal caller, String customerId, String organization,
      String assignedTo) {
    Validator v = new Validator();
    UUID id = v.id("customer_id", customerId);
    String newOrganization = organization == null ? null : v.name("organization", organization, MAX_NAME);
    UUID assignee = assignedTo == null ? null : v.id("assigned_employee_id", assignedTo);
    v.throwIfInvalid();
    return work.run(tx -> {
      UserRecord customer = manageableUser(tx.dsl(), caller, id, customerId);
      if (customer.customer() == null) {
        throw InvalidInputException.of("customer_id", "names an employee, not a customer");
      }
      if (assignee != null) {
        requireActiveEmployee(tx.dsl(), customer.companyId(), assignee, "assigned_employee_id");
      }
      // Nothing else to do on a reassignment: who may send in a direct room is decided on every
      // view and every send, so the change applies at once.
      DirectoryRepository directory = new DirectoryRepository(tx.dsl());
      directory.updateCustomerProfile(customer.companyId(), id, newOrganization, assignee);
      tx.record(new Change.UserChanged(customer.companyId(), id, UserChange.CUSTOMER_PROFILE_UPDATED));
      return directory.findUser(customer.companyId(), id).orElseThrow();
    });
  }

  public UserRecord deactivate(Principal caller, String userId) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    v.throwIfInvalid();
    return work.run(tx -> {
      UserRecord user = manageableUser(tx.dsl(), caller, id, userId);
      if (caller instanceof Principal.Person p && p.userId().equals(id)) {
        throw new FailedPreconditionException("CANNOT_DEACTIVATE_SELF", "You cannot deactivate yourself.");
      }
      DirectoryRepository directory = new DirectoryRepository(tx.dsl());
      if (directory.deactivate(user.companyId(), id)) {
        tx.record(new Change.UserChanged(user.companyId(), id, UserChange.DEACTIVATED));
      }
      return directory.findUser(user.companyId(), id).orElseThrow();
    });
  }

  public UserRecord getUser(Principal caller, String userId) {
    Validator v = new Validator();
    UUID id = v.id("user_id", userId);
    v.throwIfInvalid();
    return work.read(db -> manageableUser(db, caller, id, userId));
  }

  public Page.Of<UserRecord> listUsers(Principal caller, String companyId, Role role,
      boolean includeInactive, int pageSize, String pageToken) {
    Validator v = new Validator();
    UUID company = companyId.isEmpty() ? ownCompany(caller, v) : v.id("company_id", companyId);
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    String filter = company + ":" + role + ":" + includeInactive;
    Page.Position after = Page.USERS.decode(pageToken, filter);
    requireCompanyManager(caller, company);
    List<UserRecord> rows = work.read(db -> new DirectoryRepository(db).listUsers(company, role, includeInactive,
        after == null ? null : after.text(0), after == null ? null : after.id(1), size + 1));
    return Page.cut(rows, size,
        last -> Page.USERS.encode(filter, last.displayName().toLowerCase(Locale.ROOT), last.id()));
  }

  /** A user the caller may manage; NOT_FOUND for users of companies out of the caller's scope. */
  private static UserRecord manageableUser(DSLContext db, Principal caller, UUID id, String rawId) {
    return new DirectoryRepository(db).findUser(null, id)
        .filter(u -> ChatPolicy.mayManageCompany(caller, u.companyId()))
        .orElseThrow(() -> NotFoundException.user(rawId));
  }

  private void requireCompanyManager(Principal caller, UUID companyId) {
    // A company out of the caller's scope does not exist for them.
    if (!ChatPolicy.mayManageCompany(caller, companyId)
        || work.read(db -> new DirectoryRepository(db).findCompany(companyId)).isEmpty()) {
      throw NotFoundException.company(companyId.toString());
    }
  }

  private static void requireCompaniesManager(Principal caller) {
    if (!ChatPolicy.mayManageCompanies(caller)) {
      throw new PermissionDeniedException("COMPANY_ADMIN_REQUIRED",
          "Only a super admin or a platform service may manage companies.");
    }
  }

  /**
   * A user a reference field names must be an active employee of the company. A user of
   * another company does not exist for the caller: NOT_FOUND, like everywhere else.
   */
  private static void requireActiveEmployee(DSLContext db, UUID companyId, UUID userId, String field) {
    UserRecord user = new DirectoryRepository(db).findUser(companyId, userId)
        .orElseThrow(() -> new NotFoundException("USER_NOT_FOUND",
            field + ": there is no user with id " + userId + "."));
    if (!user.role().isEmployee()) {
      throw InvalidInputException.of(field, "names a customer, not an employee");
    }
    if (!user.active()) {
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
}
