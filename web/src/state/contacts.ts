// The people the signed-in person may chat with, as the server lists them (it applies the
// permission table; the page never filters people itself).
import { type Contact, ContactKind } from "@chat/client";
import { contacts as contactService } from "../api";

const MOST = 1000;

export async function listContacts(kind: ContactKind, namePrefix: string): Promise<Contact[]> {
  const found: Contact[] = [];
  let pageToken = "";
  do {
    const page = await contactService.listContacts({ kind, namePrefix, pageSize: 200, pageToken });
    found.push(...page.contacts);
    pageToken = page.nextPageToken;
  } while (pageToken && found.length < MOST);
  return found;
}

/** Employees and customers apart, as the picker shows them. */
export async function contactsByKind(namePrefix: string): Promise<{ employees: Contact[]; customers: Contact[] }> {
  const [employees, customers] = await Promise.all([
    listContacts(ContactKind.EMPLOYEE, namePrefix),
    listContacts(ContactKind.CUSTOMER, namePrefix),
  ]);
  return { employees, customers };
}
