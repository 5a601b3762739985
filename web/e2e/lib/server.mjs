// A real server process from the built jar, with demo data, on ports the OS picks (the web port
// can be given again to restart on the same address), learning them from --ports-file.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const JAR = process.env.CHAT_SERVER_JAR ?? resolve(import.meta.dirname, "../../../server/target/chat-server.jar");
const START_TIMEOUT_MS = 300_000; // a loaded 2-core machine can take minutes

export function newDataDir() {
  return mkdtempSync(join(tmpdir(), "chat-e2e-"));
}

/** Starts the server and resolves once it listens; `webPort` 0 takes any free port. */
export async function startServer({ dataDir, webPort = 0 }) {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build the server first`);
  const portsFile = join(dataDir, "ports.json");
  rmSync(portsFile, { force: true });
  const args = ["-jar", JAR, "--demo", "--port", "0", "--web-port", String(webPort),
    "--ports-file", portsFile, "--data-dir", dataDir, "--shutdown-grace-seconds", "1"];
  const proc = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => { output = (output + chunk).slice(-20_000); };
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  const exited = new Promise((r) => proc.once("exit", (code) => r(code)));

  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode;
  void exited.then((code) => { exitCode = code ?? -1; });
  while (!existsSync(portsFile) || !readFileSync(portsFile, "utf8").includes("web")) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      // SIGTERM first, so that the server stops its embedded PostgreSQL too.
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const ports = JSON.parse(readFileSync(portsFile, "utf8"));
  return {
    url: `http://127.0.0.1:${ports.web}`,
    webPort: ports.web,
    dataDir,
    output: () => output,
    /** Freezes the server process (SIGSTOP): connections stay open and nothing answers. */
    freeze() {
      proc.kill("SIGSTOP");
    },
    thaw() {
      proc.kill("SIGCONT");
    },
    /** Stops the process (SIGTERM, then SIGKILL if it lingers) and waits for it to end. */
    async stop() {
      if (exitCode !== undefined) return;
      proc.kill("SIGCONT");
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The demo tokens the server wrote into its data folder, by e-mail. */
export function demoTokens(dataDir) {
  const tokens = new Map();
  for (const line of readFileSync(join(dataDir, "demo-tokens.txt"), "utf8").split("\n")) {
    const [email, , token] = line.trim().split(/\s+/);
    if (token) tokens.set(email, token);
  }
  return tokens;
}
