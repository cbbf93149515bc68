// Scenarios 3 and 4: Remove Tag through the write path (a read before, one UntagResource per resource, a read-back).
import { mapWithConcurrency } from '../../../src/aws/concurrency';
import type { ScopeServices } from '../../../src/aws/resourceStore';
import type { RemovalRequest } from '../../../src/aws/tagRemoval';
import { removeTags } from '../../service/writes';
import type { KmsKeyResource, SecretResource } from '../../../src/aws/types';
import { AWS_QUOTAS } from '../../emulator/quotas';
import type { CallRecord } from '../../emulator/types';
import { processingRows } from '../emulatorCost';
import { removeMany, removeOne } from '../limits';
import { median, serverSeconds, timed } from '../measure';
import { ours } from '../ours';
import { naiveRemove, type Target } from '../peers/naive';
import type { BenchContext, Row } from '../types';
import { row } from './listing';

/** Every generated secret and customer key is tagged Team, except the few never tagged. */
const TAG = 'Team';

/** The first `n` secrets and `m` enabled customer keys carrying the tag, read the way the tree reads them (untimed). */
async function findTargets(
  services: ScopeServices,
  n: number,
  m: number,
): Promise<{ secrets: SecretResource[]; keys: KmsKeyResource[] }> {
  const secrets: SecretResource[] = [];
  for await (const page of services.secrets.listPages()) {
    secrets.push(...page.secrets.filter((s) => !s.owningService && s.tags?.some((t) => t.key === TAG)));
    if (secrets.length >= n) break;
  }
  const customer = (await services.kms.listKeys()).filter((k) => k.keyManager !== 'AWS');
  const keys: KmsKeyResource[] = [];
  // Bounded: a little over m keys are read at a time until m qualify or the keys run out.
  for (let offset = 0; keys.length < m && offset < customer.length; offset += m * 2) {
    const batch = await mapWithConcurrency(customer.slice(offset, offset + m * 2), 16, (k) => services.kms.details(k));
    for (const r of batch)
      if (r.value?.keyState === 'Enabled' && r.value.tags?.some((t) => t.key === TAG)) keys.push(r.value);
  }
  if (secrets.length < n || keys.length < m)
    throw new Error(`only ${secrets.length} secrets and ${keys.length} keys carry the tag ${TAG}`);
  return { secrets: secrets.slice(0, n), keys: keys.slice(0, m) };
}

const request = (resource: SecretResource | KmsKeyResource): RemovalRequest => ({
  resource,
  tags: (resource.tags ?? []).filter((t) => t.key === TAG),
});

const target = (resource: SecretResource | KmsKeyResource): Target => ({
  kind: resource.kind,
  arn: resource.arn,
  tagKey: TAG,
});

