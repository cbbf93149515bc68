// Scenario 5: bundle size, .vsix size and activation time, with the bundle loaded under plain Node and a minimal
// `vscode` stand-in (not the extension host: its own start-up would drown the few milliseconds measured here).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { median } from './measure';
import type { Row } from './types';

export interface Bundle {
  /** The file VS Code loads at activation. */
  main: string;
  /** Every JavaScript file of the build, with its size. */
  files: Array<{ path: string; bytes: number }>;
}

/**
 * The production build, made by the project's own `node scripts/build.mjs --production` so the benchmark never
 * drifts from what ships; it runs in a scratch directory that links to the sources, so the checkout's dist/ is left alone.
 */
export function buildBundle(root: string, scratchDir: string): Bundle {
  const mirror = join(scratchDir, 'build');
  mkdirSync(mirror, { recursive: true });
  for (const name of ['src', 'scripts', 'node_modules', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(root, name))) symlinkSync(join(root, name), join(mirror, name));
  }
  const run = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], {
    cwd: mirror,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`scripts/build.mjs --production failed: ${run.stderr.slice(0, 500)}`);
  const dist = join(mirror, 'dist');
  const files: Bundle['files'] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) files.push({ path: relative(dist, path), bytes: statSync(path).size });
    }
  };
  walk(dist);
  return { main: join(dist, 'extension.js'), files };
}

