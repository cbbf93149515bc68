// Scenarios 1 and 2: what the tree loads, through ResourceStore, as the extension runs it.
import type { ResourceStore } from '../../../src/aws/resourceStore';
import { AWS_QUOTAS } from '../../emulator/quotas';
import type { CallRecord } from '../../emulator/types';
import { processingRows } from '../emulatorCost';
import { allSecrets, firstSecretsPage, keysListed, keysWithDetails, type Limit } from '../limits';
import { median, serverSeconds, timed } from '../measure';
import { ours } from '../ours';
import { naiveKeys, naiveListSecrets } from '../peers/naive';
import type { BenchContext, Row } from '../types';

export function row(scenario: string, oursS: number, limit: Limit, peers: Row['peers'], extra: Partial<Row> = {}): Row {
  return {
    scenario,
    ours_s: oursS,
    limit_s: limit.seconds,
    ratio: oursS / limit.seconds,
    peers,
    limit_formula: limit.formula,
    ...extra,
  };
}

/** Keeps the last loaded stores reachable, so the heap figure counts what the tree would hold. */
export interface Held {
  stores: Array<ResourceStore | undefined>;
}

const ms = (seconds: number): string => `${(seconds * 1000).toFixed(1)} ms`;

function serverNote(server: number, oursS: number, what: string): string {
  return `emulator response times along ${what}: ${server.toFixed(3)} s (latency + its own processing); ours / that = ${(oursS / server).toFixed(2)}x`;
}

export async function listSecretsScenario(ctx: BenchContext, held: Held): Promise<Row[]> {
  const { account, emulator, latency } = ctx;
  const runs: Array<{
    first: number;
    all: number;
    cpu: number;
    emulatorCpu: number;
    serverFirst: number;
    serverAll: number;
    pages: number;
    throttled: number;
  }> = [];
  const pageCalls: CallRecord[] = [];
  for (let i = 0; i < ctx.options.sizes.repeats; i++) {
    await emulator.reset(account.seed);
    const o = await ours(emulator.url);
    const store = o.newStore();
    const emulatorCpu = emulator.cpuSeconds() ?? NaN;
    const run = store.loadSecrets();
    const t = await timed(async () => {
      const page = await timed(() => run.firstPage);
      await run.done;
      return page.seconds;
    });
    if (store.secrets.status !== 'done' || store.secrets.items.size !== account.listedSecrets) {
      throw new Error(
        `scenario 1 listed ${store.secrets.items.size} of ${account.listedSecrets} secrets (${store.secrets.status})`,
      );
    }
    const calls = await emulator.calls({ op: 'secretsmanager.ListSecrets' });
    pageCalls.push(...calls);
    runs.push({
      first: t.value,
      all: t.seconds,
      cpu: t.cpuSeconds,
      emulatorCpu: (emulator.cpuSeconds() ?? NaN) - emulatorCpu,
      serverFirst: calls[0].durationMs / 1000,
      serverAll: serverSeconds(calls),
      pages: calls.length,
      throttled: calls.filter((c) => c.outcome === 'ThrottlingException').length,
    });
    o.destroy();
    held.stores[0] = store;
  }
  const m = (pick: (r: (typeof runs)[number]) => number): number => median(runs.map(pick));
  const pages = runs[0].pages;
  ctx.say(
    `1  ours: first page ${m((r) => r.first).toFixed(3)} s, all ${m((r) => r.all).toFixed(3)} s (${pages} ListSecrets; ` +
      `${m((r) => r.throttled)} throttled; emulator ${m((r) => r.serverAll).toFixed(3)} s of it; client CPU ${m((r) => r.cpu).toFixed(3)} s, emulator CPU ${m((r) => r.emulatorCpu).toFixed(3)} s)`,
  );

  await emulator.reset(account.seed);
  const naive = await naiveListSecrets(emulator.url);
  if (naive.count !== account.listedSecrets) throw new Error(`naive peer listed ${naive.count} secrets`);
  ctx.say(`1  naive: first page ${naive.firstPage.toFixed(3)} s, all ${naive.all.toFixed(3)} s`);

  let cliFirst: number | null = null;
  let cliAll: number | null = null;
  if (ctx.cli) {
    await emulator.reset(account.seed);
    // What a user runs to see one page: without --no-paginate the CLI prints nothing until it has every page.
    cliFirst = (await ctx.cli.run(['secretsmanager', 'list-secrets', '--no-paginate'])).seconds;
    const full = await ctx.cli.run(['secretsmanager', 'list-secrets']);
    const listed = (JSON.parse(full.stdout) as { SecretList: unknown[] }).SecretList.length;
    if (listed !== account.listedSecrets) throw new Error(`the AWS CLI listed ${listed} secrets`);
    cliAll = full.seconds;
    ctx.say(`1  aws cli: first page ${cliFirst.toFixed(3)} s, all ${cliAll.toFixed(3)} s`);
  }
  const n = account.listedSecrets.toLocaleString('en-US');
  const first = m((r) => r.first);
  const all = m((r) => r.all);
  return [
    row(
      `1a ${n} secrets: first page`,
      first,
      firstSecretsPage(latency),
      { naive_s: naive.firstPage, aws_cli_s: cliFirst },
      {
        calls: 1,
        server_chain_s: m((r) => r.serverFirst),
        notes: [
          `median of ${runs.length}, fresh clients with credentials resolved (as Connections.build leaves them): includes the TCP connect`,
          serverNote(
            m((r) => r.serverFirst),
            first,
            'the first call',
          ),
          'aws cli: list-secrets --no-paginate (one page)',
        ],
      },
    ),
    row(
      `1b ${n} secrets with tags: all`,
      all,
      allSecrets(account.listedSecrets, latency),
      { naive_s: naive.all, aws_cli_s: cliAll },
      {
        calls: pages,
        client_cpu_s: m((r) => r.cpu),
        notes: [
          serverNote(
            m((r) => r.serverAll),
            all,
            // Past the first page the listing runs in parallel chains by name prefix: a sum, not one chain.
            `the ${pages} ListSecrets calls (summed; they run in parallel chains)`,
          ),
          `${pages} ListSecrets calls, ${m((r) => r.throttled)} of them ThrottlingException; the quota alone needs ` +
            `${pages} / ${AWS_QUOTAS['secretsmanager.ListSecrets']}/s = ${(pages / AWS_QUOTAS['secretsmanager.ListSecrets']).toFixed(3)} s ` +
            '(one NextToken chain alone would need every page one after the other)',
          `client CPU ${m((r) => r.cpu).toFixed(3)} s (${ms(m((r) => r.cpu) / pages)} a page of 100: SDK parsing + store); ` +
            `emulator process CPU ${m((r) => r.emulatorCpu).toFixed(3)} s (row 1c: its processing per page)`,
          'aws cli: list-secrets (paginates itself; prints when all pages are in)',
        ],
      },
    ),
    ...processingRows(ctx.say, '1c', `pages of 100 over ${n} secrets`, pageCalls, 'secretsmanager.ListSecrets'),
  ];
}

