// Words shown for the API's enums.
import { Role, RoomKind, type RoomView, SendBlockedReason } from "@chat/client";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { timestampDate } from "@bufbuild/protobuf/wkt";

const ROLES: Record<Role, string> = {
  [Role.UNSPECIFIED]: "",
  [Role.SUPER_ADMIN]: "super admin",
  [Role.ADMIN]: "admin",
  [Role.MANAGER]: "manager",
  [Role.TEAM_LEADER]: "team leader",
  [Role.EXECUTIVE]: "executive",
  [Role.CUSTOMER]: "customer",
};

export function roleName(role: Role): string {
  return ROLES[role] ?? "";
}

export const KIND_NAMES: Record<RoomKind, string> = {
  [RoomKind.UNSPECIFIED]: "All",
  [RoomKind.CUSTOMER_CHAT]: "Customers",
  [RoomKind.EMPLOYEE_CHAT]: "Employees",
  [RoomKind.GROUP]: "Groups",
};

const KIND_SINGULAR: Record<RoomKind, string> = {
  [RoomKind.UNSPECIFIED]: "chat",
  [RoomKind.CUSTOMER_CHAT]: "customer chat",
  [RoomKind.EMPLOYEE_CHAT]: "employee chat",
  [RoomKind.GROUP]: "group",
};

export function kindName(kind: RoomKind): string {
  return KIND_SINGULAR[kind] ?? "chat";
}

/** The badge: organization of a customer, department of an employee, member count of a group. */
export function badgeOf(room: RoomView): string {
  if (room.kind === RoomKind.GROUP) {
    const n = room.participants.length;
    return n === 1 ? "1 member" : `${n} members`;
  }
  return room.badge;
}

/** Why the person may not write here: the server's words for this person, else the reason's. */
export function readOnlyReason(room: RoomView, viewerIsCustomer: boolean): string {
  if (room.sendBlockedMessage) return room.sendBlockedMessage;
  switch (room.sendBlockedReason) {
    case SendBlockedReason.CONTACT_CHANGED:
      return "Your contact for this conversation has changed, so it is read-only. You can still read it.";
    case SendBlockedReason.CUSTOMER_NOT_ASSIGNED:
      return viewerIsCustomer
        ? `${room.displayName} no longer looks after you, so this conversation is read-only. Your new contact can write to you.`
        : `${room.displayName} is no longer assigned to you, so this conversation is read-only. Its history stays here.`;
    case SendBlockedReason.PEER_INACTIVE:
      return `${room.displayName} is no longer active, so this conversation is read-only.`;
    case SendBlockedReason.NOT_A_MEMBER:
      return "You are no longer a member of this group, so you cannot write here.";
    default:
      return "You cannot write in this conversation.";
  }
}

export function timeOf(ts: Timestamp | undefined): string {
  if (!ts) return "";
  const d = timestampDate(ts);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}
