// Calls the tests make beside the pages (an admin's directory change, a burst of history), over
// gRPC-Web with the generated client, as any other caller would.
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ContactService, DirectoryService, MessageService, Role, RoomService } from "@chat/client";

function transport(baseUrl: string, token: string) {
  const bearer: Interceptor = (next) => (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };
  return createGrpcWebTransport({ baseUrl, interceptors: [bearer] });
}

/** Assigns a customer to another employee, as an admin of their company. */
export async function reassignCustomer(baseUrl: string, adminToken: string, customerEmail: string, employeeEmail: string) {
  const directory = createClient(DirectoryService, transport(baseUrl, adminToken));
  const [customers, everyone] = await Promise.all([
    directory.listUsers({ role: Role.CUSTOMER, pageSize: 200 }),
    directory.listUsers({ pageSize: 200 }),
  ]);
  const customer = customers.users.find((u) => u.email === customerEmail);
  const employee = everyone.users.find((u) => u.email === employeeEmail);
  if (!customer || !employee) throw new Error(`no ${customerEmail} or ${employeeEmail}`);
  await directory.updateCustomerProfile({ customerId: customer.id, assignedEmployeeId: employee.id });
}

/** Sends `count` messages "<prefix> 1" .. "<prefix> count" to a contact's direct room. */
export async function sendMany(baseUrl: string, token: string, peerEmail: string, prefix: string, count: number) {
  const t = transport(baseUrl, token);
  const { contacts } = await createClient(ContactService, t).listContacts({ pageSize: 200 });
  const peer = contacts.find((c) => c.email === peerEmail);
  if (!peer) throw new Error(`${peerEmail} is not a contact`);
  const { room } = await createClient(RoomService, t).openDirectRoom({ userId: peer.userId });
  const messages = createClient(MessageService, t);
  for (let i = 1; i <= count; i++) {
    await messages.sendMessage({ roomId: room!.roomId, text: `${prefix} ${i}`, requestId: `${prefix}-${i}` });
  }
}

/** Creates a group with the given members (by e-mail, from the creator's contacts). */
export async function createGroup(baseUrl: string, token: string, name: string, memberEmails: string[]) {
  const t = transport(baseUrl, token);
  const { contacts } = await createClient(ContactService, t).listContacts({ pageSize: 200 });
  const memberUserIds = memberEmails.map((email) => {
    const found = contacts.find((c) => c.email === email);
    if (!found) throw new Error(`${email} is not a contact`);
    return found.userId;
  });
  await createClient(RoomService, t).createGroupRoom({ name, memberUserIds, requestId: `group-${name}` });
}
