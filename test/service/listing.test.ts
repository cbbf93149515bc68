import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import * as assert from 'node:assert/strict';
import { startHarness, stopHarness, type Harness } from './harness';
import { KEY_BARE, KEY_MANAGED, KEY_PAYMENTS, KEY_PENDING, serviceSeed } from './seed';

describe('service layer against the emulator: listing', () => {
  let h: Harness;
  before(async () => (h = await startHarness(serviceSeed())));
  after(() => stopHarness(h));
  let mark = 0;
  beforeEach(() => (mark = h.emulator.calls().length));
  const recent = () => h.emulator.calls().slice(mark);

  it('lists every secret with its tags across ListSecrets pages, leaving out secrets planned for deletion', async () => {
    const pages: number[] = [];
    const names = new Set<string>();
    const more: boolean[] = [];
    for await (const page of h.services.secrets.listPages()) {
      pages.push(page.secrets.length);
      more.push(page.more);
      for (const s of page.secrets) names.add(s.name);
    }
    assert.deepEqual(pages, [100, 100, 49]);
    assert.deepEqual(more, [true, true, false]);
    assert.equal(names.size, 249);
    assert.ok(!names.has('doomed'));
    const listCalls = recent().filter((c) => c.op === 'secretsmanager.ListSecrets');
    assert.equal(listCalls.length, 3);
  });

  it('filters by tag text ListSecrets refuses in a filter on our side: an accented key, a KMS-style key with brackets', async () => {
    const filtered = async (key: string) => {
      const store = h.newStore();
      store.setFilter({ kind: 'tagKey', key });
      await store.loadSecrets().done;
      assert.equal(store.secrets.status, 'done', `${key}: ${String(store.secrets.error)}`);
      return [...store.secrets.items.values()].filter((s) => s.tags?.some((t) => t.key === key)).map((s) => s.name);
    };
    await h.services.secrets.tag('prod/db', [{ key: 'Équipe', value: 'paiements' }]);
    try {
      assert.deepEqual(await filtered('Équipe'), ['prod/db']);
    } finally {
      await h.services.secrets.untag('prod/db', ['Équipe']);
    }
    // Valid on a KMS key, never on a secret; the filter applies to both groups, so the secrets must still list.
    assert.deepEqual(await filtered('Team (old)'), []);
  });

  it('includes secrets planned for deletion when asked, with their deletion date', async () => {
    const all = [];
    for await (const page of h.services.secrets.listPages({ includePlannedDeletion: true })) all.push(...page.secrets);
    const doomed = all.find((s) => s.name === 'doomed');
    assert.ok(doomed?.deletedDate instanceof Date);
  });

  it("reads a secret's tags, an empty value included, and a never-tagged secret as no tags", async () => {
    const db = await h.services.secrets.describe('prod/db');
    assert.deepEqual(db.tags, [
      { key: 'Environment', value: 'prod' },
      { key: 'Team', value: 'payments' },
      { key: 'Owner', value: '' },
    ]);
    assert.deepEqual((await h.services.secrets.describe('never-tagged')).tags, []);
  });

  it('lists keys with their aliases, knowing AWS managed keys by alias before DescribeKey', async () => {
    const keys = await h.services.kms.listKeys();
    assert.equal(keys.length, 4);
    const byId = new Map(keys.map((k) => [k.keyId, k]));
    assert.equal(byId.get(KEY_PAYMENTS)?.name, 'payments-data');
    assert.equal(byId.get(KEY_BARE)?.name, KEY_BARE);
    assert.equal(byId.get(KEY_MANAGED)?.keyManager, 'AWS');
    assert.ok(keys.every((k) => k.tags === undefined));
  });

  it("reads a key's state and tags by ARN", async () => {
    const keys = await h.services.kms.listKeys();
    const pending = await h.services.kms.details(keys.find((k) => k.keyId === KEY_PENDING)!);
    assert.equal(pending.keyState, 'PendingDeletion');
    assert.deepEqual(pending.tags, [{ key: 'Team', value: 'legacy' }]);
    const payments = await h.services.kms.details(keys.find((k) => k.keyId === KEY_PAYMENTS)!);
    assert.equal(payments.keyManager, 'CUSTOMER');
    assert.equal(payments.description, 'Card data');
    const tagCalls = recent().filter((c) => c.op === 'kms.ListResourceTags');
    assert.ok(
      tagCalls.every((c) => c.resource?.startsWith('arn:aws:kms:')),
      'tag calls use the key ARN',
    );
  });

  it("loads a whole scope through the store without fetching AWS managed keys' details", async () => {
    const store = h.newStore();
    await Promise.all([store.loadSecrets().done, store.loadKeys().done]);
    assert.equal(store.secrets.items.size, 249);
    assert.equal(store.keys.status, 'done');
    const described = recent()
      .filter((c) => c.op === 'kms.DescribeKey')
      .map((c) => c.resource ?? '');
    assert.equal(described.length, 3);
    assert.ok(!described.some((r) => r.includes(KEY_MANAGED)));
  });

  it('never called GetSecretValue in this suite, which the call log would show', async () => {
    assert.ok(h.emulator.calls().length > 10);
    assert.ok(!h.emulator.calls().some((c) => c.operation === 'GetSecretValue'));
    // The log does record the call when something makes it: the check above can fail.
    await h.clients.secrets.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch(() => undefined);
    assert.ok(h.emulator.calls().some((c) => c.operation === 'GetSecretValue'));
  });
});
