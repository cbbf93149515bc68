import { paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import * as assert from 'node:assert/strict';
import { SECRET_NAME_CHARACTERS } from '../../src/aws/secretNamePartition';
import type { SecretResource } from '../../src/aws/types';
import type { Seed } from '../emulator/types';
import { createClients } from '../../src/aws/clients';
import { SecretsService } from '../../src/aws/secrets';
import { CapturingLogger, REGION, startHarness, stopHarness, type Harness } from './harness';

/**
 * The oldest 100 secrets (the first page) under four first characters, then names under every documented first
 * character, names AWS services or older rules left outside it, and secrets planned for deletion among them.
 */
function spreadSeed(): Seed {
  const head = ['a', 'B', '/', '9'].flatMap((c) => Array.from({ length: 25 }, (_, i) => ({ name: `${c}head-${i}` })));
  const spread = [...SECRET_NAME_CHARACTERS].flatMap((c, i) => [
    { name: `${c}` },
    { name: `${c}${c}-${i}` },
    { name: `${c}/deleted-${i}`, deleted: i % 3 === 0 },
  ]);
  const outside = ['!bang', 'é-accent', ' space', '~tilde', 'rds!db-1'].map((name) => ({ name, tags: { Odd: 'yes' } }));
  return { regions: { 'us-east-1': { secrets: [...head, ...spread, ...outside] } } };
}

describe('service layer against the emulator: listing in parallel chains by name prefix', () => {
  let h: Harness;
  before(async () => (h = await startHarness(spreadSeed())));
  after(() => stopHarness(h));

  async function viaChains(includePlannedDeletion: boolean): Promise<{ arns: string[]; more: boolean[] }> {
    const arns: string[] = [];
    const more: boolean[] = [];
    for await (const page of h.services.secrets.listPages({ includePlannedDeletion })) {
      arns.push(...page.secrets.map((s: SecretResource) => s.arn));
      more.push(page.more);
    }
    return { arns, more };
  }

  async function oneWalk(IncludePlannedDeletion: boolean): Promise<string[]> {
    const arns: string[] = [];
    for await (const page of paginateListSecrets({ client: h.clients.secrets }, { IncludePlannedDeletion }))
      arns.push(...(page.SecretList ?? []).map((s) => s.ARN ?? ''));
    return arns;
  }

  for (const includePlannedDeletion of [false, true]) {
    it(`lists exactly what one unfiltered walk lists, each secret once (planned deletion ${includePlannedDeletion ? 'included' : 'left out'})`, async () => {
      const mark = h.emulator.calls().length;
      const { arns, more } = await viaChains(includePlannedDeletion);
      const calls = h.emulator.calls().slice(mark);
      const expected = await oneWalk(includePlannedDeletion);

      assert.equal(new Set(arns).size, arns.length, 'a secret was yielded twice');
      assert.deepEqual([...arns].sort(), [...expected].sort());
      const seeded = spreadSeed().regions['us-east-1'].secrets ?? [];
      assert.equal(arns.length, seeded.filter((s) => includePlannedDeletion || !s.deleted).length);
      // Only the last page says the listing is complete.
      assert.deepEqual(more, [...more.slice(0, -1).map(() => true), false]);

      // The split happened: one unfiltered first page, then a chain per prefix and one for the rest.
      const filters = calls.map((c) => JSON.stringify(c.filters ?? []));
      assert.equal(filters[0], '[]');
      for (const prefix of ['a', 'B', '/', '9']) {
        assert.ok(filters.includes(JSON.stringify([{ Key: 'name', Values: [prefix] }])), prefix);
      }
      assert.ok(filters.includes(JSON.stringify([{ Key: 'name', Values: ['!/', '!9', '!B', '!a'] }])));
    });
  }

  it('fails the listing when one chain fails, stops the other chains and leaves no rejection unhandled', async () => {
    const clients = createClients(
      { profile: undefined, region: REGION },
      { endpointUrl: h.emulator.url, logger: new CapturingLogger(), maxAttempts: 1 },
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): number => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const listing = new SecretsService(clients.secrets, REGION).listPages();
      assert.equal((await listing.next()).value?.more, true);
      // The next ListSecrets is the first call of one chain; the others are in flight or paced behind it.
      h.emulator.addFault({ service: 'secretsmanager', operation: 'ListSecrets', action: 'error', times: 1 });
      await assert.rejects(async () => {
        for (;;) if ((await listing.next()).done) break;
      }, /InternalServiceError|internal/i);
      const atFailure = h.emulator.calls({ op: 'secretsmanager.ListSecrets' }).length;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(h.emulator.calls({ op: 'secretsmanager.ListSecrets' }).length, atFailure, 'a chain kept calling');
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      clients.destroy();
    }
  });

  it('keeps one walk when a filter of the user is set', async () => {
    const mark = h.emulator.calls().length;
    const names: string[] = [];
    for await (const page of h.services.secrets.listPages({ filters: [{ Key: 'tag-key', Values: ['Odd'] }] }))
      names.push(...page.secrets.map((s) => s.name));
    assert.deepEqual(names.sort(), [' space', '!bang', 'rds!db-1', '~tilde', 'é-accent']);
    const calls = h.emulator.calls().slice(mark);
    assert.ok(calls.every((c) => JSON.stringify(c.filters) === '[{"Key":"tag-key","Values":["Odd"]}]'));
  });
});
