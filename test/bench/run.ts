// npm run bench [-- --quick] [--latency-ms N] [--only 1,2,...] [--no-cli]
// Runs the scenarios of issue 7 against the emulator (latency per call, AWS quotas on) and writes
// bench-results/<time>.json and bench-results/latest.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { account, type Account } from './accounts';
import { activationScenario } from './activation';
import { accessImpactScenario, withIam } from './scenarios/accessImpact';
import { manyScopesScenario } from './scenarios/manyScopes';
import { restartScenario } from './scenarios/restart';
import { EmulatorProcess } from './emulatorProcess';
import { round, settledHeapMb } from './measure';
import { ours, useEmulatorCredentials } from './ours';
import { AwsCli, awsCliVersion } from './peers/awsCli';
import { listKeysScenario, listSecretsScenario, type Held } from './scenarios/listing';
import { removeManyScenario, removeOneScenario } from './scenarios/removal';
import type { BenchContext, BenchOptions, Row, Sizes } from './types';

const FULL: Sizes = {
  secrets: 10_000,
  customerKeys: 1_500,
  awsManagedKeys: 500,
  removalSecrets: 200,
  removalKeys: 100,
  cliKeySample: 20,
  cliRemovalSample: 10,
  repeats: 5,
};

// Small enough for under two minutes on two shared cores, large enough that paging and quotas still show.
const QUICK: Sizes = {
  secrets: 2_000,
  customerKeys: 300,
  awsManagedKeys: 100,
  removalSecrets: 40,
  removalKeys: 20,
  cliKeySample: 2,
  cliRemovalSample: 2,
  repeats: 3,
};

/**
 * What the stores of scenarios 1 and 2 hold, by difference: the heap with them, then without each (after full
 * collections), so that compiled code and the SDK's own caches, which come and go, are not counted as data.
 */
function heapRows(held: Held, base: number, after1: number | undefined, after2: number | undefined): Row[] {
  const none = { naive_s: null, aws_cli_s: null };
  const rows: Row[] = [];
  // Counts only: a reference kept here would keep the store alive.
  const secrets = held.stores[0]?.secrets.items.size;
  const keys = held.stores[1]?.keys.items.size;
  const withBoth = settledHeapMb();
  held.stores[1] = undefined;
  const withSecrets = settledHeapMb();
  held.stores[0] = undefined;
  const without = settledHeapMb();
  const where = 'src/aws under Node with the stores the tree reads (not the extension host)';
  if (secrets !== undefined) {
    rows.push({
      scenario: `5d heap held after scenario 1 (${secrets.toLocaleString('en-US')} secrets)`,
      ours_s: null,
      limit_s: null,
      ratio: null,
      peers: none,
      value: withSecrets - without,
      unit: 'MB',
      notes: [
        `${where}; process heapUsed after GC ${after1?.toFixed(1)} MB after scenario 1, ${base.toFixed(1)} MB before it`,
      ],
    });
  }
  if (keys !== undefined) {
    rows.push({
      scenario: `5e heap held after scenario 2 (${keys.toLocaleString('en-US')} keys)`,
      ours_s: null,
      limit_s: null,
      ratio: null,
      peers: none,
      value: withBoth - withSecrets,
      unit: 'MB',
      notes: [`${where}; process heapUsed after GC ${after2?.toFixed(1)} MB after scenarios 1 and 2`],
    });
  }
  return rows;
}

/** The full run measures at both; `--latency-ms N` measures at N only. */
const LATENCIES_MS = [20, 80];

function parseArgs(argv: string[]): BenchOptions & { only: Set<string>; latencies: number[] } {
  const quick = argv.includes('--quick');
  let latencyMs: number | undefined;
  let only = new Set(['1', '2', '3', '4', '5', '6', '7']);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--latency-ms') {
      latencyMs = Number(inline ?? argv[++i]);
      if (!Number.isFinite(latencyMs) || latencyMs < 1) throw new Error('--latency-ms needs a number of at least 1');
    } else if (flag === '--only') only = new Set((inline ?? argv[++i] ?? '').split(','));
    else if (flag !== '--quick' && flag !== '--no-cli') throw new Error(`unknown option ${argv[i]}`);
  }
  const latencies = latencyMs === undefined ? LATENCIES_MS : [latencyMs];
  return {
    quick,
    latencyMs: latencies[0],
    latencies,
    sizes: quick ? QUICK : FULL,
    withCli: !argv.includes('--no-cli'),
    only,
  };
}

