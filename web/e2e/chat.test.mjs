// The web app as people use it, in Chromium, against one real server with demo data.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { countMessages, launch, openDirect, roomItem, screenshot, send, signedIn } from "./lib/browser.mjs";
import { loadCalls } from "./lib/loadCalls.mjs";
import { demoTokens, newDataDir, startServer } from "./lib/server.mjs";

let server;
let browser;
const contexts = [];

before(async () => {
  server = await startServer({ dataDir: newDataDir() });
  browser = await launch();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

async function person(name, viewport) {
  const signed = await signedIn(browser, server.url, name, viewport);
  contexts.push(signed.context);
  return signed.page;
}

test("Eve writes to her customer Carol; Carol sees the room, the unread count and the message live, and replies", async () => {
  const carol = await person("Carol Customer");
  const eve = await person("Eve Executive");

  await openDirect(eve, "Customers", "Carol Customer");
  await send(eve, "Hello Carol, your order has shipped.");

  // Carol's page learns of the room from the stream: Eve's name, 💼, her department, 1 unread.
  const room = roomItem(carol, "Eve Executive");
  await room.locator(".unread", { hasText: /^1$/ }).waitFor();
  assert.equal(await room.locator(".icon").textContent(), "💼");
  assert.equal(await room.locator(".badge").textContent(), "Sales");
  assert.match(await carol.title(), /^\(1\) /);

  // A second tab of Carol's shows the same unread count, and it falls when she reads on the first.
  const carolTab2 = await carol.context().newPage();
  await carolTab2.goto("/");
  await roomItem(carolTab2, "Eve Executive").locator(".unread", { hasText: /^1$/ }).waitFor();

  await room.click();
  await carol.locator(".messages .text", { hasText: "Hello Carol, your order has shipped." }).waitFor();
  await room.locator(".unread").waitFor({ state: "detached" });
  await roomItem(carolTab2, "Eve Executive").locator(".unread").waitFor({ state: "detached" });
  assert.equal(await carolTab2.title(), "Chat");

  // Live, while the room is open.
  await send(eve, "It should arrive on Friday.");
  await carol.locator(".messages .text", { hasText: "It should arrive on Friday." }).waitFor();

  await send(carol, "Thank you, Eve!");
  await eve.locator(".messages .text", { hasText: "Thank you, Eve!" }).waitFor();
  assert.equal(await countMessages(eve, "Thank you, Eve!"), 1);

  await screenshot(carol, "eve-and-carol-carol");
  await screenshot(eve, "eve-and-carol-eve");
});

test("Eve's picker shows only her customers and no New group; a manager's group appears for Eve and Tom, is renamed, loses Eve, and Tom leaves", async () => {
  const eve = await person("Eve Executive");
  await eve.getByRole("button", { name: "New chat", exact: true }).click();
  const picker = eve.getByRole("dialog", { name: "New chat", exact: true });
  const customers = picker.getByRole("region", { name: /Customers/ }).getByRole("button");
  await customers.first().waitFor();
  assert.deepEqual(await customers.locator(":scope").evaluateAll((bs) => bs.map((b) => b.firstChild.textContent.trim())), ["Carol Customer"]);
  const employees = picker.getByRole("region", { name: /Employees/ }).getByRole("button");
  assert.ok((await employees.count()) >= 5, "every employee of the company is a contact");
  await picker.getByRole("button", { name: "Close", exact: true }).click();
  assert.equal(await eve.getByRole("button", { name: "New group", exact: true }).count(), 0);

  const tom = await person("Tom Leader");
  const maria = await person("Maria Manager");
  await maria.getByRole("button", { name: "New group", exact: true }).click();
  const form = maria.getByRole("dialog", { name: "New group", exact: true });
  await form.getByLabel("Group name").fill("Launch team");
  await form.getByRole("checkbox", { name: /^Eve Executive/ }).check();
  await form.getByRole("checkbox", { name: /^Tom Leader/ }).check();
  await form.getByRole("button", { name: "Create group", exact: true }).click();
  await maria.getByRole("heading", { level: 2, name: "Launch team" }).waitFor();

  for (const page of [eve, tom]) {
    const group = roomItem(page, "Launch team");
    await group.waitFor();
    assert.equal(await group.locator(".icon").textContent(), "👥");
    assert.equal(await group.locator(".badge").textContent(), "3 members");
  }
  await send(maria, "Welcome to the launch team.");
  await roomItem(tom, "Launch team").click();
  await tom.locator(".messages .text", { hasText: "Welcome to the launch team." }).waitFor();

  // The creator renames the group and removes Eve; Tom sees the new name, Eve loses the room.
  await maria.getByRole("button", { name: "Members", exact: true }).click();
  const settings = maria.getByRole("dialog", { name: /^Group: / });
  await settings.getByLabel("Name").fill("Launch crew");
  await settings.getByRole("button", { name: "Rename", exact: true }).click();
  await roomItem(tom, "Launch crew").waitFor();
  await settings.getByRole("button", { name: "Remove Eve Executive", exact: true }).click();
  await roomItem(eve, "Launch crew").waitFor({ state: "detached" });
  await roomItem(eve, "Launch team").waitFor({ state: "detached" });
  await roomItem(tom, "Launch crew").locator(".badge", { hasText: "2 members" }).waitFor();
  await settings.getByRole("button", { name: "Close", exact: true }).click();

  // Tom, a member, may leave; he has no rename or remove controls.
  await tom.getByRole("button", { name: "Members", exact: true }).click();
  const tomSettings = tom.getByRole("dialog", { name: /^Group: / });
  assert.equal(await tomSettings.getByRole("button", { name: "Rename", exact: true }).count(), 0);
  tom.once("dialog", (d) => d.accept());
  await tomSettings.getByRole("button", { name: "Leave group", exact: true }).click();
  await roomItem(tom, "Launch crew").waitFor({ state: "detached" });
  await roomItem(maria, "Launch crew").locator(".badge", { hasText: "1 member" }).waitFor();

  await screenshot(eve, "group-eve");
  await screenshot(tom, "group-tom");
  await screenshot(maria, "group-maria");
});

test("a muted room raises no notification, an unmuted one does", async () => {
  const gus = await person("Gus Customer");
  const maria = await person("Maria Manager");
  const notifications = () => gus.evaluate(() => window.__notifications.length);
  const notifiedOf = (body) => gus.evaluate((b) => window.__notifications.some((n) => n.body === b), body);

  await openDirect(maria, "Customers", "Gus Customer");
  await send(maria, "Hello Gus, a question about your contract.");
  const room = roomItem(gus, "Maria Manager");
  await room.locator(".unread", { hasText: /^1$/ }).waitFor();
  await gus.waitForFunction(() => window.__notifications.some((n) => n.body === "Hello Gus, a question about your contract."));
  assert.match(await gus.title(), /^\(1\) /);

  await room.click();
  await gus.getByRole("button", { name: "Mute", exact: true }).click();
  await gus.getByRole("button", { name: "Unmute", exact: true }).waitFor();
  await gus.getByRole("button", { name: "Close this conversation", exact: true }).click();
  const before = await notifications();

  await send(maria, "A second question, while muted.");
  await room.locator(".last", { hasText: "A second question, while muted." }).waitFor();
  await room.locator(".unread", { hasText: /^1$/ }).waitFor();
  assert.equal(await room.locator(".muted-mark").count(), 1);
  assert.equal(await notifiedOf("A second question, while muted."), false, "no notification for the muted room");
  assert.equal(await notifications(), before);
  assert.equal(await gus.title(), "Chat", "a muted room adds nothing to the title count");

  await screenshot(gus, "muted-room-gus");
});

test("after a reassignment both sides of the room see the read-only banner with their reason and no composer", async () => {
  const { reassignCustomer } = await loadCalls();
  const ed = await person("Ed Executive");
  await openDirect(ed, "Customers", "Dan Customer");
  await send(ed, "Hello Dan.");
  assert.equal(await ed.getByRole("textbox", { name: /^Message to/ }).count(), 1);

  await reassignCustomer(server.url, demoTokens(server.dataDir).get("adam@acme.example"), "dan@contoso.example", "xavier@acme.example");

  await ed.reload();
  await roomItem(ed, "Dan Customer").click();
  const banner = ed.getByRole("note");
  await banner.waitFor();
  assert.match(await banner.textContent(), /no longer/);
  assert.equal(await ed.getByRole("textbox", { name: /^Message to/ }).count(), 0);
  await ed.locator(".messages .text", { hasText: "Hello Dan." }).waitFor();

  // Dan's side of the same room is read-only too, in his words: his contact is Xavier now.
  const dan = await person("Dan Customer");
  await roomItem(dan, "Ed Executive").click();
  await dan.getByRole("note").waitFor();
  assert.match(await dan.getByRole("note").textContent(), /Xavier Support/);
  assert.equal(await dan.getByRole("textbox", { name: /^Message to/ }).count(), 0);

  await screenshot(ed, "read-only-ed");
  await screenshot(dan, "read-only-dan");
});

test("a conversation on a narrow window: older pages on scrolling up, edits and deletes seen live, errors in words", async () => {
  const { sendMany } = await loadCalls();
  await sendMany(server.url, demoTokens(server.dataDir).get("xavier@acme.example"), "fiona@initech.example", "Note", 45);
  const xavier = await person("Xavier Support");
  const fiona = await person("Fiona Customer", { width: 390, height: 740 });
  fiona.on("dialog", (d) => d.accept());

  const room = roomItem(fiona, "Xavier Support");
  await room.locator(".unread", { hasText: /^45$/ }).waitFor();
  await room.click();
  // Narrow: the conversation replaces the list, with a way back.
  await fiona.locator("nav.rooms").waitFor({ state: "hidden" });
  await fiona.locator(".messages .text", { hasText: /^Note 45$/ }).waitFor();
  assert.equal(await countMessages(fiona, "Note 1"), 0, "only the newest page at first");
  while ((await countMessages(fiona, "Note 1")) === 0) {
    await fiona.locator(".messages").evaluate((el) => { el.scrollTop = 0; });
    await fiona.waitForTimeout(200);
  }
  for (let i = 1; i <= 45; i++) assert.equal(await countMessages(fiona, `Note ${i}`), 1, `Note ${i} once`);
  await room.locator(".unread").waitFor({ state: "detached" }).catch(() => {});
  assert.equal(await fiona.title(), "Chat");

  await roomItem(xavier, "Fiona Customer").click();
  await send(fiona, "Plese call me");
  await xavier.locator(".messages .text", { hasText: /^Plese call me$/ }).waitFor();
  const mine = fiona.locator(".message.mine", { has: fiona.locator(".text", { hasText: /^Plese call me$/ }) });
  await mine.getByRole("button", { name: "Edit this message", exact: true }).click();
  await fiona.getByRole("textbox", { name: "Edit your message", exact: true }).fill("Please call me");
  await fiona.getByRole("textbox", { name: "Edit your message", exact: true }).press("Enter");
  await xavier.locator(".messages .message", { hasText: "Please call me" }).locator(".muted-text", { hasText: "(edited)" }).waitFor();

  await send(fiona, "Wrong room, sorry");
  await xavier.locator(".messages .text", { hasText: /^Wrong room, sorry$/ }).waitFor();
  const wrong = fiona.locator(".message.mine", { has: fiona.locator(".text", { hasText: /^Wrong room, sorry$/ }) });
  await wrong.getByRole("button", { name: "Delete this message", exact: true }).click();
  await xavier.locator(".messages .tombstone", { hasText: "This message was deleted." }).waitFor();
  assert.equal(await countMessages(xavier, "Wrong room, sorry"), 0);
  await fiona.locator(".messages .tombstone", { hasText: "This message was deleted." }).waitFor();

  // A refused send: the server's reason in words, never a code; what was typed stays.
  const composer = fiona.getByRole("textbox", { name: /^Message to/ });
  await composer.fill("x".repeat(10_001));
  await composer.press("Enter");
  const error = fiona.getByRole("alert");
  await error.waitFor();
  const said = await error.textContent();
  assert.doesNotMatch(said, /INVALID_ARGUMENT|invalid_argument|\[\w+\]/);
  assert.match(said, /\w+ \w+/);
  assert.equal((await composer.inputValue()).length, 10_001);
  await composer.fill("");

  await screenshot(fiona, "narrow-conversation-fiona");
  await screenshot(xavier, "narrow-conversation-xavier");
});
