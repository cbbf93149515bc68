// `npm run test:vscode`: the extension in a real VS Code (the VS Code server in headless Chromium), offline,
// against the AWS emulator. Runs the extension-host suite, then the UI specs in test/vscode/ui/, and ends
// with one line `N passed, N failed`. Logs go to test-results/vscode-logs/ (server logs kept on failure).
// Options: --grep PATTERN, --suite-only, --ui-only, --headed, --readme-screenshots (the UI specs rewrite media/),
// --vsix FILE (the package tier: that .vsix installed with --install-extension, the specs of test/vscode/package/).
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import type { Browser } from 'playwright-core';
import { RESULTS_DIR, launchBrowser, openWorkbench } from './browser.mjs';
import { emulatorEnv, startEmulator, type EmulatorHandle } from './emulator.mjs';
import { isRecord, messageOf } from './narrow.mjs';
import { installSignalHandlers, onCleanup, removeDir, runCleanups, runCommand, withTimeout } from './processes.mjs';
import { ROOT, prepareServer, startServer, type ServerHandle } from './server.mjs';
import { setHarness } from './ui/workbench.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    'suite-only': { type: 'boolean', default: false },
    'ui-only': { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
    'readme-screenshots': { type: 'boolean', default: false },
    // The package tier: install this .vsix into the server and run the specs of test/vscode/package/ against it.
    vsix: { type: 'string' },
  },
});
// Read by saveReadmeScreenshot in the UI steps, which run in this process.
if (options['readme-screenshots']) process.env.AWS_TAGS_README_SCREENSHOTS = '1';

// Every step has its own limit, and the whole run one more, so that CI never hangs.
const DEADLINE_MS = Number(process.env.AWS_TAGS_VSCODE_DEADLINE_S ?? 1500) * 1000;
const SUITE_TIMEOUT_MS = 240_000;
const UI_TEST_TIMEOUT_MS = 90_000;
// Both as in suite/index.ts.
const RESULT_PREFIX = 'extension-host suite result:';
const REPORT_PREFIX = '[suite] ';
const SUITE_PATH = join(ROOT, 'out', 'test', 'suite', 'index.js');
const LOGS_DIR = join(RESULTS_DIR, 'vscode-logs');

const counts = { passed: 0, failed: 0 };
const started = Date.now();

