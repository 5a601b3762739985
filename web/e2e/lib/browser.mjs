// Debian's Chromium through playwright-core: nothing downloads a browser.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

export const SCREENSHOTS = resolve(import.meta.dirname, "../target/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch() {
  // Playwright gives every launch a fresh, temporary user-data-dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A person's own browser context, signed in by picking them from the demo list. Browser
 * notifications are allowed and each one shown is recorded in window.__notifications.
 */
export async function signedIn(browser, baseURL, name, viewport = { width: 1100, height: 720 }) {
  const context = await browser.newContext({ baseURL, viewport });
  context.setDefaultTimeout(60_000); // generous: CI shares two cores with a JVM and PostgreSQL
  await context.grantPermissions(["notifications"], { origin: baseURL });
  await context.addInitScript(() => {
    const Real = window.Notification;
    window.__notifications = [];
    window.Notification = class extends Real {
      constructor(title, options) {
        super(title, options);
        window.__notifications.push({ title, body: options?.body ?? "" });
      }
    };
  });
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`[${name}] page error: ${err.message}`));
  await signInOn(page, name);
  return { context, page };
}

export async function signInOn(page, name) {
  await page.goto("/");
  await page.getByRole("button", { name: new RegExp(`^${name}\\b`) }).click();
  await page.getByRole("status").filter({ hasText: "Connected" }).waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The room list entry whose visible name is exactly `name`. */
export function roomItem(page, name) {
  return page.locator("nav .room").filter({ has: page.locator(".room-name", { hasText: new RegExp(`^${name}$`) }) });
}

/** Opens the direct room with a person from the picker's section ("Employees" or "Customers"). */
export async function openDirect(page, section, name) {
  await page.getByRole("button", { name: "New chat", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New chat", exact: true });
  await dialog.getByRole("region", { name: new RegExp(section) }).getByRole("button", { name: new RegExp(`^${name}\\b`) }).click();
  await page.getByRole("heading", { level: 2, name }).waitFor();
}

export async function send(page, text) {
  const composer = page.getByRole("textbox", { name: /^Message to/ });
  await composer.fill(text);
  await composer.press("Enter");
  await page.locator(".messages .message .text", { hasText: text }).first().waitFor();
  await page.waitForFunction(() => document.querySelector("#composer")?.value === "");
}

/** How many messages with exactly this text the open conversation shows. */
export async function countMessages(page, text) {
  return page.locator(".messages .message .text").filter({ hasText: new RegExp(`^${text}$`) }).count();
}
