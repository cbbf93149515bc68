// Headless Chromium (Debian's, through playwright-core) showing the VS Code workbench, plus the few UI
// actions the tests need, phrased as a person would do them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './server.mjs';

export const RESULTS_DIR = join(ROOT, 'test-results');

// Without the networking flags Chromium spends its time on refused connections (there is no internet).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser({ headless = true } = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS });
}

/**
 * Opens the workbench in a fresh browser context. With `extensionTestsPath`, VS Code runs that module's
 * `run()` in the extension host and reports through `codeAutomationExit`; `exitCode` resolves with it.
 * `onLog(type, text)` receives the extension host's console. Returns { page, context, exitCode, close() }.
 */
export async function openWorkbench(browser, server, { extensionDevelopmentPath = ROOT, extensionTestsPath, onLog } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let resolveExit;
  const exitCode = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
    onLog?.(type, text);
  });
  await page.goto(server.workbenchUrl({ extensionDevelopmentPath, extensionTestsPath }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { page, context, exitCode, close: () => context.close() };
}

/** The activity bar entry of a view container, by its title. */
function activityBarItem(page, title) {
  return page.locator('.activitybar').getByRole('tab', { name: title, exact: false }).first();
}

/**
 * Opens the AWS Tags container from the activity bar and makes sure its "Resources" view is expanded.
 * Returns the view's tree locator.
 */
export async function openAwsTagsView(page, { timeout = 30_000 } = {}) {
  const item = activityBarItem(page, 'AWS Tags');
  await item.waitFor({ timeout });
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  const sidebar = page.locator('.part.sidebar');
  await sidebar.getByRole('heading', { name: /AWS Tags/i }).first().waitFor({ timeout }).catch(() => {});
  const header = sidebar.locator('.pane-header', { hasText: 'Resources' }).first();
  if ((await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const tree = sidebar.getByRole('tree').first();
  await tree.waitFor({ timeout });
  return tree;
}

/** A tree row by its accessible name (a string matches a substring, or pass a RegExp / { exact: true }). */
export function treeItem(page, name, { exact = false } = {}) {
  return page.getByRole('treeitem', { name, exact });
}

/** Expands a collapsed tree row (no-op when already expanded) and waits for it to show children. */
export async function expandTreeItem(page, name, options) {
  const item = treeItem(page, name, options).first();
  await item.waitFor();
  if ((await item.getAttribute('aria-expanded')) === 'false') {
    await item.click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await item.elementHandle());
  }
  return item;
}

/** Right-clicks a tree row and waits for its context menu. Returns the menu locator. */
export async function openContextMenu(page, name, options) {
  const item = treeItem(page, name, options).first();
  await item.click({ button: 'right' });
  const menu = page.getByRole('menu').first();
  await menu.waitFor();
  return menu;
}

/** The names of the items in the open context menu. */
export async function menuItemNames(page) {
  const names = await page.getByRole('menuitem').allInnerTexts();
  return names.map((name) => name.split('\n')[0].trim()).filter(Boolean);
}

export async function chooseMenuItem(page, name) {
  await page.getByRole('menuitem', { name }).first().click();
}

export async function closeMenu(page) {
  await page.keyboard.press('Escape');
}

/** The open modal dialog (e.g. the Remove Tag confirmation). */
export function dialog(page) {
  return page.locator('.monaco-dialog-box');
}

export async function pressDialogButton(page, name) {
  const box = dialog(page);
  await box.waitFor();
  await box.getByRole('button', { name, exact: true }).click();
  await box.waitFor({ state: 'detached' });
}

/** Clicks a row's inline action (e.g. the trash icon, labelled "Remove Tag"). */
export async function clickInlineAction(page, itemName, actionLabel, options) {
  const item = treeItem(page, itemName, options).first();
  await item.hover();
  await item.locator('.actions').getByRole('button', { name: actionLabel }).first().click();
}

/** Runs a command from the palette by its title, e.g. "AWS Tags: Remove Tag". */
export async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await quickInput(page).getByRole('option', { name: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export function quickInput(page) {
  return page.locator('.quick-input-widget');
}

/** Picks an entry in the open quick pick by (part of) its label. */
export async function pickQuickItem(page, label) {
  const option = quickInput(page).getByRole('option', { name: label }).first();
  await option.waitFor();
  await option.click();
}

/** Waits for a notification toast whose message matches `text` (string or RegExp); returns its locator. */
export async function waitForNotification(page, text, { timeout = 15_000 } = {}) {
  const toast = page.locator('.notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ timeout });
  return toast;
}

/** The messages of the notification toasts currently shown. */
export async function notificationMessages(page) {
  return page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
}

/** Saves `test-results/NAME.png`; returns the path. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}