function step(message: string): void {
  console.log(`\n[vscode] ${message} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
}

function logTo(file: string): (line: string) => void {
  const path = join(LOGS_DIR, file);
  return (line) => appendFileSync(path, `${line}\n`);
}

/** The counts the suite reports in its result line (see suite/index.ts). */
type SuiteResult = Partial<Record<'passes' | 'failures' | 'pending', number>>;

function parseSuiteResult(json: string): SuiteResult {
  const parsed: unknown = JSON.parse(json);
  const result: SuiteResult = {};
  if (!isRecord(parsed)) return result;
  for (const key of ['passes', 'failures', 'pending'] as const) {
    const value = parsed[key];
    if (typeof value === 'number') result[key] = value;
  }
  return result;
}

async function runExtensionHostSuite(browser: Browser, server: ServerHandle): Promise<void> {
  step('extension-host suite');
  const write = logTo('extension-host.log');
  let result: SuiteResult | undefined;
  // Everything the workbench logs arrives here; only the suite's reporter lines are echoed.
  const onLog = (type: string, text: string) => {
    write(`[${type}] ${text}`);
    const index = text.indexOf(RESULT_PREFIX);
    if (index >= 0) result = parseSuiteResult(text.slice(index + RESULT_PREFIX.length));
    else if (text.startsWith(REPORT_PREFIX)) console.log(text.slice(REPORT_PREFIX.length));
  };
  const window = await openWorkbench(browser, server, { extensionTestsPath: SUITE_PATH, onLog });
  let exitCode: number | undefined;
  try {
    exitCode = await withTimeout(window.exitCode, SUITE_TIMEOUT_MS, 'extension-host suite');
  } catch (error) {
    console.error(`  ${messageOf(error)}`);
  } finally {
    await window.close().catch(() => {});
  }
  counts.passed += result?.passes ?? 0;
  counts.failed += result?.failures ?? 0;
  // A suite that crashed, timed out or never reported counts as one failure.
  if (exitCode !== 0 && !result?.failures) counts.failed += 1;
  console.log(`  exit code ${exitCode ?? 'none'}; ${result ? JSON.stringify(result) : 'no result reported'}`);
}

async function runUiSpecs(
  browser: Browser,
  server: ServerHandle,
  emulator: EmulatorHandle,
  home: string,
): Promise<void> {
  step(options.vsix ? `specs of the installed ${options.vsix}` : 'UI specs');
  const dir = join(ROOT, 'test', 'vscode', options.vsix ? 'package' : 'ui');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.test.mts'))
    .sort();
  const consoleLog = logTo('ui-console.log');
  setHarness({
    browser,
    server,
    emulator,
    home,
    onConsole: (title, message) => consoleLog(`[${title}] [${message.type()}] ${message.text()}`),
    ...(options.vsix ? { extensionDevelopmentPath: null } : {}),
  });
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: UI_TEST_TIMEOUT_MS,
    color: Boolean(process.stdout.isTTY) && !process.env.CI,
  });
  if (options.grep) mocha.grep(options.grep);
  for (const name of files) mocha.addFile(join(dir, name));
  await mocha.loadFilesAsync();
  const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  // Mocha's types allow a runner without stats: that counts as a failure, not as nothing run.
  counts.passed += stats?.passes ?? 0;
  counts.failed += stats?.failures ?? 1;
}

async function main(): Promise<void> {
  installSignalHandlers();
  removeDir(LOGS_DIR);
  mkdirSync(LOGS_DIR, { recursive: true });
  // Failure screenshots of an earlier run would be mistaken for this one's.
  for (const name of readdirSync(RESULTS_DIR)) if (name.endsWith('-failed.png')) rmSync(join(RESULTS_DIR, name));

  if (options.vsix) {
    if (!existsSync(resolve(ROOT, options.vsix)))
      throw new Error(`no package at ${options.vsix}: run npm run package first`);
  } else {
    step('build');
    await runCommand(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, timeoutMs: 180_000 });
    if (!existsSync(SUITE_PATH)) throw new Error(`the build did not produce ${SUITE_PATH}`);
  }

  step('prepare the VS Code server');
  await prepareServer({ installTimeoutMs: 420_000 });

  step('start the AWS emulator');
  const emulator = await startEmulator({ onLine: logTo('emulator.log') });
  onCleanup(emulator.stop);
  const { env, home, dispose } = emulatorEnv(emulator, options.grep ? { AWS_TAGS_TEST_GREP: options.grep } : {});
  onCleanup(dispose);

  step('start the VS Code server');
  const serverLog = logTo('vscode-server.log');
  const installExtensions = options.vsix ? [resolve(ROOT, options.vsix)] : [];
  const server = await startServer({ env, quiet: true, onLine: serverLog, timeoutMs: 90_000, installExtensions });
  onCleanup(async () => {
    if (counts.failed > 0 && existsSync(server.logsDir))
      cpSync(server.logsDir, join(LOGS_DIR, 'server-logs'), { recursive: true });
    await server.stop();
  });

  const browser = await launchBrowser({ headless: !options.headed });
  onCleanup(() => browser.close());

  if (!options['ui-only'] && !options.vsix) await runExtensionHostSuite(browser, server);
  if (!options['suite-only']) await runUiSpecs(browser, server, emulator, home);
}

let finished = false;
async function finish(): Promise<void> {
  if (finished) return;
  finished = true;
  await runCleanups();
  if (counts.failed > 0) console.log('\nlogs and screenshots: test-results/');
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed > 0 ? 1 : 0);
}

const deadline = setTimeout(() => {
  console.error(`\n[vscode] the run exceeded ${DEADLINE_MS / 1000}s`);
  counts.failed += 1;
  void finish();
}, DEADLINE_MS);
deadline.unref();

try {
  await main();
} catch (error) {
  if (!finished) {
    console.error(`\n[vscode] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    counts.failed += 1;
  }
}
clearTimeout(deadline);
await finish();
