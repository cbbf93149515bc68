// What the UI specs share: the browser, server and emulator started by run.mts, and a hook that gives each
// test a fresh workbench window with the extension loaded and the emulator back at its seed.
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { openWorkbench, screenshot, type WorkbenchWindow } from '../browser.mjs';
import type { EmulatorHandle } from '../emulator.mjs';
import type { ServerHandle } from '../server.mjs';

export interface Harness {
  browser: Browser;
  server: ServerHandle;
  emulator: EmulatorHandle;
  /** The server's throwaway HOME (its `~/.aws` holds the AWS config the extension reads). */
  home: string;
  /** Receives each window's page console, with the title of the test it belongs to. */
  onConsole?: (title: string, message: ConsoleMessage) => void;
  /** null (the package tier): the extension installed from its .vsix, not the source folder. */
  extensionDevelopmentPath?: null;
}

/** The current test's window; set by the hooks of useWorkbench() while a test runs. */
export interface WorkbenchState {
  page: Page;
  emulator: EmulatorHandle;
  window: WorkbenchWindow;
}

let harness: Harness | undefined;

/** Called by run.mts before the specs run. */
export function setHarness(value: Harness): void {
  harness = value;
}

export function getHarness(): Harness {
  if (!harness) throw new Error('UI specs run through `npm run test:vscode` (test/vscode/run.mts)');
  return harness;
}

/**
 * Registers beforeEach/afterEach hooks; the returned object's `page` is the current test's window and
 * `emulator` its admin client. A failed test leaves `test-results/<title>-failed.png`.
 */
export function useWorkbench(): WorkbenchState {
  // Filled in before each test and emptied after it.
  const state: Partial<WorkbenchState> = {};
  globalThis.beforeEach(async function () {
    const { browser, server, emulator, onConsole, extensionDevelopmentPath } = getHarness();
    await emulator.reset();
    state.emulator = emulator;
    const title = this.currentTest?.fullTitle() ?? '';
    // `extensionDevelopmentPath: null` (the package tier): the extension installed from its .vsix, not the source folder.
    const development = extensionDevelopmentPath === undefined ? {} : { extensionDevelopmentPath };
    state.window = await openWorkbench(browser, server, {
      ...development,
      onConsole: onConsole && ((message) => onConsole(title, message)),
    });
    state.page = state.window.page;
  });
  globalThis.afterEach(async function () {
    // The extension must never read a secret's value: checked after every test, before the next reset clears the log.
    const reads = state.emulator ? await state.emulator.calls({ operation: 'GetSecretValue' }) : [];
    if (this.currentTest?.state === 'failed' && state.page) {
      await screenshot(state.page, `${this.currentTest.fullTitle()}-failed`).catch(() => {});
    }
    await state.window?.close().catch(() => {});
    state.window = state.page = undefined;
    if (reads.length > 0)
      throw new Error(`"${this.currentTest?.fullTitle()}": GetSecretValue was called ${reads.length} time(s)`);
  });
  const current = <K extends keyof WorkbenchState>(key: K): WorkbenchState[K] => {
    const value = state[key];
    if (value === undefined) throw new Error(`no ${key}: a workbench window is open only while a test runs`);
    return value;
  };
  return {
    get page() {
      return current('page');
    },
    get emulator() {
      return current('emulator');
    },
    get window() {
      return current('window');
    },
  };
}
