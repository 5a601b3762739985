package com.example.chat.server.policy;

import com.example.chat.server.auth.Principal;
import com.example.chat.db.types.Role;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The permission table of the design (section 3), as data, and the rules that follow from it.
 * Every decision about who may chat with whom, who creates and manages groups, and who manages
 * which company's directory is made here and nowhere else.
 */
public final class ChatPolicy {

  /** Which employees a role may open direct rooms with. */
  public enum EmployeeReach { ALL_EMPLOYEES, ASSIGNED_EMPLOYEE }

  /** Which customers a role may chat with. */
  public enum CustomerReach { ALL_CUSTOMERS, OWN_AND_TEAM, OWN, NONE }

  /**
   * One row of the table.
   *
   * @param createsGroups may create group rooms
   * @param managesEveryGroup may rename and change members of every group of the company
   * @param managesDirectory may manage users and customers of their own company
   * @param managesEveryCompany may manage the directory of every company
   */
  public record Rules(boolean createsGroups, boolean managesEveryGroup, boolean managesDirectory,
      boolean managesEveryCompany, EmployeeReach employees, CustomerReach customers) {}

  private static final Map<Role, Rules> TABLE = new EnumMap<>(Map.of(
      Role.SUPER_ADMIN, new Rules(true, true, true, true, EmployeeReach.ALL_EMPLOYEES, CustomerReach.ALL_CUSTOMERS),
      Role.ADMIN, new Rules(true, true, true, false, EmployeeReach.ALL_EMPLOYEES, CustomerReach.ALL_CUSTOMERS),
      Role.MANAGER, new Rules(true, false, false, false, EmployeeReach.ALL_EMPLOYEES, CustomerReach.ALL_CUSTOMERS),
      Role.TEAM_LEADER, new Rules(true, false, false, false, EmployeeReach.ALL_EMPLOYEES, CustomerReach.OWN_AND_TEAM),
      Role.EXECUTIVE, new Rules(false, false, false, false, EmployeeReach.ALL_EMPLOYEES, CustomerReach.OWN),
      Role.CUSTOMER, new Rules(false, false, false, false, EmployeeReach.ASSIGNED_EMPLOYEE, CustomerReach.NONE)));

  /**
   * What the policy needs to know of a person of the caller's company. For customers,
   * {@code assignedTo} is their employee and {@code assigneeReportsTo} that employee's manager.
   */
  public record Party(UUID id, Role role, boolean active, UUID assignedTo, UUID assigneeReportsTo) {}

  private ChatPolicy() {}

  public static Rules rules(Role role) {
    return TABLE.get(role);
  }

  /** Whether {@code caller} may chat directly with {@code target} (both of one company). */
  public static boolean mayChat(Party caller, Party target) {
    if (caller.id().equals(target.id())) {
      return false;
    }
    if (target.role().isEmployee()) {
      return switch (rules(caller.role()).employees()) {
        case ALL_EMPLOYEES -> true;
        case ASSIGNED_EMPLOYEE -> target.id().equals(caller.assignedTo());
      };
    }
    return switch (rules(caller.role()).customers()) {
      case ALL_CUSTOMERS -> true;
      case OWN_AND_TEAM -> caller.id().equals(target.assignedTo())
          || caller.id().equals(target.assigneeReportsTo());
      case OWN -> caller.id().equals(target.assignedTo());
      case NONE -> false;
    };
  }

  /**
   * Whether a direct room between these two people (of one company) is a conversation both may
   * write in now. Between employees it always is. Between an employee and a customer it is
   * while that employee may serve that customer, read from the employee's side of the table:
   * so a customer may answer a manager, an admin or their assignee's team leader who reached
   * out, and the conversation ends for both sides when the customer is reassigned elsewhere.
   */
  public static boolean conversationHolds(Party a, Party b) {
    if (a.role().isEmployee() && b.role().isEmployee()) {
      return true;
    }
    if (!a.role().isEmployee() && !b.role().isEmployee()) {
      return false;
    }
    Party employee = a.role().isEmployee() ? a : b;
    Party customer = employee == a ? b : a;
    return mayChat(employee, customer);
  }

  public static boolean mayCreateGroups(Role role) {
    return rules(role).createsGroups();
  }

  /** Whether a person may rename a group and change its members. */
  public static boolean mayManageGroup(Role role, UUID userId, UUID groupOwnerId) {
    return userId.equals(groupOwnerId) || rules(role).managesEveryGroup();
  }

  /** Whether a message of someone else may be deleted by this person in this room. */
  public static boolean mayDeleteOthersMessages(Role role, UUID userId, boolean group, UUID groupOwnerId) {
    return group && mayManageGroup(role, userId, groupOwnerId);
  }

  /** Whether the caller may manage the directory of {@code companyId}. */
  public static boolean mayManageCompany(Principal caller, UUID companyId) {
    if (caller instanceof Principal.Person p) {
      return rules(p.role()).managesEveryCompany()
          || (rules(p.role()).managesDirectory() && p.companyId().equals(companyId));
    }
    Principal.Service s = (Principal.Service) caller;
    return s.companyId() == null || s.companyId().equals(companyId);
  }

  /**
   * Whether the caller may manage the webhook endpoints of {@code companyId} and follow its
   * notification feed: the company's own admins (a SUPER_ADMIN too, but only in their own
   * company: webhooks are not directory management), and its service accounts (an unbound one
   * in every company).
   */
  public static boolean mayManageWebhooks(Principal caller, UUID companyId) {
    if (caller instanceof Principal.Person p) {
      return rules(p.role()).managesDirectory() && p.companyId().equals(companyId);
    }
    Principal.Service s = (Principal.Service) caller;
    return s.companyId() == null || s.companyId().equals(companyId);
  }

  /**
   * Whether a backend service may post system messages into rooms of {@code companyId}: a
   * service of that company, or one not bound to a company. People never post as a system.
   */
  public static boolean mayPostSystemMessages(Principal.Service service, UUID companyId) {
    return service.companyId() == null || service.companyId().equals(companyId);
  }

  /** Whether the caller may create and rename companies. */
  public static boolean mayManageCompanies(Principal caller) {
    if (caller instanceof Principal.Person p) {
      return rules(p.role()).managesEveryCompany();
    }
    return ((Principal.Service) caller).companyId() == null;
  }

  /** Whether the caller may give someone this role (only those who manage every company make SUPER_ADMINs). */
  public static boolean mayGrant(Principal caller, Role role) {
    return role != Role.SUPER_ADMIN || mayManageCompanies(caller);
  }
}
