// Headless Chromium (Debian's, through playwright-core) showing the VS Code workbench: its windows, their
// screenshots and clipboard. The actions in a window, phrased as a person would do them, are in tree.mts and
// prompts.mts.
// Functions given to evaluate() run in the page: the DOM library types them (in every file of the test project).
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
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
