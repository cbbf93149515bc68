// The write path against the AWS that really exists: calls applied whose answer is lost (reset, 500, hang past the
// timeout, on every attempt), reads that lag behind writes, and both at once. The outcome must come from reading
// AWS back, the value taken away must stay restorable, and the store (the tree) must show what AWS holds.
import * as assert from 'node:assert/strict';
import { RecentWrites } from '../../src/aws/recentWrites';
import { ResourceStore } from '../../src/aws/resourceStore';
import { TagWriter, type TagChange } from '../../src/aws/tagWriter';
import type { AwsResource, KmsKeyResource, SecretResource } from '../../src/aws/types';
import type { FaultAction, Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';
import { MemoryHistory, SCOPE, writerFor } from './writes';

const KEY = '5a5a5a5a-1111-4111-8111-111111111111';

function seed(): Seed {
  return {
    regions: {
      [REGION]: {
        secrets: [{ name: 'prod/db', tags: { Team: 'payments', Environment: 'prod' }, lastChangedDaysAgo: 3 }],
        keys: [{ id: KEY, aliases: ['alias/payments-data'], tags: { Team: 'payments', CostCenter: '42' } }],
      },
    },
  };
}

const LOSSES: Array<{ action: FaultAction; what: string }> = [
  { action: 'reset', what: 'a reset' },
  { action: 'error', what: 'a 500' },
  { action: 'hang', what: 'a hang past the timeout' },
];

describe('write path: answers lost after AWS applied the change, and lagging reads', function () {
  this.timeout(60_000);
  let h: Harness;
  let store: ResourceStore;
  let history: MemoryHistory;
  before(async () => {
    // Short timeouts and two attempts, so a hang on every attempt ends in a few seconds.
    h = await startHarness(seed(), { maxAttempts: 2, requestTimeoutMs: 400 });
  });
  after(() => stopHarness(h));
  beforeEach(async () => {
    h.emulator.reset(seed());
    history = new MemoryHistory();
    store = h.newStore();
    await Promise.all([store.loadSecrets().done, store.loadKeys().done]);
  });

  const secret = () => [...store.secrets.items.values()].find((s) => s.name === 'prod/db') as SecretResource;
  const key = () => store.keys.items.get(`arn:aws:kms:${REGION}:123456789012:key/${KEY}`) as KmsKeyResource;
  const removal = (resource: AwsResource, ...keys: string[]): TagChange => ({ store, resource, remove: keys, set: [] });
  const setting = (resource: AwsResource, k: string, value: string): TagChange => ({
    store,
    resource,
    remove: [],
    set: [{ key: k, value }],
  });
  const shownTags = (resource: AwsResource) =>
    Object.fromEntries((store.find(resource.arn)?.tags ?? []).map((t) => [t.key, t.value]));
  const onAws = (resource: AwsResource) =>
    resource.kind === 'secret' ? h.emulator.secretTags(resource.arn) : h.emulator.keyTags(KEY);

  for (const service of ['secretsmanager', 'kms'] as const) {
    const resourceOf = () => (service === 'secretsmanager' ? secret() : key());
    for (const { action, what } of LOSSES) {
      it(`${service} UntagResource applied, then ${what} on every attempt: applied, value restorable, tree truthful`, async () => {
        h.emulator.addFault({ service, operation: 'UntagResource', action, hangMs: 1_000, when: 'after' });
        const [outcome] = await writerFor(store, history).write([removal(resourceOf(), 'Team')]);
        assert.equal(onAws(resourceOf()).Team, undefined, 'AWS applied the untag');
        assert.equal(outcome.status, 'applied');
        assert.ok(outcome.error, 'the call itself failed');
        assert.deepEqual(
          history.entries.map((e) => [e.tags, e.status]),
          [[[{ key: 'Team', value: 'payments' }], 'removed']],
        );
        assert.equal(shownTags(resourceOf()).Team, undefined, 'the tree shows the tag gone');
      });

      it(`${service} TagResource applied, then ${what}: applied, the overwritten value recorded`, async () => {
        h.emulator.addFault({ service, operation: 'TagResource', action, hangMs: 1_000, when: 'after' });
        const [outcome] = await writerFor(store, history).write([setting(resourceOf(), 'Team', 'web')]);
        assert.equal(onAws(resourceOf()).Team, 'web');
        assert.equal(outcome.status, 'applied');
        assert.deepEqual(
          history.entries.map((e) => [e.change, e.tags, e.status]),
          [['overwrite', [{ key: 'Team', value: 'payments' }], 'replaced']],
        );
        assert.equal(shownTags(resourceOf()).Team, 'web');
      });
    }
  }

  it('reads the value AWS holds just before the call, not the listed one, and records that', async () => {
    const listed = key();
    h.emulator.mutate({ op: 'tagKey', keyId: KEY, tags: { Team: 'changed-meanwhile' } });
    await writerFor(store, history).write([removal(listed, 'Team')]);
    assert.deepEqual(history.entries[0].tags, [{ key: 'Team', value: 'changed-meanwhile' }]);
  });

  it('a stale KMS read-back after the untag is read again until it shows the change; the tree never shows the tag', async () => {
    h.emulator.setReadLag({ ms: 800 });
    const redrawn: string[][] = [];
    store.onDidChange((c) => c.kind === 'resource' && redrawn.push((c.resource.tags ?? []).map((t) => t.key)));
    const [outcome] = await writerFor(store, history, 3_000).write([removal(key(), 'Team')]);
    assert.equal(outcome.status, 'applied');
    assert.ok(!outcome.current?.tags?.some((t) => t.key === 'Team'));
    assert.ok(
      h.emulator.calls({ op: 'kms.ListResourceTags' }).length >= 3,
      'read before, then read back more than once',
    );
    assert.ok(
      redrawn.every((keys) => !keys.includes('Team')),
      `the tree never showed Team again: ${JSON.stringify(redrawn)}`,
    );
  });

  it('lost answer and lagging reads at once: still applied once a read shows it', async () => {
    h.emulator.setReadLag({ ms: 600 });
    h.emulator.addFault({ service: 'kms', operation: 'UntagResource', action: 'reset', when: 'after' });
    const [outcome] = await writerFor(store, history, 3_000).write([removal(key(), 'Team')]);
    assert.equal(outcome.status, 'applied');
    assert.equal(history.entries[0].status, 'removed');
  });

  it('a lagging read that outlasts the wait after a lost answer: not shown as removed, but the value stays restorable', async () => {
    h.emulator.setReadLag({ ms: 10_000 });
    h.emulator.addFault({ service: 'kms', operation: 'UntagResource', action: 'reset', when: 'after' });
    const [outcome] = await writerFor(store, history, 500).write([removal(key(), 'Team')]);
    assert.equal(outcome.status, 'notApplied');
    assert.equal(history.entries[0].status, 'unknown', 'Restore offers it: the read may still be lagging');
  });

  it('no read possible after a lost answer: unknown, and the value stays restorable', async () => {
    h.emulator.setLatency({ ms: 0, perOperation: { 'secretsmanager.UntagResource': { ms: 200 } } });
    h.emulator.addFault({ service: 'secretsmanager', operation: 'UntagResource', action: 'reset', when: 'after' });
    const pending = writerFor(store, history, 300).write([removal(secret(), 'Team')]);
    // The read before the call answers; once the untag is under way, every read is reset.
    await waitFor(() => h.emulator.calls({ op: 'secretsmanager.DescribeSecret' }).length > 0);
    h.emulator.addFault({ service: 'secretsmanager', operation: 'DescribeSecret', action: 'reset' });
    const [outcome] = await pending;
    assert.equal(outcome.status, 'unknown');
    assert.deepEqual(
      history.entries.map((e) => [e.tags, e.status]),
      [[[{ key: 'Team', value: 'payments' }], 'unknown']],
    );
  });

  it('AWS refusing the call (access denied): not applied, history failed, the read-back shown', async () => {
    h.emulator.denyUntagTagKey('Team');
    const [outcome] = await writerFor(store, history).write([removal(secret(), 'Team')]);
    assert.equal(outcome.status, 'notApplied');
    assert.equal(history.entries[0].status, 'failed');
    assert.equal(shownTags(secret()).Team, 'payments');
  });

  it('a second, identical change while the first is under way is not sent again', async () => {
    h.emulator.setLatency({ ms: 0, perOperation: { 'kms.UntagResource': { ms: 300 } } });
    const writer = writerFor(store, history);
    const [a, b] = await Promise.all([writer.write([removal(key(), 'Team')]), writer.write([removal(key(), 'Team')])]);
    assert.deepEqual([a[0].status, b[0].status, b[0].skipReason], ['applied', 'skipped', 'inFlight']);
    assert.equal(h.emulator.calls({ op: 'kms.UntagResource' }).length, 1);
  });

  it('stale KMS details after a Refresh during a removal: the removed tag does not come back on screen', async () => {
    const shared = new RecentWrites();
    const first = new ResourceStore(
      SCOPE,
      h.services,
      { includePlannedDeletion: false, skipAwsManagedKeyDetails: true },
      shared,
    );
    await first.loadKeys().done;
    let shown = first;
    h.emulator.setReadLag({ ms: 8_000, operations: ['kms.ListResourceTags', 'kms.DescribeKey'] });
    const writer = new TagWriter(history, { storeOf: () => shown, settleMs: 1_000 });
    const target = first.keys.items.get(`arn:aws:kms:${REGION}:123456789012:key/${KEY}`)!;
    const removing = writer.write([{ store: first, resource: target, remove: ['Team'], set: [] }]);
    await waitFor(() => h.emulator.calls({ op: 'kms.UntagResource' }).length > 0);
    // A full Refresh: a new store lists and describes the key while its reads still lag.
    shown = new ResourceStore(
      SCOPE,
      h.services,
      { includePlannedDeletion: false, skipAwsManagedKeyDetails: true },
      shared,
    );
    await shown.loadKeys().done;
    await removing;
    assert.ok(!shown.keys.items.get(target.arn)?.tags?.some((t) => t.key === 'Team'), 'after the removal ends');
    shown.resetKeys();
    await shown.loadKeys().done;
    assert.deepEqual(
      shown.keys.items.get(target.arn)?.tags?.map((t) => t.key),
      ['CostCenter'],
      'a later lagging listing of the details still cannot bring it back',
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
