// Who is signed in, and what the server's own declarations let them do.
import { getOption } from "@bufbuild/protobuf";
import type { DescMethod } from "@bufbuild/protobuf";
import { access, Role, RoomService, type User } from "@chat/client";
import { directory, inWords, useToken } from "../api";
import { Store } from "./store";

const TOKEN_KEY = "chat.token";

/** A demo user as the server lists them with --demo. */
export interface DemoUser {
  email: string;
  displayName: string;
  role: string;
  company: string;
  token: string;
}

class Session extends Store {
  me: User | undefined;
  signingIn = false;
  error = "";
  /** The demo users, only when the server runs with --demo. */
  demoUsers: DemoUser[] = [];

  /** Signs in with the token of this browser profile's last sign-in (a reload, another tab). */
  async resume(): Promise<void> {
    const saved = localStorage.getItem(TOKEN_KEY);
    if (saved) await this.signIn(saved);
  }

  async signIn(token: string): Promise<void> {
    this.signingIn = true;
    this.error = "";
    this.changed();
    useToken(token.trim());
    try {
      const res = await directory.whoAmI({});
      if (!res.user) {
        throw new Error("This token belongs to a backend service; the chat page is for people.");
      }
      this.me = res.user;
      localStorage.setItem(TOKEN_KEY, token.trim());
    } catch (err) {
      useToken("");
      localStorage.removeItem(TOKEN_KEY);
      this.error = err instanceof Error && !("code" in err) ? err.message : inWords(err);
    } finally {
      this.signingIn = false;
      this.changed();
    }
  }

  /** Reads the person again (their role may have changed; the page follows). */
  async refresh(): Promise<void> {
    try {
      const res = await directory.whoAmI({});
      if (res.user && this.me) {
        this.me = res.user;
        this.changed();
      }
    } catch {
      // the stream's own errors say what matters
    }
  }

  signOut(reason = ""): void {
    useToken("");
    localStorage.removeItem(TOKEN_KEY);
    this.me = undefined;
    this.error = reason;
    this.changed();
  }

  async loadDemoUsers(): Promise<void> {
    for (let attempt = 0; attempt < 30; attempt++) {
      try {
        const res = await fetch("/demo/users.json", { headers: { accept: "application/json" } });
        // 503: a demo server still loading its data; anything else but 200: not a demo server.
        if (res.status === 503) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        if (res.ok) {
          this.demoUsers = (await res.json()) as DemoUser[];
          this.changed();
        }
      } catch {
        // no demo users: the token field is the way in
      }
      return;
    }
  }

  /** Whether the signed-in person's role is among those the method's (chat.v1.access) names. */
  mayCall(method: DescMethod): boolean {
    if (!this.me) return false;
    return getOption(method, access).roles.includes(this.me.role);
  }

  get mayCreateGroups(): boolean {
    return this.mayCall(RoomService.method.createGroupRoom);
  }

  get isCustomer(): boolean {
    return this.me?.role === Role.CUSTOMER;
  }

  get isCompanyAdmin(): boolean {
    return this.me?.role === Role.ADMIN || this.me?.role === Role.SUPER_ADMIN;
  }
}

export const session = new Session();
