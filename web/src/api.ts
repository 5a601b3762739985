// The page's one transport and one client per service. Everything else imports the clients from
// here; the generated types are used as they are.
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ContactService, DirectoryService, EventService, MessageService, RoomService } from "@chat/client";

let bearer = "";

/** The token every call carries from now on (empty after signing out). */
export function useToken(token: string): void {
  bearer = token;
}

const withToken: Interceptor = (next) => async (req) => {
  if (bearer) req.header.set("authorization", `Bearer ${bearer}`);
  return next(req);
};

// The web port serves the page and the API on the same origin.
const transport = createGrpcWebTransport({ baseUrl: location.origin, interceptors: [withToken] });

export const directory = createClient(DirectoryService, transport);
export const contacts = createClient(ContactService, transport);
export const rooms = createClient(RoomService, transport);
export const messages = createClient(MessageService, transport);
export const events = createClient(EventService, transport);

/**
 * A server error in words for the person. The server's own message is written for people; the
 * code only picks a fallback when there is none, and is never shown as such.
 */
export function inWords(err: unknown): string {
  const e = ConnectError.from(err);
  if (e.code === Code.Unavailable || e.code === Code.DeadlineExceeded) {
    return "The chat server cannot be reached right now. Please try again in a moment.";
  }
  if (e.code === Code.Canceled) return "The request was cancelled.";
  if (e.rawMessage && !/^(HTTP \d+|fetch failed|Failed to fetch)/i.test(e.rawMessage)) {
    return e.rawMessage;
  }
  switch (e.code) {
    case Code.Unauthenticated:
      return "Your sign-in is not valid (any more). Please sign in again.";
    case Code.PermissionDenied:
      return "You are not allowed to do that.";
    case Code.NotFound:
      return "That no longer exists, or you no longer have access to it.";
    case Code.InvalidArgument:
      return "That was not accepted. Please check what you entered.";
    case Code.ResourceExhausted:
      return "The server is busy. Please try again in a moment.";
    default:
      return "Something went wrong on the server. Please try again.";
  }
}

export function isCode(err: unknown, code: Code): boolean {
  return ConnectError.from(err).code === code;
}

export { Code };
