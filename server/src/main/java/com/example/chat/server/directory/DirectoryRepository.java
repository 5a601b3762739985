package com.example.chat.server.directory;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.COMPANY;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;
import static com.example.chat.db.Tables.SERVICE_ACCOUNT;

import com.example.chat.db.tables.AppUser;
import com.example.chat.server.auth.Principal;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.db.types.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** Queries of companies, users, customer profiles and service accounts over one {@link DSLContext}; stateless. */
public final class DirectoryRepository {
  private static final AppUser ASSIGNEE = APP_USER.as("assignee");

  private final DSLContext dsl;

  public DirectoryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The active principal a token subject names, if any. */
  public Optional<Principal> findActivePrincipal(String subject) {
    if (subject.startsWith(Principal.Service.SUBJECT_PREFIX)) {
      String name = subject.substring(Principal.Service.SUBJECT_PREFIX.length());
      return dsl.select(SERVICE_ACCOUNT.COMPANY_ID).from(SERVICE_ACCOUNT)
          .where(SERVICE_ACCOUNT.NAME.eq(name).and(SERVICE_ACCOUNT.ACTIVE))
          .fetchOptional(r -> new Principal.Service(name, r.value1()));
    }
    UUID id;
    try {
      id = UUID.fromString(subject);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return dsl.select(APP_USER.COMPANY_ID, APP_USER.ROLE, APP_USER.DISPLAY_NAME).from(APP_USER)
        .where(APP_USER.ID.eq(id).and(APP_USER.ACTIVE))
        .fetchOptional(r -> new Principal.Person(id, r.value1(), r.value2(), r.value3()));
  }

  /** What the policy needs to know of a user of this company, if there is one. */
  public Optional<ChatPolicy.Party> findParty(UUID companyId, UUID id) {
    return dsl.select(APP_USER.ID, APP_USER.ROLE, APP_USER.ACTIVE, CUSTOMER_PROFILE.ASSIGNED_TO, ASSIGNEE.REPORTS_TO)
        .from(APP_USER)
        .leftJoin(CUSTOMER_PROFILE).on(CUSTOMER_PROFILE.USER_ID.eq(APP_USER.ID))
        .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(CUSTOMER_PROFILE.ASSIGNED_TO))
        .where(APP_USER.ID.eq(id).and(APP_USER.COMPANY_ID.eq(companyId)))
        .fetchOptional(r -> new ChatPolicy.Party(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
  }

  public Optional<CompanyRecord> findCompany(UUID id) {
    return dsl.selectFrom(COMPANY).where(COMPANY.ID.eq(id)).fetchOptional(DirectoryRepository::company);
  }

  /** Inserts a company, or returns the one created earlier with the same creator and request id. */
  public CompanyRecord createCompany(String name, String createdBy, String requestId) {
    if (requestId != null) {
      Optional<CompanyRecord> earlier = dsl.selectFrom(COMPANY)
          .where(COMPANY.CREATED_BY.eq(createdBy).and(COMPANY.REQUEST_ID.eq(requestId)))
          .fetchOptional(DirectoryRepository::company);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    return company(dsl.insertInto(COMPANY)
        .set(COMPANY.NAME, name).set(COMPANY.CREATED_BY, createdBy).set(COMPANY.REQUEST_ID, requestId)
        .onConflictDoNothing()
        .returning().fetchOptional()
        .orElseGet(() -> dsl.selectFrom(COMPANY)
            .where(COMPANY.CREATED_BY.eq(createdBy).and(COMPANY.REQUEST_ID.eq(requestId))).fetchSingle()));
  }

  public Optional<CompanyRecord> renameCompany(UUID id, String name) {
    return dsl.update(COMPANY).set(COMPANY.NAME, name).where(COMPANY.ID.eq(id))
        .returning().fetchOptional().map(DirectoryRepository::company);
  }

  public List<CompanyRecord> listCompanies(String afterName, UUID afterId, int limit) {
    Condition after = afterId == null ? DSL.trueCondition()
        : DSL.row(COMPANY.NAME, COMPANY.ID).gt(afterName, afterId);
    return dsl.selectFrom(COMPANY).where(after).orderBy(COMPANY.NAME, COMPANY.ID).limit(limit)
        .fetch(DirectoryRepository::company);
  }

  /** A user of the given company (any company when {@code companyId} is null). */
  public Optional<UserRecord> findUser(UUID companyId, UUID id) {
    Condition company = companyId == null ? DSL.trueCondition() : APP_USER.COMPANY_ID.eq(companyId);
    return selectUsers().where(APP_USER.ID.eq(id).and(company)).fetchOptional(DirectoryRepository::user);
  }

  public Optional<UserRecord> findUserByRequest(UUID companyId, String createdBy, String requestId) {
    return selectUsers()
        .where(APP_USER.COMPANY_ID.eq(companyId).and(APP_USER.CREATED_BY.eq(createdBy))
            .and(APP_USER.REQUEST_ID.eq(requestId)))
        .fetchOptional(DirectoryRepository::user);
  }

  public boolean emailTaken(UUID companyId, String email) {
    return dsl.fetchExists(APP_USER, APP_USER.COMPANY_ID.eq(companyId)
        .and(DSL.lower(APP_USER.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT))));
  }

  /** New user fields; customer fields are null for employees. */
  public record NewUser(UUID companyId, String email, String displayName, Role role,
      String department, UUID reportsTo, String organization, UUID assignedTo,
      String createdBy, String requestId) {}

  /**
   * Inserts a user (and the customer profile) in one transaction; returns the new id, or empty
   * when the e-mail or the request id is taken (a concurrent insert of either waits for the
   * other to commit, then finds it here instead of failing).
   */
  public Optional<UUID> insertUser(NewUser u) {
    return dsl.transactionResult(cfg -> {
      DSLContext tx = cfg.dsl();
      Optional<UUID> inserted = tx.insertInto(APP_USER)
          .set(APP_USER.COMPANY_ID, u.companyId()).set(APP_USER.EMAIL, u.email())
          .set(APP_USER.DISPLAY_NAME, u.displayName()).set(APP_USER.ROLE, u.role())
          .set(APP_USER.DEPARTMENT, u.department() == null ? "" : u.department())
          .set(APP_USER.REPORTS_TO, u.reportsTo())
          .set(APP_USER.CREATED_BY, u.createdBy()).set(APP_USER.REQUEST_ID, u.requestId())
          .onConflictDoNothing()
          .returning(APP_USER.ID).fetchOptional().map(r -> r.getId());
      if (inserted.isPresent() && u.role() == Role.CUSTOMER) {
        tx.insertInto(CUSTOMER_PROFILE)
            .set(CUSTOMER_PROFILE.USER_ID, inserted.get()).set(CUSTOMER_PROFILE.COMPANY_ID, u.companyId())
            .set(CUSTOMER_PROFILE.ORGANIZATION, u.organization())
            .set(CUSTOMER_PROFILE.ASSIGNED_TO, u.assignedTo())
            .execute();
      }
      return inserted;
    });
  }

  /** Changes the given user fields; a null argument keeps the value (reportsTo: use {@code clearReportsTo}). */
  public void updateUser(UUID companyId, UUID id, String displayName, Role role, String department,
      UUID reportsTo, boolean clearReportsTo) {
    var update = dsl.update(APP_USER).set(APP_USER.ID, APP_USER.ID);
    if (displayName != null) {
      update = update.set(APP_USER.DISPLAY_NAME, displayName);
    }
    if (role != null) {
      update = update.set(APP_USER.ROLE, role);
    }
    if (department != null) {
      update = update.set(APP_USER.DEPARTMENT, department);
    }
    if (reportsTo != null || clearReportsTo) {
      update = update.set(APP_USER.REPORTS_TO, reportsTo);
    }
    update.where(APP_USER.ID.eq(id).and(APP_USER.COMPANY_ID.eq(companyId))).execute();
  }

  public void updateCustomerProfile(UUID companyId, UUID customerId, String organization, UUID assignedTo) {
    var update = dsl.update(CUSTOMER_PROFILE).set(CUSTOMER_PROFILE.USER_ID, CUSTOMER_PROFILE.USER_ID);
    if (organization != null) {
      update = update.set(CUSTOMER_PROFILE.ORGANIZATION, organization);
    }
    if (assignedTo != null) {
      update = update.set(CUSTOMER_PROFILE.ASSIGNED_TO, assignedTo);
    }
    update.where(CUSTOMER_PROFILE.USER_ID.eq(customerId).and(CUSTOMER_PROFILE.COMPANY_ID.eq(companyId))).execute();
  }

  /** Deactivates an active user; false when the user was inactive already. */
  public boolean deactivate(UUID companyId, UUID id) {
    return dsl.update(APP_USER).set(APP_USER.ACTIVE, false)
        .where(APP_USER.ID.eq(id).and(APP_USER.COMPANY_ID.eq(companyId)).and(APP_USER.ACTIVE)).execute() > 0;
  }

  /** Users of a company by display name, after a keyset position. */
  public List<UserRecord> listUsers(UUID companyId, Role role, boolean includeInactive,
      String afterName, UUID afterId, int limit) {
    Condition where = APP_USER.COMPANY_ID.eq(companyId);
    if (role != null) {
      where = where.and(APP_USER.ROLE.eq(role));
    }
    if (!includeInactive) {
      where = where.and(APP_USER.ACTIVE);
    }
    if (afterId != null) {
      where = where.and(DSL.row(DSL.lower(APP_USER.DISPLAY_NAME), APP_USER.ID).gt(afterName, afterId));
    }
    return selectUsers().where(where)
        .orderBy(DSL.lower(APP_USER.DISPLAY_NAME), APP_USER.ID).limit(limit)
        .fetch(DirectoryRepository::user);
  }

  /** Registers a service account (operators and tests; there is no RPC for it). */
  public void upsertServiceAccount(String name, UUID companyId) {
    dsl.insertInto(SERVICE_ACCOUNT).set(SERVICE_ACCOUNT.NAME, name).set(SERVICE_ACCOUNT.COMPANY_ID, companyId)
        .onConflict(SERVICE_ACCOUNT.NAME).doUpdate().set(SERVICE_ACCOUNT.COMPANY_ID, companyId)
        .set(SERVICE_ACCOUNT.ACTIVE, true).execute();
  }

  private SelectOnConditionStep<Record> selectUsers() {
    return dsl.select(APP_USER.fields())
        .select(CUSTOMER_PROFILE.ORGANIZATION, CUSTOMER_PROFILE.ASSIGNED_TO, ASSIGNEE.DISPLAY_NAME)
        .from(APP_USER)
        .leftJoin(CUSTOMER_PROFILE).on(CUSTOMER_PROFILE.USER_ID.eq(APP_USER.ID))
        .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(CUSTOMER_PROFILE.ASSIGNED_TO));
  }

  private static UserRecord user(Record r) {
    UUID assignedTo = r.get(CUSTOMER_PROFILE.ASSIGNED_TO);
    return new UserRecord(
        r.get(APP_USER.ID), r.get(APP_USER.COMPANY_ID), r.get(APP_USER.EMAIL),
        r.get(APP_USER.DISPLAY_NAME), r.get(APP_USER.ROLE), r.get(APP_USER.DEPARTMENT),
        r.get(APP_USER.REPORTS_TO), r.get(APP_USER.ACTIVE),
        assignedTo == null ? null : new UserRecord.Customer(
            r.get(CUSTOMER_PROFILE.ORGANIZATION), assignedTo, r.get(ASSIGNEE.DISPLAY_NAME)),
        r.get(APP_USER.CREATE_TIME).toInstant());
  }

  private static CompanyRecord company(com.example.chat.db.tables.records.CompanyRecord r) {
    return new CompanyRecord(r.getId(), r.getName(), r.getCreateTime().toInstant());
  }
}
