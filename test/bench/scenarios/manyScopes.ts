// Scenarios 6b and 6c: twenty accounts in four regions each, all listed at once through the extension's code path
// (ResourceStore per scope, one CallGate shared by all, as Connections builds them). Each account is its own
// emulator process, so ARNs, quotas and state are per account as on AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CallGate, GLOBAL_CALL_LIMIT } from '../../../src/aws/callGate';
import type { ResourceStore } from '../../../src/aws/resourceStore';
import { generateSeed } from '../../emulator/generate-seed';
import type { Seed } from '../../emulator/types';
import { EmulatorProcess } from '../emulatorProcess';
import { keysWithDetails, allSecrets, type Limit } from '../limits';
import { timed } from '../measure';
import { ours, type Ours } from '../ours';
import { AwsCli } from '../peers/awsCli';
import { naiveKeys, naiveListSecrets } from '../peers/naive';
import type { BenchContext, Row } from '../types';

const ACCOUNTS = 20;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const LAG_TARGET_MS = 50;
const LAG_RESOLUTION_MS = 10;

function accountSeed(index: number, secrets: number, keys: number): Seed {
  const seed = generateSeed({ secrets, customerKeys: keys, awsManagedKeys: 0, regions: REGIONS, seed: 100 + index });
  for (const region of Object.values(seed.regions)) for (const s of region.secrets ?? []) delete s.deleted;
  return { ...seed, accountId: String(210000000000 + index) };
}

/**
 * The least time with the one bound on calls in flight that the extension keeps: every call waits its latency with
 * at most `bound` in flight, and no scope can finish before its own chains (ListSecrets pages, key details).
 */
function manyScopesLimit(
  calls: number,
  perScope: { secrets: number; aliases: number; keys: number; taggedKeys: number },
  latency: number,
): Limit {
  const { secrets, aliases, keys, taggedKeys } = perScope;
  const bound = (calls * latency) / GLOBAL_CALL_LIMIT;
  const chain = Math.max(
    allSecrets(secrets, latency).seconds,
    keysWithDetails(aliases, keys, taggedKeys, latency).seconds,
  );
  const seconds = Math.max(bound, chain);
  return {
    seconds,
    formula:
      `max(${calls} calls x ${Math.round(latency * 1000)} ms / ${GLOBAL_CALL_LIMIT} in flight, ` +
      `one scope's chains ${chain.toFixed(3)} s) = ${seconds.toFixed(3)} s`,
  };
}

