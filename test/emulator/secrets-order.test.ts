import * as assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  paginateListSecrets,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { ListSecretsCommandInput } from '@aws-sdk/client-secrets-manager';
import { generateSeed } from './generate-seed';
import { names, useEmulator } from './helpers';
import { sortedSecrets } from './secrets-index';
import type { SecretRecord } from './state';

const REGION = 'us-east-1';
const SORTS = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] as const;

/** The documented order, computed from scratch: by the key, ties by name ascending. */
function expected(secrets: Iterable<SecretRecord>, input: ListSecretsCommandInput): string[] {
  const by = input.SortBy ?? 'created-date';
  const key = (s: SecretRecord): number | string =>
    by === 'name'
      ? s.name
      : by === 'last-accessed-date'
        ? (s.lastAccessedDate ?? 0)
        : by === 'last-changed-date'
          ? s.lastChangedDate
          : s.createdDate;
  const direction = input.SortOrder === 'desc' ? -1 : 1;
  return [...secrets]
    .filter((s) => input.IncludePlannedDeletion || s.deletedDate === undefined)
    .sort((a, b) => {
      if (key(a) !== key(b)) return (key(a) < key(b) ? -1 : 1) * direction;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    })
    .map((s) => s.name);
}

describe('emulator ListSecrets order kept between pages', function () {
  this.timeout(30_000);
  const env = useEmulator(generateSeed({ secrets: 240, customerKeys: 1, awsManagedKeys: 0, regions: [REGION] }));
  const live = (): Iterable<SecretRecord> => env.emu.state.region(REGION).secrets.values();

  async function walk(input: ListSecretsCommandInput = {}, pageSize = 7): Promise<string[]> {
    const listed: string[] = [];
    for await (const page of paginateListSecrets({ client: env.c.sm, pageSize }, { ...input }))
      listed.push(...names(page.SecretList));
    return listed;
  }

  it('lists every secret exactly once, in the documented order, for each sort key and direction', async () => {
    for (const SortBy of SORTS) {
      for (const SortOrder of ['asc', 'desc'] as const) {
        for (const IncludePlannedDeletion of [false, true]) {
          const input = { SortBy, SortOrder, IncludePlannedDeletion };
          const listed = await walk(input);
          assert.equal(new Set(listed).size, listed.length, JSON.stringify(input));
          assert.deepEqual(listed, expected(live(), input), JSON.stringify(input));
        }
      }
    }
  });

  it('pages filters exactly as one unpaged answer', async () => {
    const filtered: ListSecretsCommandInput[] = [
      { Filters: [{ Key: 'tag-key', Values: ['Team', '!Owner'] }] },
      { Filters: [{ Key: 'name', Values: ['prod/', 'qa/'] }], SortBy: 'name', SortOrder: 'desc' },
      { Filters: [{ Key: 'all', Values: ['redis'] }], SortBy: 'last-accessed-date' },
      { Filters: [{ Key: 'description', Values: ['!SECRET'] }], IncludePlannedDeletion: true },
    ];
    for (const input of filtered) {
      const whole = await walk(input, 100);
      assert.ok(whole.length > 0 && whole.length < 240, JSON.stringify(input));
      for (const size of [1, 3, 11]) assert.deepEqual(await walk(input, size), whole, JSON.stringify(input));
    }
  });

  it('follows creations, deletions and changed sort keys at the next listing', async () => {
    const { sm } = env.c;
    await sm.send(new CreateSecretCommand({ Name: 'zz/new', SecretString: 'v' }));
    assert.equal((await walk({ SortOrder: 'desc' }))[0], 'zz/new');
    const oldest = (await walk({ SortBy: 'last-changed-date' }))[0];
    await sm.send(new TagResourceCommand({ SecretId: oldest, Tags: [{ Key: 'Touched', Value: 'yes' }] }));
    assert.equal((await walk({ SortBy: 'last-changed-date' })).at(-1), oldest);
    await sm.send(new GetSecretValueCommand({ SecretId: 'zz/new' }));
    const accessed = await walk({ SortBy: 'last-accessed-date', SortOrder: 'desc' });
    assert.deepEqual(accessed, expected(live(), { SortBy: 'last-accessed-date', SortOrder: 'desc' }));
    await sm.send(new DeleteSecretCommand({ SecretId: oldest, ForceDeleteWithoutRecovery: true }));
    assert.ok(!(await walk({ SortBy: 'last-changed-date' })).includes(oldest));
    // A record changed in place behind the API's back, through the handle's live record.
    const newest = (await walk({ SortOrder: 'desc' }))[0];
    env.emu.secret(newest).createdDate = 0;
    assert.equal((await walk())[0], newest);
  });

  it('reuses one sorted index while nothing changes, and rebuilds it once a sort key changed', () => {
    const secrets = env.emu.state.region(REGION).secrets;
    const first = sortedSecrets(secrets, 'last-changed-date', 1);
    assert.equal(sortedSecrets(secrets, 'last-changed-date', 1), first);
    assert.notEqual(sortedSecrets(secrets, 'last-changed-date', -1), first);
    env.emu.secret(first[0].name).lastChangedDate = Date.now();
    const again = sortedSecrets(secrets, 'last-changed-date', 1);
    assert.notEqual(again, first);
    assert.equal(again.at(-1), first[0]);
  });
});