// Runs in a fresh Node process per sample, so the bundle is compiled and evaluated cold each time.
// Every member the extension reaches that the stand-in lacks is reported, so a gap cannot hide.
const PROBE = String.raw`
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const [bundle, scratch] = process.argv.slice(1, 3);
const missing = new Set();
const noop = () => {};
const disposable = { dispose: noop };
class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (l) => { this.listeners.add(l); return { dispose: () => this.listeners.delete(l) }; }; }
  fire(e) { for (const l of this.listeners) l(e); }
  dispose() { this.listeners.clear(); }
}
class Disposable { constructor(f) { this.f = f; } dispose() { if (this.f) this.f(); } static from(...d) { return new Disposable(() => d.forEach((x) => x.dispose())); } }
class TreeItem { constructor(label, collapsibleState) { this.label = label; this.collapsibleState = collapsibleState; } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class ThemeColor { constructor(id) { this.id = id; } }
class CancellationError extends Error {}
const stub = (path) => { missing.add(path); return () => disposable; };
// Probes by module interop and promise checks are not API use.
const probes = new Set(['__esModule', 'default', 'then', 'toJSON']);
const watch = (obj, path) => new Proxy(obj, { get: (t, p) => (typeof p !== 'string' || p in t || probes.has(p) ? t[p] : stub(path + '.' + p)) });
const channel = watch({ name: 'AWS Tags', logLevel: 2, info: noop, warn: noop, error: noop, debug: noop, trace: noop, append: noop,
  appendLine: noop, replace: noop, clear: noop, show: noop, hide: noop, dispose: noop, onDidChangeLogLevel: () => disposable }, 'LogOutputChannel');
const treeView = watch({ dispose: noop, selection: [], visible: true, onDidChangeSelection: () => disposable,
  onDidExpandElement: () => disposable, onDidCollapseElement: () => disposable, onDidChangeVisibility: () => disposable,
  onDidChangeCheckboxState: () => disposable, reveal: async () => {} }, 'TreeView');
const configuration = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => {} };
const vscode = watch({
  EventEmitter, Disposable, TreeItem, ThemeIcon, ThemeColor, CancellationError,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  Uri: { file: (p) => ({ fsPath: p, path: p, scheme: 'file' }), joinPath: (u, ...ps) => ({ fsPath: [u.fsPath, ...ps].join('/'), path: [u.path, ...ps].join('/'), scheme: 'file' }) },
  window: watch({ createOutputChannel: () => channel, createTreeView: () => treeView, showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined, showErrorMessage: async () => undefined, showQuickPick: async () => undefined,
    withProgress: async (_o, task) => task({ report: noop }, { isCancellationRequested: false, onCancellationRequested: () => disposable }) }, 'window'),
  commands: watch({ registerCommand: () => disposable, executeCommand: async () => undefined }, 'commands'),
  // English only: no bundle, and {0}-style arguments filled in as VS Code does.
  l10n: { bundle: undefined, t: (m, ...args) => String(m).replace(/\{(\d+)\}/g, (_x, i) => String(args[Number(i)])) },
  workspace: watch({ getConfiguration: () => configuration, onDidChangeConfiguration: () => disposable }, 'workspace'),
}, 'vscode');
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const memento = { get: (_k, d) => d, update: async () => {}, keys: () => [], setKeysForSync: noop };
const uri = { fsPath: scratch, path: scratch, scheme: 'file' };
const context = watch({ subscriptions: [], extensionPath: scratch, extensionUri: uri, globalState: memento, workspaceState: memento,
  globalStorageUri: uri, storageUri: uri, logUri: uri, globalStoragePath: scratch, storagePath: scratch, logPath: scratch,
  extensionMode: 1, asAbsolutePath: (p) => scratch + '/' + p, secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => disposable } }, 'ExtensionContext');
(async () => {
  const t0 = performance.now();
  const extension = require(bundle);
  const t1 = performance.now();
  const api = extension.activate(context);
  if (api && typeof api.then === 'function') await api;
  const t2 = performance.now();
  // What the first listing pays later: the other files of the build, loaded as the extension loads them.
  const chunks = JSON.parse(process.argv[3] || '[]');
  for (const chunk of chunks) require(chunk);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, chunksMs: t3 - t2, subscriptions: context.subscriptions.length, missing: [...missing] }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface Probe {
  loadMs: number;
  activateMs: number;
  chunksMs: number;
  subscriptions: number;
  missing: string[];
}

function probe(bundle: Bundle, scratchDir: string): Promise<Probe> {
  const dist = join(bundle.main, '..');
  const chunks = bundle.files.filter((f) => f.path !== 'extension.js').map((f) => join(dist, f.path));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE, bundle.main, scratchDir, JSON.stringify(chunks)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as Probe);
      else reject(new Error(`activation probe exited with ${code}: ${err.slice(0, 500)}`));
    });
  });
}

/** The packaged extension, packaged for this run (a .vsix left in the checkout may be older than the code). */
function vsix(root: string, scratchDir: string): { bytes: number; note: string } {
  const out = join(scratchDir, 'aws-tags.vsix');
  const run = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`vsce package failed: ${run.stderr.slice(0, 500)}`);
  return { bytes: statSync(out).size, note: 'packaged for this run with vsce package --no-dependencies' };
}

export async function activationScenario(
  root: string,
  scratchDir: string,
  samples: number,
  say: (line: string) => void,
): Promise<Row[]> {
  const bundle = buildBundle(root, scratchDir);
  const mainBytes = bundle.files.find((f) => f.path === 'extension.js')?.bytes ?? 0;
  const totalBytes = bundle.files.reduce((n, f) => n + f.bytes, 0);
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
  await probe(bundle, scratchDir); // once for the file cache; not counted
  const runs: Probe[] = [];
  for (let i = 0; i < samples; i++) runs.push(await probe(bundle, scratchDir));
  const total = median(runs.map((r) => r.loadMs + r.activateMs)) / 1000;
  const load = median(runs.map((r) => r.loadMs));
  const activate = median(runs.map((r) => r.activateMs));
  const chunks = median(runs.map((r) => r.chunksMs));
  const missing = [...new Set(runs.flatMap((r) => r.missing))];
  say(
    `5  activation: load ${load.toFixed(1)} ms + activate() ${activate.toFixed(1)} ms; ` +
      `bundle ${bundle.files.map((f) => `${f.path} ${kb(f.bytes)}`).join(', ')}; the rest loads in ${chunks.toFixed(1)} ms`,
  );
  const pkg = vsix(root, scratchDir);
  const none = { naive_s: null, aws_cli_s: null };
  return [
    {
      scenario: '5a activation (bundle load + activate())',
      ours_s: total,
      limit_s: null,
      ratio: null,
      peers: none,
      target: 'under 50 ms',
      met: total < 0.05,
      notes: [
        `median of ${samples} cold Node processes: require(bundle) ${load.toFixed(1)} ms + activate() ${activate.toFixed(1)} ms; ` +
          `${runs[0].subscriptions} disposables registered`,
        'bundle loaded under plain Node with a minimal vscode stand-in (not the extension host)',
        ...(bundle.files.length > 1
          ? [
              `the other files of the build (${kb(totalBytes - mainBytes)}), required when the tree first lists: ${chunks.toFixed(1)} ms more, then`,
            ]
          : []),
        ...(missing.length ? [`stand-in members reached but not modelled: ${missing.join(', ')}`] : []),
      ],
    },
    {
      scenario: '5b production bundle size (all files)',
      ours_s: null,
      limit_s: null,
      ratio: null,
      peers: none,
      value: totalBytes / 1024 / 1024,
      unit: 'MB',
      notes: [
        `node scripts/build.mjs --production: ${bundle.files.map((f) => `dist/${f.path} ${kb(f.bytes)}`).join(', ')}`,
      ],
    },
    {
      scenario: '5c .vsix size',
      ours_s: null,
      limit_s: null,
      ratio: null,
      peers: none,
      value: pkg.bytes / 1024 / 1024,
      unit: 'MB',
      target: 'under 1.5 MB',
      met: pkg.bytes < 1.5 * 1024 * 1024,
      notes: [pkg.note],
    },
  ];
}