export async function manyScopesScenario(ctx: BenchContext, root: string): Promise<Row[]> {
  const quick = ctx.options.quick;
  const perScope = { secrets: quick ? 100 : 500, keys: quick ? 20 : 100 };
  const scopes = ACCOUNTS * REGIONS.length;
  ctx.say(`6b: starting ${ACCOUNTS} emulators (one per account), ${REGIONS.length} regions each`);
  const emulators = await Promise.all(
    Array.from({ length: ACCOUNTS }, () => EmulatorProcess.start(root, ctx.options.latencyMs)),
  );
  const opened: Ours[] = [];
  try {
    await Promise.all(emulators.map((e, i) => e.reset(accountSeed(i, perScope.secrets, perScope.keys))));
    const gate = new CallGate(GLOBAL_CALL_LIMIT);
    const stores: ResourceStore[] = [];
    for (const emulator of emulators) {
      for (const region of REGIONS) {
        const o = await ours(emulator.url, { region, gate });
        opened.push(o);
        stores.push(o.newStore());
      }
    }
    await Promise.all(emulators.map((e) => e.clearCalls()));
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const run = await timed(() => Promise.all(stores.flatMap((s) => [s.loadSecrets().done, s.loadKeys().done])));
    lag.disable();
    for (const s of stores) {
      const detailed = [...s.keys.items.values()].filter((k) => k.tags !== undefined).length;
      if (s.secrets.status !== 'done' || s.secrets.items.size !== perScope.secrets || detailed !== perScope.keys) {
        throw new Error(`6b: ${s.scope.region} listed ${s.secrets.items.size} secrets, ${detailed} detailed keys`);
      }
    }
    const logs = await Promise.all(emulators.map((e) => e.calls()));
    const calls = logs.reduce((n, log) => n + log.length, 0);
    const aliases = logs[0].filter((c) => c.op === 'kms.ListAliases' && c.region === REGIONS[0]).length * 100;
    const seedKeys = accountSeed(0, perScope.secrets, perScope.keys).regions[REGIONS[0]].keys ?? [];
    const taggedKeys = seedKeys.filter((k) => Object.keys(k.tags ?? {}).length > 0).length;
    const limit = manyScopesLimit(calls, { ...perScope, aliases, taggedKeys }, ctx.latency);
    // The histogram holds each timer's interval, the resolution included: the lag is what exceeds it.
    const p99 = lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS;
    const max = lag.max / 1e6 - LAG_RESOLUTION_MS;
    ctx.say(
      `6b: ${scopes} scopes in ${run.seconds.toFixed(3)} s (${calls} calls, client CPU ${run.cpuSeconds.toFixed(3)} s, ` +
        `peak ${gate.peakInFlight} in flight); 6c: event-loop lag p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );

    // Peers: one scope, timed, then times the number of scopes (they would take hours one call at a time).
    const first = emulators[0];
    await first.reset(accountSeed(0, perScope.secrets, perScope.keys));
    const naiveSecrets = await naiveListSecrets(first.url);
    const naiveKeyRun = await naiveKeys(first.url);
    const naive = (naiveSecrets.all + naiveKeyRun.seconds) * scopes;
    let cli: number | null = null;
    const cliNotes: string[] = [];
    if (ctx.cli) {
      const scratch = mkdtempSync(join(tmpdir(), 'aws-tags-bench-6b-'));
      const one = await (async (c: AwsCli) => {
        const listed = await c.sequence([
          ['secretsmanager', 'list-secrets'],
          ['kms', 'list-keys'],
          ['kms', 'list-aliases'],
        ]);
        const keyIds = JSON.parse((await c.run(['kms', 'list-keys'])).stdout) as { Keys: Array<{ KeyId: string }> };
        const sample = keyIds.Keys.slice(0, ctx.options.sizes.cliKeySample);
        const perKey = await c.sequence(
          sample.flatMap((k) => [
            ['kms', 'describe-key', '--key-id', k.KeyId],
            ['kms', 'list-resource-tags', '--key-id', k.KeyId],
          ]),
        );
        return listed + (perKey / sample.length) * perScope.keys;
      })(new AwsCli(first.url, scratch)).finally(() => rmSync(scratch, { recursive: true, force: true }));
      cli = one * scopes;
      cliNotes.push(
        `aws cli: one scope (list-secrets, list-keys, list-aliases, describe-key + list-resource-tags per key, ` +
          `${ctx.options.sizes.cliKeySample} keys timed) x ${scopes}: ${one.toFixed(1)} s a scope`,
      );
    }
    const cpuFloor = run.cpuSeconds;
    const bound = Math.max(limit.seconds, cpuFloor);
    const ratio = run.seconds / limit.seconds;
    return [
      {
        scenario: `6b ${scopes} scopes (${ACCOUNTS} accounts x ${REGIONS.length} regions, ${perScope.secrets} secrets + ${perScope.keys} keys each) all listed`,
        ours_s: run.seconds,
        limit_s: limit.seconds,
        ratio,
        peers: { naive_s: naive, aws_cli_s: cli },
        limit_formula: limit.formula,
        calls,
        client_cpu_s: cpuFloor,
        target: `ratio <= 1.25 of max(limit, client CPU ${cpuFloor.toFixed(3)} s), faster than the peers`,
        met: run.seconds <= 1.25 * bound && run.seconds < naive && (cli === null || run.seconds < cli),
        notes: [
          `client CPU ${cpuFloor.toFixed(3)} s for ${calls} calls (${((cpuFloor / calls) * 1000).toFixed(2)} ms a call): ` +
            `one event loop cannot issue them faster; ours / that = ${(run.seconds / cpuFloor).toFixed(2)}x`,
          `one CallGate of ${GLOBAL_CALL_LIMIT} for all scopes; peak ${gate.peakInFlight} in flight`,
          `naive SDK: one scope one call at a time (${(naive / scopes).toFixed(2)} s) x ${scopes}`,
          ...cliNotes,
        ],
      },
      {
        scenario: `6c event-loop lag p99 while the ${scopes} scopes of 6b load (under Node)`,
        ours_s: null,
        limit_s: null,
        ratio: null,
        peers: { naive_s: null, aws_cli_s: null },
        value: p99,
        unit: 'ms',
        target: `p99 <= ${LAG_TARGET_MS} ms`,
        met: p99 <= LAG_TARGET_MS,
        notes: [
          `perf_hooks.monitorEventLoopDelay every ${LAG_RESOLUTION_MS} ms, less those ${LAG_RESOLUTION_MS} ms; max ${max.toFixed(1)} ms; the ${ACCOUNTS} emulator processes share the cores`,
        ],
      },
    ];
  } finally {
    for (const o of opened) o.destroy();
    await Promise.all(emulators.map((e) => e.stop()));
  }
}