const sec = (v: number | null): string => (v === null ? '-' : v >= 10 ? `${v.toFixed(1)} s` : `${v.toFixed(3)} s`);

function table(rows: readonly Row[]): string {
  const head = ['scenario', 'latency', 'ours', 'limit', 'ratio', 'naive SDK', 'AWS CLI', 'target'];
  const body = rows.map((r) => [
    r.scenario,
    r.latency_ms === null || r.latency_ms === undefined ? '-' : `${r.latency_ms} ms`,
    r.ours_s === null ? `${r.value?.toFixed(2)} ${r.unit ?? ''}` : sec(r.ours_s),
    sec(r.limit_s),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`,
    sec(r.peers.naive_s),
    sec(r.peers.aws_cli_s),
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

/**
 * Targets that compare rows with their limit, their floors and the peers. A row may miss its limit only by what a
 * floor measured in the same run explains: the client's CPU time (one event loop handles every answer) or the
 * emulator's own response times along the row's critical chain.
 */
function judge(rows: Row[]): void {
  for (const r of rows) {
    if (r.ours_s === null || r.limit_s === null || r.met !== undefined) continue;
    const fasterThanCli = r.peers.aws_cli_s === null || r.ours_s < r.peers.aws_cli_s;
    const fasterThanNaive = r.peers.naive_s === null || r.ours_s < r.peers.naive_s;
    const floor = Math.max(r.limit_s, r.client_cpu_s ?? 0, r.server_chain_s ?? 0);
    const within = r.ours_s <= 1.25 * floor;
    const bound = floor > r.limit_s ? `the measured floor ${floor.toFixed(3)} s` : 'the limit';
    if (r.scenario.startsWith('2b')) {
      const fiveTimes = r.peers.aws_cli_s === null || r.peers.aws_cli_s / r.ours_s >= 5;
      r.target = `<= 1.25x ${bound}, >= 5x faster than the AWS CLI, faster than the naive SDK`;
      r.met = within && fiveTimes && fasterThanNaive;
    } else if (r.scenario.startsWith('3')) {
      // The naive client skips the read before the change, the one that lets Undo and Restore give a value back:
      // two calls in a row against our three, so it is reported beside ours but not a target.
      r.target = `<= 1.25x ${bound}, faster than the AWS CLI (the naive SDK makes no read before)`;
      r.met = within && fasterThanCli;
    } else {
      r.target = `<= 1.25x ${bound}, faster than the AWS CLI and the naive SDK`;
      r.met = within && fasterThanCli && fasterThanNaive;
    }
  }
}

interface RunEnv {
  root: string;
  scratch: string;
  cliVersion: string | undefined;
  acct: Account;
  say(line: string): void;
}

/**
 * Every scenario asked for, at one latency per call. The scenarios that make no AWS call (5, and 6a) run in the
 * first pass only; their rows carry no latency.
 */
async function runAtLatency(opts: BenchOptions & { only: Set<string> }, first: boolean, env: RunEnv): Promise<Row[]> {
  const { root, scratch, cliVersion, acct, say } = env;
  say(`latency ${opts.latencyMs} ms per call`);
  const emulator = await EmulatorProcess.start(root, opts.latencyMs);
  const rows: Row[] = [];
  const heap: Row[] = [];
  const noLatency = (r: Row): Row => ({ ...r, latency_ms: null });
  try {
    await emulator.reset(opts.only.has('7') ? withIam(acct.seed) : acct.seed);
    const ctx: BenchContext = {
      options: opts,
      latency: opts.latencyMs / 1000,
      emulator,
      account: acct,
      cli: cliVersion ? new AwsCli(emulator.url, scratch) : undefined,
      say,
    };
    // The SDK's modules load here, once: loading them through the TypeScript loader is not what a user waits for
    // (scenario 5 measures loading the bundle).
    const warm = await ours(emulator.url);
    for await (const page of warm.services.secrets.listPages({ pageSize: 1 })) if (page) break;
    await warm.services.kms.listKeys();
    warm.destroy();

    const held: Held = { stores: [] };
    const heapBase = settledHeapMb();
    let heapAfter1: number | undefined;
    let heapAfter2: number | undefined;
    if (opts.only.has('1')) {
      rows.push(...(await listSecretsScenario(ctx, held)));
      heapAfter1 = settledHeapMb();
    }
    if (opts.only.has('2')) {
      rows.push(...(await listKeysScenario(ctx, held)));
      heapAfter2 = settledHeapMb();
    }
    if (opts.only.has('6')) {
      if (first) rows.push(...(await restartScenario(ctx, held)).map(noLatency));
      rows.push(...(await manyScopesScenario(ctx, root)));
    }
    if (first) heap.push(...heapRows(held, heapBase, heapAfter1, heapAfter2).map(noLatency));
    if (opts.only.has('3')) rows.push(...(await removeOneScenario(ctx)));
    if (opts.only.has('4')) rows.push(...(await removeManyScenario(ctx)));
    if (opts.only.has('5') && first) rows.push(...(await activationScenario(root, scratch, 5, say)).map(noLatency));
    if (opts.only.has('7')) rows.push(...(await accessImpactScenario(ctx)));
    rows.push(...heap);
  } finally {
    await emulator.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const root = resolve(__dirname, '..', '..');
  const started = Date.now();
  const say = (line: string): void =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  const scratch = mkdtempSync(join(tmpdir(), 'aws-tags-bench-'));
  const cliVersion = opts.withCli ? awsCliVersion() : undefined;
  useEmulatorCredentials();
  const acct = account(opts.sizes);
  const loadBefore = loadavg();
  say(
    `${opts.quick ? 'QUICK run (reduced counts)' : 'full run'}: latency ${opts.latencies.join(' and ')} ms per call, AWS quotas on; ` +
      `${acct.listedSecrets} secrets, ${acct.keys} keys (${acct.customerKeys} customer), ${acct.aliases} aliases; AWS CLI: ${cliVersion ?? 'not used'}`,
  );
  const rows: Row[] = [];
  try {
    for (const [pass, latencyMs] of opts.latencies.entries()) {
      const passRows = await runAtLatency({ ...opts, latencyMs }, pass === 0, { root, scratch, cliVersion, acct, say });
      rows.push(...passRows.map((r) => ({ ...r, latency_ms: r.latency_ms === null ? null : latencyMs })));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  judge(rows);

  const mode = opts.quick ? 'QUICK (reduced counts: see each scenario name)' : 'full';
  const loadAfter = loadavg();
  console.log(
    `\nAWS Tags benchmark, ${mode}; latency ${opts.latencies.join(' and ')} ms per call; AWS quotas on; ` +
      `${cpus().length} cores, load average ${loadBefore[0].toFixed(1)} before and ${loadAfter[0].toFixed(1)} after (other work shares them)\n`,
  );
  console.log(table(rows));
  console.log('\nPhysical limits:');
  const tag = (r: Row): string => `${r.scenario.split(' ')[0]}${r.latency_ms ? ` @${r.latency_ms} ms` : ''}`;
  for (const r of rows) if (r.limit_formula) console.log(`  ${tag(r)}: ${r.limit_formula}`);
  console.log('Notes:');
  for (const r of rows) for (const n of r.notes ?? []) console.log(`  ${tag(r)}: ${n}`);

  const result = {
    generated: new Date(started).toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    scenarios: [...opts.only].sort(),
    latency_ms: opts.latencies,
    quotas: 'AWS published request quotas (emulator token buckets)',
    sizes: opts.sizes,
    machine: {
      cpus: cpus().length,
      node: process.version,
      aws_cli: cliVersion ?? null,
      loadavg_before: loadBefore,
      loadavg_after: loadAfter,
    },
    duration_s: round((Date.now() - started) / 1000, 1),
    rows: rows.map((r) => ({
      ...r,
      ours_s: round(r.ours_s, 4),
      limit_s: round(r.limit_s, 4),
      ratio: round(r.ratio, 3),
      peers: { naive_s: round(r.peers.naive_s, 4), aws_cli_s: round(r.peers.aws_cli_s, 3) },
      value: round(r.value, 3) ?? undefined,
    })),
  };
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const file = join(dir, `${result.generated.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  // A run of some scenarios only (--only) must not pass for the latest complete result.
  const complete = ['1', '2', '3', '4', '5', '6', '7'].every((n) => opts.only.has(n));
  if (complete) writeFileSync(join(dir, 'latest.json'), text);
  console.log(
    `\nWritten: bench-results/${file.slice(dir.length + 1)}${complete ? ' and bench-results/latest.json' : ''} (${result.duration_s} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
