// Directory changes the page cannot make (an admin's), over gRPC-Web with the generated client.
import { createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { DirectoryService, Role } from "@chat/client";

function directory(baseUrl: string, token: string) {
  const transport = createGrpcWebTransport({
    baseUrl,
    interceptors: [(next) => (req) => {
      req.header.set("authorization", `Bearer ${token}`);
      return next(req);
    }],
  });
  return createClient(DirectoryService, transport);
}

/** Assigns a customer to another employee, as an admin of their company. */
export async function reassignCustomer(baseUrl: string, adminToken: string, customerEmail: string, employeeEmail: string) {
  const client = directory(baseUrl, adminToken);
  const [customers, employees] = await Promise.all([
    client.listUsers({ role: Role.CUSTOMER, pageSize: 200 }),
    client.listUsers({ pageSize: 200 }),
  ]);
  const customer = customers.users.find((u) => u.email === customerEmail);
  const employee = employees.users.find((u) => u.email === employeeEmail);
  if (!customer || !employee) throw new Error(`no ${customerEmail} or ${employeeEmail}`);
  await client.updateCustomerProfile({ customerId: customer.id, assignedEmployeeId: employee.id });
}
