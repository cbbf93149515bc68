// What the UI specs share: the browser, server and emulator started by run.mts, and a hook that gives each
// test a fresh workbench window with the extension loaded and the emulator back at its seed.
import { openWorkbench, screenshot } from '../browser.mjs';

let harness;

/** Called by run.mts before the specs run: { browser, server, emulator, onConsole?, extensionDevelopmentPath? }. */
export function setHarness(value) {
  harness = value;
}

export function getHarness() {
  if (!harness) throw new Error('UI specs run through `npm run test:vscode` (test/vscode/run.mts)');
  return harness;
}

/**
 * Registers beforeEach/afterEach hooks; the returned object's `page` is the current test's window and
 * `emulator` its admin client ({ url, admin(), reset(), calls() }). A failed test leaves `test-results/<title>-failed.png`.
 */
export function useWorkbench() {
  const state = { page: undefined, emulator: undefined, window: undefined };
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
  return state;
}
