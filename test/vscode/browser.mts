// Headless Chromium (Debian's, through playwright-core) showing the VS Code workbench, plus the few UI
// actions the tests need, phrased as a person would do them.
// Some functions run in the page (evaluate): they see the DOM, not Node.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
} from 'playwright-core';
import { CHROMIUM, ROOT, type ServerHandle } from './server.mjs';

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

export function launchBrowser({ headless = true }: { headless?: boolean } = {}): Promise<Browser> {
  // Signals are handled by processes.mts, which closes the browser along with everything else.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface OpenWorkbenchOptions {
  /** null: no extension from a source folder (the package tier's installed .vsix only). */
  extensionDevelopmentPath?: string | null;
  extensionTestsPath?: string;
  /** Receives the extension host's console. */
  onLog?: (type: string, text: string) => void;
  /** Receives the page's console. */
  onConsole?: (message: ConsoleMessage) => void;
}

/** One workbench window: its own browser context, page and extension host. */
export interface WorkbenchWindow {
  page: Page;
  context: BrowserContext;
  /** With `extensionTestsPath`: the code the tests' `run()` reported through `codeAutomationExit`. */
  exitCode: Promise<number>;
  /** URLs refused for not being on 127.0.0.1. */
  blocked: string[];
  close: () => Promise<void>;
}

/**
 * Opens the workbench in a fresh browser context. With `extensionTestsPath`, VS Code runs that module's
 * `run()` in the extension host and reports through `codeAutomationExit`; `exitCode` resolves with it.
 */
export async function openWorkbench(
  browser: Browser,
  server: ServerHandle,
  { extensionDevelopmentPath = ROOT, extensionTestsPath, onLog, onConsole }: OpenWorkbenchOptions = {},
): Promise<WorkbenchWindow> {
  // The clipboard permissions let the tests read what Copy ARN / Copy Tag put there (as a person would paste it).
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // Everything stays on this machine: the workbench's own requests elsewhere (the extension gallery) and any page
  // an action would open (Open in AWS Console) are refused before they leave, and listed in `blocked`.
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  if (onConsole) page.on('console', onConsole);
  let resolveExit: (code: number) => void = () => {};
  const exitCode = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    const text = Array.isArray(args) ? format(...args) : String(args);
    onLog?.(type, text);
  });
  await page.goto(server.workbenchUrl({ extensionDevelopmentPath, extensionTestsPath }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { page, context, exitCode, blocked, close: () => context.close() };
}

/** The activity bar entry of a view container, by its title. */
function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.activitybar').getByRole('tab', { name: title, exact: false }).first();
}

/**
 * Opens the AWS Tags container from the activity bar and makes sure its "Resources" view is expanded.
 * Returns the view's tree locator.
 */
