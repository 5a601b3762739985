// The stream survives a server restart: the page says it is reconnecting, then resumes with its
// cursors and shows what was sent meanwhile exactly once.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { countMessages, launch, openDirect, roomItem, screenshot, send, signedIn } from "./lib/browser.mjs";
import { loadCalls } from "./lib/loadCalls.mjs";
import { demoTokens, newDataDir, startServer } from "./lib/server.mjs";

let server;
let browser;

before(async () => {
  server = await startServer({ dataDir: newDataDir() });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

test("after a server restart the page reconnects and gets what was sent meanwhile exactly once, and the rooms joined meanwhile", async () => {
  const dataDir = server.dataDir;
  const carol = await signedIn(browser, server.url, "Carol Customer");
  const eve = await signedIn(browser, server.url, "Eve Executive");

  await openDirect(eve.page, "Customers", "Carol Customer");
  await send(eve.page, "Before the restart.");
  await roomItem(carol.page, "Eve Executive").click();
  await carol.page.locator(".messages .text", { hasText: "Before the restart." }).waitFor();

  await server.stop();
  await carol.page.getByRole("status").filter({ hasText: "Reconnecting" }).waitFor();
  // Carol stays away until Eve has written, so that her page must catch up from its cursors.
  await carol.context.setOffline(true);

  server = await startServer({ dataDir, webPort: server.webPort });
  await eve.page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 120_000 });
  await send(eve.page, "Sent while you were away, one.");
  await send(eve.page, "Sent while you were away, two.");
  // A room Carol joins while away is told when she is back.
  const { createGroup } = await loadCalls();
  await createGroup(server.url, demoTokens(dataDir).get("tom@acme.example"), "Northwind rollout", ["carol@northwind.example", "eve@acme.example"]);

  await carol.context.setOffline(false);
  await carol.page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 120_000 });
  for (const text of ["Sent while you were away, one.", "Sent while you were away, two."]) {
    await carol.page.locator(".messages .text", { hasText: text }).waitFor();
  }
  await roomItem(carol.page, "Northwind rollout").waitFor();
  // Give any repeat a moment to show up before counting.
  await carol.page.waitForTimeout(1000);
  for (const text of ["Before the restart.", "Sent while you were away, one.", "Sent while you were away, two."]) {
    assert.equal(await countMessages(carol.page, text), 1, `"${text}" shown once`);
  }
  await screenshot(carol.page, "restart-carol");
});

test("a frozen server (no heartbeats) is noticed: reconnecting, then live again once it answers", async () => {
  const carol = await signedIn(browser, server.url, "Carol Customer");
  const eve = await signedIn(browser, server.url, "Eve Executive");
  await openDirect(eve.page, "Customers", "Carol Customer");
  await roomItem(carol.page, "Eve Executive").click();

  // The stream stays open but silent: only the missing heartbeats tell.
  server.freeze();
  try {
    await carol.page.getByRole("status").filter({ hasText: "Reconnecting" }).waitFor({ timeout: 120_000 });
  } finally {
    server.thaw();
  }
  await carol.page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 120_000 });
  await eve.page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 120_000 });
  await send(eve.page, "Still there after the freeze.");
  await carol.page.locator(".messages .text", { hasText: "Still there after the freeze." }).waitFor();
  assert.equal(await countMessages(carol.page, "Still there after the freeze."), 1);
  await screenshot(carol.page, "frozen-server-carol");
});