export async function listKeysScenario(ctx: BenchContext, held: Held): Promise<Row[]> {
  const { account, emulator, latency } = ctx;
  const runs: Array<{
    listed: number;
    done: number;
    cpu: number;
    emulatorCpu: number;
    serverListed: number;
    calls: number;
  }> = [];
  const detailCalls: CallRecord[] = [];
  const loadOnce = async (
    detailConcurrency?: number,
  ): Promise<{ store: ResourceStore; run: (typeof runs)[number]; log: CallRecord[] }> => {
    await emulator.reset(account.seed);
    const o = await ours(emulator.url);
    const store = o.newStore(detailConcurrency);
    const emulatorCpu = emulator.cpuSeconds() ?? NaN;
    const t = await timed(async () => {
      const run = store.loadKeys();
      const l = await timed(() => run.listed);
      await run.done;
      return l.seconds;
    });
    o.destroy();
    const detailed = [...store.keys.items.values()].filter(
      (k) => k.keyState !== undefined && k.tags !== undefined,
    ).length;
    if (store.keys.status !== 'done' || detailed !== account.customerKeys) {
      throw new Error(
        `scenario 2 detailed ${detailed} of ${account.customerKeys} customer keys (${store.keys.status})`,
      );
    }
    const calls = await emulator.calls();
    const chain = (op: string): number => serverSeconds(calls.filter((c) => c.op === op));
    const serverListed = Math.max(chain('kms.ListKeys'), chain('kms.ListAliases'));
    const run = {
      listed: t.value,
      done: t.seconds,
      cpu: t.cpuSeconds,
      emulatorCpu: (emulator.cpuSeconds() ?? NaN) - emulatorCpu,
      serverListed,
      calls: calls.length,
    };
    return { store, run, log: calls };
  };
  for (let i = 0; i < ctx.options.sizes.repeats; i++) {
    const { store, run, log } = await loadOnce();
    detailCalls.push(...log);
    runs.push(run);
    held.stores[1] = store;
  }
  const m = (pick: (r: (typeof runs)[number]) => number): number => median(runs.map(pick));
  const calls = runs[0].calls;
  ctx.say(
    `2  ours: listed ${m((r) => r.listed).toFixed(3)} s, with details ${m((r) => r.done).toFixed(3)} s ` +
      `(${calls} calls, client CPU ${m((r) => r.cpu).toFixed(3)} s, emulator CPU ${m((r) => r.emulatorCpu).toFixed(3)} s)`,
  );
  // What-if for the design: the same load with more details in flight than the tree's 16.
  const wide = (await loadOnce(64)).run;
  ctx.say(
    `2  ours with detail concurrency 64: ${wide.done.toFixed(3)} s (client CPU ${wide.cpu.toFixed(3)} s, emulator CPU ${wide.emulatorCpu.toFixed(3)} s)`,
  );

  await emulator.reset(account.seed);
  const naive = await naiveKeys(ctx.emulator.url);
  ctx.say(`2  naive: listed ${naive.listed.toFixed(3)} s, with details ${naive.seconds.toFixed(3)} s`);

  let cliListed: number | null = null;
  let cliAll: number | null = null;
  const cliNotes: string[] = [];
  if (ctx.cli) {
    await emulator.reset(account.seed);
    const keys = await ctx.cli.run(['kms', 'list-keys']);
    const aliases = await ctx.cli.run(['kms', 'list-aliases']);
    cliListed = keys.seconds + aliases.seconds;
    const awsManaged = new Set(
      (JSON.parse(aliases.stdout) as { Aliases: Array<{ AliasName: string; TargetKeyId?: string }> }).Aliases.filter(
        (a) => a.AliasName.startsWith('alias/aws/') && a.TargetKeyId,
      ).map((a) => a.TargetKeyId),
    );
    const customer = (JSON.parse(keys.stdout) as { Keys: Array<{ KeyId: string; KeyArn: string }> }).Keys.filter(
      (k) => !awsManaged.has(k.KeyId),
    );
    if (customer.length !== account.customerKeys) throw new Error(`the AWS CLI found ${customer.length} customer keys`);
    const sample = customer.slice(0, ctx.options.sizes.cliKeySample);
    const perKey = await ctx.cli.sequence(
      sample.flatMap((k) => [
        ['kms', 'describe-key', '--key-id', k.KeyArn],
        ['kms', 'list-resource-tags', '--key-id', k.KeyArn],
      ]),
    );
    cliAll = cliListed + (perKey / sample.length) * customer.length;
    cliNotes.push(
      'aws cli: list-keys + list-aliases, then describe-key + list-resource-tags per customer key: ' +
        `EXTRAPOLATED from ${sample.length} of ${customer.length} keys (${ms(perKey / sample.length)} a key)`,
    );
    ctx.say(`2  aws cli: listed ${cliListed.toFixed(3)} s, with details ${cliAll.toFixed(1)} s (extrapolated)`);
  }
  const k = account.keys.toLocaleString('en-US');
  const c = account.customerKeys.toLocaleString('en-US');
  const listed = m((r) => r.listed);
  const done = m((r) => r.done);
  const cpu = m((r) => r.cpu);
  return [
    row(
      `2a ${k} KMS keys with aliases: listed`,
      listed,
      keysListed(account.keys, account.aliases, latency),
      {
        naive_s: naive.listed,
        aws_cli_s: cliListed,
      },
      {
        server_chain_s: m((r) => r.serverListed),
        notes: [
          'ResourceStore.loadKeys().listed: the tree shows every key here',
          serverNote(
            m((r) => r.serverListed),
            listed,
            'the longer of the ListKeys and ListAliases chains',
          ),
        ],
      },
    ),
    row(
      `2b + tags and states of ${c} customer keys`,
      done,
      keysWithDetails(account.aliases, account.customerKeys, account.taggedKeys, latency),
      {
        naive_s: naive.seconds,
        aws_cli_s: cliAll,
      },
      {
        calls,
        client_cpu_s: cpu,
        notes: [
          `ResourceStore.loadKeys().done, up to 96 DescribeKey in flight as the tree runs it; median of ${runs.length}`,
          `client CPU ${cpu.toFixed(3)} s for ${calls} calls (${ms(cpu / calls)} a call): one core cannot issue them faster than that; ` +
            `emulator process CPU ${m((r) => r.emulatorCpu).toFixed(3)} s (${ms(m((r) => r.emulatorCpu) / calls)} a call; rows 2c and 2d: its processing per call)`,
          `what-if detail concurrency 64: ${wide.done.toFixed(3)} s (client CPU ${wide.cpu.toFixed(3)} s, emulator CPU ${wide.emulatorCpu.toFixed(3)} s)`,
          ...cliNotes,
        ],
      },
    ),
    ...processingRows(ctx.say, '2c', `${k} keys`, detailCalls, 'kms.DescribeKey'),
    ...processingRows(ctx.say, '2d', `${k} keys`, detailCalls, 'kms.ListResourceTags'),
  ];
}