/** The AWS CLI's commands for one resource: untag-resource, then the read-back the extension also does. */
function cliCommands(t: Target): string[][] {
  return t.kind === 'secret'
    ? [
        ['secretsmanager', 'untag-resource', '--secret-id', t.arn, '--tag-keys', t.tagKey],
        ['secretsmanager', 'describe-secret', '--secret-id', t.arn],
      ]
    : [
        ['kms', 'untag-resource', '--key-id', t.arn, '--tag-keys', t.tagKey],
        ['kms', 'list-resource-tags', '--key-id', t.arn],
      ];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function removeOneScenario(ctx: BenchContext): Promise<Row[]> {
  const { emulator, account, latency } = ctx;
  const repeats = ctx.options.sizes.repeats;
  await emulator.reset(account.seed);
  const o = await ours(emulator.url);
  const found = await findTargets(o.services, repeats, repeats);
  const rows: Row[] = [];
  for (const [label, resources] of [
    ['secret', found.secrets],
    ['KMS key', found.keys],
  ] as const) {
    const times: number[] = [];
    const calls: number[] = [];
    const server: number[] = [];
    for (const resource of resources) {
      // Spaced beyond the pacer's interval (KMS UntagResource: 5/s), so each run is a removal on its own.
      await sleep(300);
      await emulator.clearCalls();
      const t = await timed(() => removeTags(o.services, [request(resource)]));
      const outcome = t.value[0];
      if (outcome.status !== 'removed' || outcome.current?.tags?.some((tag) => tag.key === TAG)) {
        throw new Error(`scenario 3: ${resource.arn} ended ${outcome.status}`);
      }
      times.push(t.seconds);
      const log = await emulator.calls();
      calls.push(log.length);
      server.push(serverSeconds(log));
    }
    ctx.say(`3  ours (${label}): ${times.map((x) => x.toFixed(3)).join(', ')} s; calls ${calls.join(', ')}`);

    await emulator.reset(account.seed);
    const naive = await naiveRemove(emulator.url, resources.map(target));
    let cli: number | null = null;
    if (ctx.cli) {
      await emulator.reset(account.seed);
      const runs: number[] = [];
      // Each process costs about a second: a few runs are enough for the median.
      const cliRuns = ctx.options.quick ? 1 : 3;
      for (const resource of resources.slice(0, cliRuns))
        runs.push(await ctx.cli.sequence(cliCommands(target(resource))));
      cli = median(runs);
    }
    const ourS = median(times);
    const limit = removeOne(latency);
    rows.push(
      row(
        `3${label === 'secret' ? 'a' : 'b'} remove 1 tag from 1 ${label}`,
        ourS,
        limit,
        { naive_s: median(naive.each), aws_cli_s: cli },
        {
          calls: Math.max(...calls),
          server_chain_s: median(server),
          target: `within 1 latency of read + untag + read-back (<= ${((limit.seconds + latency) * 1000).toFixed(0)} ms), faster than the AWS CLI`,
          met: ourS - limit.seconds <= latency && (cli === null || ourS < cli),
          notes: [
            `median of ${times.length}, warm connections (the tree has loaded); calls = read before + UntagResource + read-back`,
            `emulator response times of the three calls: ${median(server).toFixed(3)} s; ours / that = ${(ourS / median(server)).toFixed(2)}x`,
            ...(cli === null
              ? []
              : ['aws cli: untag-resource, then describe-secret / list-resource-tags (the same read-back)']),
          ],
        },
      ),
    );
    await emulator.reset(account.seed);
  }
  o.destroy();
  return rows;
}

export async function removeManyScenario(ctx: BenchContext): Promise<Row[]> {
  const { emulator, account, latency } = ctx;
  const sizes = ctx.options.sizes;
  await emulator.reset(account.seed);
  const setup = await ours(emulator.url);
  const found = await findTargets(setup.services, sizes.removalSecrets, sizes.removalKeys);
  setup.destroy();
  const rows: Row[] = [];
  /** The emulator's own processing per UntagResource, after both rows. */
  const own: Row[] = [];
  const jobs = [
    {
      id: '4a',
      label: 'secrets',
      resources: found.secrets,
      quota: 'secretsmanager.TagResource+UntagResource',
      untag: 'secretsmanager.UntagResource',
      repeats: 3,
      processing: '4c',
    },
    // Quota-bound at 5/s, so one run is long and steady enough.
    {
      id: '4b',
      label: 'KMS keys',
      resources: found.keys,
      quota: 'kms.UntagResource',
      untag: 'kms.UntagResource',
      repeats: 1,
      processing: '4d',
    },
  ];
  for (const job of jobs) {
    const runs: Array<{
      seconds: number;
      failed: number;
      gone: number;
      throttled: number;
      untags: number;
      calls: number;
    }> = [];
    const untagCalls: CallRecord[] = [];
    for (let i = 0; i < job.repeats; i++) {
      await emulator.reset(account.seed);
      const o = await ours(emulator.url);
      const r = await timed(() => removeTags(o.services, job.resources.map(request)));
      o.destroy();
      const untags = await emulator.calls({ op: job.untag });
      untagCalls.push(...untags);
      const failed = r.value.filter((x) => x.status === 'failed').length;
      runs.push({
        seconds: r.seconds,
        failed,
        gone: r.value.filter((x) => x.status !== 'removed').length - failed,
        throttled: (await emulator.calls({ outcome: 'ThrottlingException' })).length,
        untags: untags.length,
        calls: (await emulator.calls()).length,
      });
    }
    // Errors count over every run; the time is the median run.
    const seconds = median(runs.map((r) => r.seconds));
    const limit = removeMany(job.resources.length, job.quota, latency);
    const failed = runs.reduce((n, r) => n + r.failed, 0);
    const gone = runs.reduce((n, r) => n + r.gone, 0);
    const throttled = runs.reduce((n, r) => n + r.throttled, 0);
    const { untags, calls } = runs[0];
    ctx.say(
      `4  ours (${job.label}): ${runs.map((r) => r.seconds.toFixed(3)).join(', ')} s, ${failed} failed, ${throttled} throttled at the emulator, ${calls} calls`,
    );

    await emulator.reset(account.seed);
    const naive = await naiveRemove(emulator.url, job.resources.map(target));
    const naiveThrottled = (await emulator.calls({ outcome: 'ThrottlingException' })).length;
    ctx.say(
      `4  naive (${job.label}): ${naive.seconds.toFixed(3)} s, ${naive.failed} failed, ${naiveThrottled} throttled`,
    );

    let cli: number | null = null;
    const quota = AWS_QUOTAS[job.quota];
    const burst = Math.max(0, job.resources.length - quota) / quota + 3 * latency;
    const notes = [
      `the limit counts the sustained quota; the emulator's token bucket starts full (one second of requests), so a client ` +
        `spending that burst could finish in (N - ${quota}) / ${quota}/s + 3 x latency = ${burst.toFixed(3)} s (ours / that = ${(seconds / burst).toFixed(2)}x)`,
      `TagWriter (concurrency 8, untag paced at 90% of the quota), ${runs.length === 1 ? 'one run' : `median of ${runs.length}`}: ` +
        `${failed} failed, ${gone} gone over all runs; ThrottlingException in the emulator's log: ${throttled}; ${untags} UntagResource of ${calls} calls a run`,
      `naive: ${naive.failed} failed after the SDK's retries, ${naiveThrottled} ThrottlingException`,
    ];
    if (ctx.cli) {
      await emulator.reset(account.seed);
      const sample = job.resources.slice(0, sizes.cliRemovalSample);
      const total = await ctx.cli.sequence(sample.flatMap((r) => cliCommands(target(r))));
      cli = (total / sample.length) * job.resources.length;
      notes.push(
        `aws cli: untag-resource + read-back per resource: EXTRAPOLATED from ${sample.length} of ${job.resources.length}`,
      );
      ctx.say(`4  aws cli (${job.label}): ${cli.toFixed(1)} s (extrapolated from ${sample.length})`);
    }
    rows.push(
      row(
        `${job.id} remove 1 tag from ${job.resources.length} ${job.label}`,
        seconds,
        limit,
        { naive_s: naive.seconds, aws_cli_s: cli },
        {
          calls,
          notes,
          target: 'ratio <= 1.25, zero failures surfaced, faster than the AWS CLI',
          met: failed === 0 && seconds <= 1.25 * limit.seconds && (cli === null || seconds < cli),
        },
      ),
    );
    own.push(...processingRows(ctx.say, job.processing, `${job.resources.length} ${job.label}`, untagCalls, job.untag));
  }
  await emulator.reset(account.seed);
  return [...rows, ...own];
}