export async function openAwsTagsView(page: Page, { timeout = 30_000 }: { timeout?: number } = {}): Promise<Locator> {
  const item = activityBarItem(page, 'AWS Tags');
  await item.waitFor({ timeout });
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  // Move off the icon, or its hover label stays in the screenshots.
  await page.mouse.move(700, 500);
  const sidebar = page.locator('.part.sidebar');
  const header = sidebar.locator('.pane-header', { hasText: 'Resources' }).first();
  if ((await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const tree = sidebar.getByRole('tree').first();
  await tree.waitFor({ timeout });
  return tree;
}

/** A row's label, matched exactly (by default) when a string. */
export type Label = string | RegExp;

export interface FindOptions {
  exact?: boolean;
  timeout?: number;
}

/**
 * Tree rows whose visible label is `label` (exact by default; a RegExp also works). The accessible name is
 * not used: VS Code takes it from the item's tooltip when there is one. Only rendered rows are found (the
 * tree is virtual); findTreeItem() scrolls to a row first.
 */
export function treeItem(page: Page, label: Label, { exact = true }: { exact?: boolean } = {}): Locator {
  return page.getByRole('treeitem').filter({ has: page.locator('.label-name').getByText(label, { exact }) });
}

/**
 * Brings the row with this label into view, paging through the AWS Tags tree from the top with the keyboard
 * (which moves the focus, not the selection). Returns its locator.
 */
export async function findTreeItem(
  page: Page,
  label: Label,
  { exact = true, timeout = 15_000 }: FindOptions = {},
): Promise<Locator> {
  const item = treeItem(page, label, { exact }).first();
  const tree = page.locator('.part.sidebar').getByRole('tree').first();
  await tree.waitFor({ timeout });
  // The list renders a few rows beyond its edges; those are in the DOM but cannot be clicked.
  const inView = async () => {
    if ((await item.count()) === 0) return false;
    const [row, box] = await Promise.all([item.boundingBox(), tree.boundingBox()]);
    return Boolean(row && box && row.y >= box.y - 1 && row.y + row.height <= box.y + box.height + 1);
  };
  if (await inView()) return item;
  const deadline = Date.now() + timeout;
  await tree.focus();
  await page.keyboard.press('Home');
  while (!(await inView())) {
    if (Date.now() > deadline) throw new Error(`tree item "${label}" not found`);
    const before = await tree.getAttribute('aria-activedescendant');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(50);
    if ((await tree.getAttribute('aria-activedescendant')) === before) {
      // At the bottom without it: rows may still be loading, so look again from the top.
      await page.waitForTimeout(200);
      await page.keyboard.press('Home');
    }
  }
  return item;
}

/** Polls `read()` until it returns a truthy value. */
async function until(read: () => Promise<boolean>, { timeout = 15_000, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await read()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Expands a collapsed tree row (no-op when already expanded) and waits until its children are loaded. */
export async function expandTreeItem(page: Page, label: Label, options?: FindOptions): Promise<Locator> {
  const item = await findTreeItem(page, label, options);
  if ((await item.getAttribute('aria-expanded')) === 'false') {
    await item.locator('.monaco-tl-twistie').click();
    await until(async () => (await item.getAttribute('aria-expanded')) === 'true', { what: `"${label}" to expand` });
  }
  // Children are fetched on expansion; the twistie spins until they are in.
  await until(async () => (await item.locator('.codicon-tree-item-loading').count()) === 0, {
    what: `"${label}" to load`,
  });
  return item;
}

/**
 * Right-clicks a tree row and waits for its context menu; returns the menu locator. VS Code shows no menu
 * at all when it would be empty: with `allowEmpty`, that case returns null after a short wait.
 */
export async function openContextMenu(
  page: Page,
  label: Label,
  { allowEmpty = false, ...options }: FindOptions & { allowEmpty?: boolean } = {},
): Promise<Locator | null> {
  const item = await findTreeItem(page, label, options);
  await item.click({ button: 'right' });
  const menu = page.getByRole('menu').first();
  try {
    await menu.waitFor({ timeout: allowEmpty ? 2000 : 15_000 });
  } catch (error) {
    if (allowEmpty) return null;
    throw error;
  }
  return menu;
}

/** Selects several rows as a person would: click the first, Ctrl+click the others. */
export async function selectTreeItems(page: Page, labels: Label[], options?: FindOptions): Promise<void> {
  for (const [index, label] of labels.entries()) {
    const item = await findTreeItem(page, label, options);
    await item.click({ modifiers: index === 0 ? [] : ['ControlOrMeta'] });
  }
}

/** Labels of the rendered children of a tree row (the row must be expanded and in view). */
export async function treeChildLabels(page: Page, label: Label, options?: FindOptions): Promise<string[]> {
  const parent = await findTreeItem(page, label, options);
  const parentId = await parent.getAttribute('id');
  const rows = await page
    .locator('.part.sidebar')
    .getByRole('treeitem')
    .evaluateAll((els) =>
      els
        .map((el) => ({
          id: el.id,
          index: Number(el.dataset.index),
          level: Number(el.getAttribute('aria-level')),
          label: el.querySelector('.label-name')?.textContent ?? '',
        }))
        .sort((a, b) => a.index - b.index),
    );
  const start = rows.findIndex((row) => row.id === parentId);
  const children: string[] = [];
  for (const row of rows.slice(start + 1)) {
    if (row.level <= rows[start].level) break;
    if (row.level === rows[start].level + 1) children.push(row.label);
  }
  return children;
}

/** The names of the items in the open context menu. */
export async function menuItemNames(page: Page): Promise<string[]> {
  const names = await page.getByRole('menuitem').allInnerTexts();
  return names.map((name) => name.split('\n')[0].trim()).filter(Boolean);
}

/**
 * Clicks an entry of the open context menu. VS Code's menu items start listening for the mouse only 100 ms after
 * they are drawn (so that releasing the right button that opened the menu chooses nothing); a quicker click is
 * dropped and the menu stays open. So: give it that time, and click again while the menu is still open (a click
 * that was taken closes the menu, so nothing runs twice).
 */
export async function chooseMenuItem(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('menu').first();
  // By exact label: "Remove Tag" must not find "Remove Tag Key Everywhere..." (the name may carry a keybinding).
  const item = page
    .getByRole('menuitem')
    .filter({ has: page.locator('.action-label').getByText(name, { exact: true }) })
    .first();
  // The entries are drawn with the menu: a missing one is missing, and the error says what is there instead.
  await page.getByRole('menuitem').first().waitFor();
  if ((await item.count()) === 0) {
    throw new Error(`the context menu has no "${name}" (it has: ${(await menuItemNames(page)).join(', ')})`);
  }
  await page.waitForTimeout(150);
  for (let attempt = 1; ; attempt += 1) {
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 1000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function closeMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

/** The open modal dialog (e.g. the Remove Tag confirmation). */
export function dialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

export async function pressDialogButton(page: Page, name: string): Promise<void> {
  const box = dialog(page);
  await box.waitFor();
  await box.getByRole('button', { name, exact: true }).click();
  await box.waitFor({ state: 'detached' });
}

/** Clicks a row's inline action (e.g. the trash icon, labelled "Remove Tag"). */
export async function clickInlineAction(
  page: Page,
  label: Label,
  actionLabel: string,
  options?: FindOptions,
): Promise<void> {
  const item = await findTreeItem(page, label, options);
  await item.hover();
  // A row's inline actions are drawn with the row (shown on hover): a missing one fails at once, saying so.
  const actions = item.locator('.actions');
  await actions.waitFor({ state: 'attached' });
  const button = actions.getByRole('button', { name: actionLabel, exact: true }).first();
  if ((await button.count()) === 0) {
    const present = await actions
      .getByRole('button')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    throw new Error(`"${label}" has no inline action "${actionLabel}" (it has: ${present.join(', ')})`);
  }
  await button.click();
}

/** Runs a command from the palette by its title, e.g. "AWS Tags: Remove Tag". */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  const input = quickInput(page).locator('input');
  // Clicked by its exact label: Enter would run the top entry, which may be a longer title that also matches
  // (e.g. "Remove Tag Key Everywhere..." for "Remove Tag").
  const option = quickItem(page, title).first();
  // The palette closes when it loses the focus: opened right as a dialog or a quick pick of the extension closes,
  // the focus given back can close it again at once. Then it is opened again; a missing title still fails.
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('F1');
    await input.waitFor();
    try {
      await input.fill(`>${title}`, { timeout: 3000 });
      await option.waitFor({ timeout: 10_000 });
      // The list may be drawn again as more matches arrive (recently used first), reusing its rows: a row found
      // a moment before could then hold another command. So the click waits until the rows stop changing.
      await listSettled(page);
      await option.click({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt >= 3 || (await input.isVisible())) throw error;
    }
  }
}

/** Waits until the labels of the open quick pick are the same for three reads in a row (100 ms apart, 3 s at most). */
async function listSettled(page: Page): Promise<void> {
  const labels = () =>
    quickInput(page)
      .locator('.monaco-list-row')
      .allInnerTexts()
      .then((texts) => texts.join('\n'));
  let last = await labels();
  let same = 0;
  for (const deadline = Date.now() + 3000; same < 2 && Date.now() < deadline;) {
    await page.waitForTimeout(100);
    const now = await labels();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Rows of the open quick pick whose label is `label` (exact by default; rows are options or checkboxes). */
export function quickItem(page: Page, label: Label, { exact = true }: { exact?: boolean } = {}): Locator {
  // Matched on the whole label: the part that matches the typed filter is a highlighted element of its own, so an
  // exact text match on elements inside the label would take "Copy Tags as JSON" (highlight "Copy Tag") for "Copy Tag".
  const text =
    typeof label === 'string' && exact ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
  return quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.quick-input-list-row').first().locator('.label-name').filter({ hasText: text }) });
}

/** Picks an entry in the open quick pick: types `label` to filter the (virtual) list, then clicks the entry. */
export async function pickQuickItem(page: Page, label: Label, options?: { exact?: boolean }): Promise<void> {
  await quickInput(page)
    .locator('input')
    .first()
    .fill(typeof label === 'string' ? label : '');
  const row = quickItem(page, label, options).first();
  await row.waitFor();
  await listSettled(page);
  await row.click();
}

/** In a multi-select quick pick: ticks the entries with these labels, then accepts. */
export async function pickQuickItems(page: Page, labels: Label[], options?: { exact?: boolean }): Promise<void> {
  const input = quickInput(page).locator('input').first();
  for (const label of labels) {
    await input.fill(typeof label === 'string' ? label : '');
    const row = quickItem(page, label, options).first();
    await row.waitFor();
    await listSettled(page);
    if ((await row.getAttribute('aria-checked')) !== 'true') await row.locator('.monaco-checkbox').first().click();
  }
  await input.fill('');
  await input.press('Enter');
}

/**
 * Opens the notifications center. With the smoke-test driver on (needed for the `payload` URL parameter)
 * VS Code does not pop up toasts; every notification still lands in the center, so tests read it there.
 */
export async function showNotifications(page: Page): Promise<Locator> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await runPaletteCommand(page, 'Notifications: Show Notifications');
  await center.waitFor();
  return center;
}

/** Waits for a notification whose text matches `text` (string or RegExp); returns its locator. */
export async function waitForNotification(
  page: Page,
  text: Label,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<Locator> {
  const center = await showNotifications(page);
  const item = center.locator('.notification-list-item').filter({ hasText: text }).first();
  await item.waitFor({ timeout });
  return item;
}

/** The messages of all notifications so far. */
export async function notificationMessages(page: Page): Promise<string[]> {
  const center = await showNotifications(page);
  return center.locator('.notification-list-item-message').allInnerTexts();
}

export async function hideNotifications(page: Page): Promise<void> {
  if (await page.locator('.notifications-center').isVisible()) await page.keyboard.press('Escape');
}

/** The text on the clipboard, read in the page as a paste would read it. */
export function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Saves `test-results/NAME.png`; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
