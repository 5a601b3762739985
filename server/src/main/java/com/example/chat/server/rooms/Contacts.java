package com.example.chat.server.rooms;

import static com.example.chat.db.Tables.APP_USER;
import static com.example.chat.db.Tables.CUSTOMER_PROFILE;

import com.example.chat.db.tables.AppUser;
import com.example.chat.server.auth.Principal.Person;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import com.example.chat.server.policy.ChatPolicy.Party;
import com.example.chat.db.types.Role;
import com.example.chat.server.storage.UnitOfWork;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The people a caller may open a direct room with. The reach of each role comes from
 * {@link ChatPolicy}; this class only turns each kind of reach into a query condition.
 */
public final class Contacts {
  private static final AppUser ASSIGNEE = APP_USER.as("assignee");

  private final UnitOfWork work;

  public Contacts(UnitOfWork work) {
    this.work = work;
  }

  /** A person the caller may chat with; customer fields are null for employees. */
  public record Contact(UUID userId, String displayName, String email, Role role, String department,
      String organization, UUID assignedTo, String assignedToName) {}

  /** Which kinds to list: null means both. */
  public Page.Of<Contact> list(Person caller, Boolean customers, String namePrefix, int pageSize, String pageToken) {
    Validator v = new Validator();
    v.optionalText("name_prefix", namePrefix, 200);
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    String filter = customers + ":" + namePrefix;
    Page.Position after = Page.CONTACTS.decode(pageToken, filter);
    return work.read(db -> page(db, caller, customers, namePrefix, size, filter, after));
  }

  private static Page.Of<Contact> page(DSLContext db, Person caller, Boolean customers, String namePrefix,
      int size, String filter, Page.Position after) {
    Party me = new DirectoryRepository(db).findParty(caller.companyId(), caller.userId()).orElseThrow();
    ChatPolicy.Rules rules = ChatPolicy.rules(caller.role());

    Condition employees = APP_USER.ROLE.ne(Role.CUSTOMER).and(switch (rules.employees()) {
      case ALL_EMPLOYEES -> DSL.trueCondition();
      case ASSIGNED_EMPLOYEE -> APP_USER.ID.eq(me.assignedTo());
    });
    Condition customerRows = APP_USER.ROLE.eq(Role.CUSTOMER).and(switch (rules.customers()) {
      case ALL_CUSTOMERS -> DSL.trueCondition();
      case OWN_AND_TEAM -> CUSTOMER_PROFILE.ASSIGNED_TO.eq(me.id()).or(ASSIGNEE.REPORTS_TO.eq(me.id()));
      case OWN -> CUSTOMER_PROFILE.ASSIGNED_TO.eq(me.id());
      case NONE -> DSL.falseCondition();
    });
    Condition kinds = customers == null ? employees.or(customerRows) : customers ? customerRows : employees;
    Condition where = APP_USER.COMPANY_ID.eq(caller.companyId()).and(APP_USER.ACTIVE)
        .and(APP_USER.ID.ne(caller.userId())).and(kinds);
    if (namePrefix != null && !namePrefix.isEmpty()) {
      where = where.and(DSL.lower(APP_USER.DISPLAY_NAME).startsWith(namePrefix.toLowerCase(Locale.ROOT)));
    }
    if (after != null) {
      where = where.and(DSL.row(DSL.lower(APP_USER.DISPLAY_NAME), APP_USER.ID).gt(after.text(0), after.id(1)));
    }
    List<Contact> rows = db.select(APP_USER.ID, APP_USER.DISPLAY_NAME, APP_USER.EMAIL, APP_USER.ROLE,
            APP_USER.DEPARTMENT, CUSTOMER_PROFILE.ORGANIZATION, CUSTOMER_PROFILE.ASSIGNED_TO, ASSIGNEE.DISPLAY_NAME)
        .from(APP_USER)
        .leftJoin(CUSTOMER_PROFILE).on(CUSTOMER_PROFILE.USER_ID.eq(APP_USER.ID))
        .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(CUSTOMER_PROFILE.ASSIGNED_TO))
        .where(where)
        .orderBy(DSL.lower(APP_USER.DISPLAY_NAME), APP_USER.ID)
        .limit(size + 1)
        .fetch(r -> new Contact(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
            r.value6(), r.value7(), r.value8()));
    return Page.cut(rows, size,
        last -> Page.CONTACTS.encode(filter, last.displayName().toLowerCase(Locale.ROOT), last.userId()));
  }
}
