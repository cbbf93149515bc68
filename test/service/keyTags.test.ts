// KMS key tags from the Resource Groups Tagging API (GetResources, 100 keys a page) where it is allowed, and from
// ListResourceTags per key where it is not: the same tags either way, through the SDK and the emulator.
import * as assert from 'node:assert/strict';
import { KeyTagIndex } from '../../src/aws/keyTagIndex';
import { KmsService } from '../../src/aws/kms';
import { RecentWrites } from '../../src/aws/recentWrites';
import { ResourceStore } from '../../src/aws/resourceStore';
import { TagWriter } from '../../src/aws/tagWriter';
import type { Seed, SeedKey } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';
import { MemoryHistory, SCOPE } from './writes';

const ACCOUNT = '123456789012';
const keyId = (i: number): string => `5a5a5a5a-0000-4000-8000-${String(i).padStart(12, '0')}`;
const arnOf = (i: number): string => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId(i)}`;
const KEYS = 230;
const MANAGED = '7e7e7e7e-2222-4222-8222-222222222222';

/** Over two pages of tagged keys, with never-tagged keys and keys whose tags were all removed among them. */
function seed(): Seed {
  const keys: SeedKey[] = Array.from({ length: KEYS }, (_, i) => ({
    id: keyId(i),
    tags: i % 5 === 0 ? undefined : i % 7 === 0 ? {} : { Team: `team-${i}`, ...(i % 2 ? { Odd: '' } : {}) },
  }));
  keys.push({ id: MANAGED, aliases: ['alias/aws/s3'], manager: 'AWS', tags: { Managed: 'by-aws' } });
  return { regions: { [REGION]: { keys } } };
}

describe('service layer against the emulator: KMS key tags from the Tagging API', function () {
  this.timeout(60_000);
  let h: Harness;
  const ops = (op: string) => h.emulator.calls({ op });

  /** What KMS itself answers for every customer key, by ARN. */
  async function kmsTags(): Promise<Map<string, string[]>> {
    const plain = new KmsService(h.clients.kms, REGION);
    const all = await Promise.all(
      Array.from({ length: KEYS }, async (_, i) => [arnOf(i), (await plain.listTags(arnOf(i))).map(show)] as const),
    );
    return new Map(all);
  }
  const show = (t: { key: string; value: string }) => `${t.key}=${t.value}`;
  const storeTags = (store: ResourceStore) =>
    new Map(
      [...store.keys.items.values()].filter((k) => k.keyManager !== 'AWS').map((k) => [k.arn, k.tags?.map(show)]),
    );

  async function load(store = h.newStore()): Promise<ResourceStore> {
    await store.loadKeys().done;
    assert.equal(store.keys.status, 'done', String(store.keys.error));
    return store;
  }

  before(async () => {
    h = await startHarness(seed());
  });
  after(() => stopHarness(h));
  beforeEach(() => {
    h.emulator.reset(seed());
    h.logger.lines.length = 0;
  });

  it('reads every key’s tags from GetResources pages, and only DescribeKey per key', async () => {
    const store = await load();
    const pages = ops('tagging.GetResources');
    assert.equal(pages.length, 2, '184 tagged or once-tagged keys: two pages of 100');
    assert.equal(ops('kms.ListResourceTags').length, 0);
    assert.equal(ops('kms.DescribeKey').length, KEYS);
    const expected = await kmsTags();
    assert.deepEqual(storeTags(store), expected);
    assert.deepEqual(storeTags(store).get(arnOf(0)), [], 'never tagged: not on the pages, no tags');
    assert.deepEqual(storeTags(store).get(arnOf(7)), [], 'tagged once, all removed: listed with an empty set');
    assert.deepEqual(storeTags(store).get(arnOf(1)), ['Team=team-1', 'Odd=']);
  });

  it('reads an AWS managed key’s tags with ListResourceTags: GetResources never lists those keys', async () => {
    const store = await load(
      new ResourceStore(SCOPE, h.services, { ...storeOptions, skipAwsManagedKeyDetails: false }),
    );
    const managed = [...store.keys.items.values()].find((k) => k.keyId === MANAGED);
    assert.deepEqual(managed?.tags?.map(show), ['Managed=by-aws']);
    assert.deepEqual(
      ops('kms.ListResourceTags').map((c) => c.resource),
      [`arn:aws:kms:${REGION}:${ACCOUNT}:key/${MANAGED}`],
    );
  });

  it('falls back to ListResourceTags per key when tag:GetResources is denied, logged once, until a Refresh', async () => {
    h.emulator.allowOnlyActions(['kms:*']);
    const services = { ...h.services, kms: new KmsService(h.clients.kms, REGION, index(h)) };
    const store = await load(new ResourceStore(SCOPE, services, storeOptions));
    assert.deepEqual(
      ops('tagging.GetResources').map((c) => c.outcome),
      ['AccessDeniedException'],
    );
    assert.equal(ops('kms.ListResourceTags').length, KEYS);
    assert.deepEqual(storeTags(store), await kmsTags());
    const logged = h.logger.lines.filter((l) => /tag:GetResources failed/.test(l));
    assert.deepEqual(logged, [
      'Reading KMS key tags per key with kms:ListResourceTags: tag:GetResources failed (AccessDeniedException).',
    ]);
    // A relist of the same scope does not ask again, and says nothing more.
    h.emulator.clearCalls();
    store.resetKeys();
    await load(store);
    assert.equal(ops('tagging.GetResources').length, 0);
    assert.equal(ops('kms.ListResourceTags').length, KEYS);
    assert.equal(h.logger.lines.filter((l) => /tag:GetResources failed/.test(l)).length, 1);
    // A Refresh opens the scope anew: allowed again, the Tagging API is used again.
    h.emulator.allowOnlyActions(null);
    h.emulator.clearCalls();
    const refreshed = { ...h.services, kms: new KmsService(h.clients.kms, REGION, index(h)) };
    await load(new ResourceStore(SCOPE, refreshed, storeOptions));
    assert.equal(ops('tagging.GetResources').length, 2);
    assert.equal(ops('kms.ListResourceTags').length, 0);
  });

  it('falls back on any failure of the chain, such as a server error on GetResources', async () => {
    h.emulator.addFault({
      service: 'tagging',
      operation: 'GetResources',
      error: 'InternalServiceException',
      status: 500,
    });
    const services = { ...h.services, kms: new KmsService(h.clients.kms, REGION, index(h)) };
    const store = await load(new ResourceStore(SCOPE, services, storeOptions));
    assert.ok(ops('tagging.GetResources').every((c) => c.outcome === 'InternalServiceException'));
    assert.deepEqual(storeTags(store), await kmsTags());
  });

  it('a key removed from while GetResources lags is read with ListResourceTags: the tag does not come back', async () => {
    const recent = new RecentWrites();
    const store = await load(new ResourceStore(SCOPE, h.services, storeOptions, recent));
    h.emulator.setReadLag({ ms: 60_000, operations: ['tagging.GetResources'] });
    const writer = new TagWriter(new MemoryHistory(), { storeOf: () => store, settleMs: 1_000 });
    const target = store.keys.items.get(arnOf(1))!;
    const [outcome] = await writer.write([{ store, resource: target, remove: ['Team'], set: [] }]);
    assert.equal(outcome.status, 'applied');
    // A full Refresh: a new store of the same window lists again while the Tagging API still has the old tags.
    h.emulator.clearCalls();
    const refreshed = await load(new ResourceStore(SCOPE, h.services, storeOptions, recent));
    assert.deepEqual(refreshed.keys.items.get(arnOf(1))?.tags?.map(show), ['Odd=']);
    assert.deepEqual(
      ops('kms.ListResourceTags').map((c) => c.resource),
      [arnOf(1)],
      'only the key written is read per key',
    );
    assert.deepEqual(refreshed.keys.items.get(arnOf(3))?.tags?.map(show), ['Team=team-3', 'Odd=']);
  });
});

const storeOptions = { includePlannedDeletion: false, skipAwsManagedKeyDetails: true };

function index(h: Harness): KeyTagIndex {
  return new KeyTagIndex(h.clients.tagging, h.logger);
}
