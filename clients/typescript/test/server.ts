// Starts the real chat server as a process, the way a person would: the built jar with demo
// data, both ports on 0, and the ports read from the file the server writes once listening.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A demo user as GET /demo/users.json lists them. */
export interface DemoUser {
  email: string;
  displayName: string;
  role: string;
  company: string;
  token: string;
}

export interface RunningServer {
  /** The native gRPC port, as http://127.0.0.1:N. */
  grpcUrl: string;
  /** The web port (gRPC-Web, gRPC, static files), as http://127.0.0.1:N. */
  webUrl: string;
  /** The origin allowed to call the web port from another page (CORS). */
  otherOrigin: string;
  /** The token of a demo user by e-mail. */
  token(email: string): string;
  stop(): Promise<void>;
}

const STARTUP_MS = 120_000;

export async function startServer(): Promise<RunningServer> {
  const jar = resolve(process.env.CHAT_SERVER_JAR ?? "../../server/target/chat-server.jar");
  if (!existsSync(jar)) {
    throw new Error(`${jar} is missing: build it with ./mvnw -q -pl server -am package -DskipTests`);
  }
  const dir = mkdtempSync(join(tmpdir(), "chat-ts-test-"));
  const portsFile = join(dir, "ports.json");
  const otherOrigin = "http://app.other.example";
  const log = openSync(join(dir, "server.log"), "w");
  const child = spawn("java", ["-jar", jar, "--demo", "--port", "0", "--web-port", "0",
    "--web-origins", otherOrigin, "--ports-file", portsFile, "--shutdown-grace-seconds", "1", "--data-dir", join(dir, "data")],
    { stdio: ["ignore", log, log] });
  const exited = once(child, "exit");
  const fail = (why: string) => {
    child.kill("SIGKILL");
    const tail = readFileSync(join(dir, "server.log"), "utf8").split("\n").slice(-30).join("\n");
    return new Error(`${why}; the server's last lines:\n${tail}`);
  };

  const deadline = Date.now() + STARTUP_MS;
  while (!existsSync(portsFile)) {
    if (child.exitCode !== null) throw fail(`the server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw fail("the server wrote no ports file");
    await sleep(200);
  }
  const ports = JSON.parse(readFileSync(portsFile, "utf8")) as { grpc: number; web: number };
  const webUrl = `http://127.0.0.1:${ports.web}`;
  // The demo users appear once the demo data is loaded, right after the ports.
  let users: DemoUser[] | undefined;
  while (users === undefined) {
    const response = await fetch(`${webUrl}/demo/users.json`);
    if (response.ok) {
      users = (await response.json()) as DemoUser[];
    } else if (Date.now() > deadline) {
      throw fail(`GET /demo/users.json still answers ${response.status}`);
    } else {
      await sleep(200);
    }
  }
  const tokens = new Map(users.map((u) => [u.email, u.token]));
  return {
    grpcUrl: `http://127.0.0.1:${ports.grpc}`,
    webUrl,
    otherOrigin,
    token(email: string) {
      const token = tokens.get(email);
      if (token === undefined) throw new Error(`no demo user ${email}`);
      return token;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
