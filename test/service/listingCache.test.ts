// The listing cache: a store shows the last listing at once, marked with its time, and the fresh listing from AWS
// replaces it: what changed meanwhile is updated, what is gone leaves. The file is the user's alone.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteSecretCommand, TagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { TagResourceCommand as KmsTagResourceCommand } from '@aws-sdk/client-kms';
import { ListingCache } from '../../src/aws/listingCache';
import { storeSnapshot } from '../../src/aws/storeSnapshot';
import type { Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';

const KEY = '11111111-2222-4333-8444-555555555555';
const seed = (): Seed => ({
  regions: {
    [REGION]: {
      secrets: [
        { name: 'stays', tags: { Team: 'payments' }, lastChangedDaysAgo: 3 },
        { name: 'goes', tags: { Team: 'web' } },
      ],
      keys: [{ id: KEY, aliases: ['alias/app'], tags: { Team: 'payments' } }],
    },
  },
});

describe('service layer against the emulator: the listing cache', function () {
  this.timeout(30_000);
  let h: Harness;
  let dir: string;
  let cache: ListingCache;
  const variant = () => ({ endpoint: h.emulator.url, includePlannedDeletion: false, awsManagedKeys: false });
  before(async () => {
    h = await startHarness(seed());
    dir = mkdtempSync(join(tmpdir(), 'aws-tags-listings-'));
    cache = new ListingCache(join(dir, 'listings'));
  });
  after(async () => {
    await stopHarness(h);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the cached listing at once, then the fresh one replaces it', async () => {
    const first = h.newStore();
    await Promise.all([first.loadSecrets().done, first.loadKeys().done]);
    const scope = first.scope;
    await cache.write(scope, variant(), { savedAt: 1_000, accountId: '123456789012', ...storeSnapshot(first) });
    const [file] = readdirSync(join(dir, 'listings'));
    assert.equal(statSync(join(dir, 'listings', file)).mode & 0o777, 0o600, 'readable by the user only');

    // Meanwhile on AWS: one secret deleted, one tag changed.
    await h.clients.secrets.send(new DeleteSecretCommand({ SecretId: 'goes', ForceDeleteWithoutRecovery: true }));
    await h.clients.secrets.send(
      new TagResourceCommand({ SecretId: 'stays', Tags: [{ Key: 'Team', Value: 'identity' }] }),
    );
    await h.clients.kms.send(new KmsTagResourceCommand({ KeyId: KEY, Tags: [{ TagKey: 'Team', TagValue: 'data' }] }));

    const next = h.newStore();
    const snapshot = await cache.read(scope, variant());
    assert.equal(
      await cache.read(scope, { ...variant(), includePlannedDeletion: true }),
      undefined,
      'made with other options',
    );
    assert.ok(snapshot?.secrets?.[0].lastChangedDate instanceof Date, 'dates come back as dates');
    next.showCached(snapshot!);
    assert.equal(next.secrets.cachedAt, 1_000);
    assert.deepEqual([...next.secrets.items.values()].map((s) => s.name).sort(), ['goes', 'stays']);
    assert.equal(next.keys.items.size, 1);
    assert.equal(storeSnapshot(next).secrets, undefined, 'a cached list is never saved as if read');

    await Promise.all([next.loadSecrets().done, next.loadKeys().done]);
    assert.equal(next.secrets.cachedAt, undefined);
    assert.equal(next.keys.cachedAt, undefined);
    assert.deepEqual(
      [...next.secrets.items.values()].map((s) => s.name),
      ['stays'],
      'the deleted secret left',
    );
    const stays = [...next.secrets.items.values()].find((s) => s.name === 'stays');
    assert.deepEqual(stays?.tags, [{ key: 'Team', value: 'identity' }]);
    assert.deepEqual([...next.keys.items.values()][0].tags, [{ key: 'Team', value: 'data' }], 'the key read again');
    await cache.clear();
    assert.equal(await cache.read(scope, variant()), undefined);
  });
});
