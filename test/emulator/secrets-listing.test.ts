import * as assert from 'node:assert/strict';
import { DescribeSecretCommand, ListSecretsCommand, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import type { ListSecretsCommandInput, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { cli, names, sdk, useEmulator } from './helpers';
import { SECRETS_SEED } from './test-seeds';

const ACTIVE_BY_CREATION = [
  'prod/payments/db',
  'prod/search/api-key',
  'staging/api/stripe-key',
  'never-tagged',
  'all-removed',
  'a+b=c@d.e',
  'rds!db-1',
];

describe('emulator conformance: ListSecrets (SDK and CLI)', function () {
  this.timeout(30_000);
  const env = useEmulator(SECRETS_SEED);

  async function sdkAll(
    input: ListSecretsCommandInput = {},
    pageSize?: number,
  ): Promise<{ list: SecretListEntry[]; pages: number }> {
    const list: SecretListEntry[] = [];
    let pages = 0;
    for await (const page of paginateListSecrets({ client: env.c.sm, pageSize }, input)) {
      pages++;
      list.push(...(page.SecretList ?? []));
    }
    return { list, pages };
  }

  it('pages through every active secret, oldest first, identically in the SDK and the CLI', async () => {
    const viaSdk = await sdkAll({}, 3);
    assert.deepEqual(names(viaSdk.list), ACTIVE_BY_CREATION);
    assert.equal(viaSdk.pages, 3);
    env.emu.clearCalls();
    const viaCli = await cli(env.emu, ['secretsmanager', 'list-secrets', '--page-size', '3']);
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.deepEqual(names(viaCli.json?.SecretList), ACTIVE_BY_CREATION);
    assert.equal(env.emu.calls({ op: 'secretsmanager.ListSecrets' }).length, 3);
  });

  it('resumes a CLI listing cut by --max-items from its NextToken', async () => {
    const first = await cli(env.emu, ['secretsmanager', 'list-secrets', '--page-size', '3', '--max-items', '4']);
    assert.deepEqual(names(first.json?.SecretList), ACTIVE_BY_CREATION.slice(0, 4));
    const token = first.json?.NextToken;
    assert.equal(typeof token, 'string');
    const rest = await cli(env.emu, [
      'secretsmanager',
      'list-secrets',
      '--page-size',
      '3',
      '--starting-token',
      String(token),
    ]);
    assert.deepEqual(names(rest.json?.SecretList), ACTIVE_BY_CREATION.slice(4));
  });

  it('answers MaxResults pages with a NextToken only while more remain', async () => {
    const p1 = await env.c.sm.send(new ListSecretsCommand({ MaxResults: 5 }));
    assert.equal(p1.SecretList?.length, 5);
    assert.ok(p1.NextToken);
    const p2 = await env.c.sm.send(new ListSecretsCommand({ MaxResults: 5, NextToken: p1.NextToken }));
    assert.deepEqual(names(p2.SecretList), ACTIVE_BY_CREATION.slice(5));
    assert.equal(p2.NextToken, undefined);
  });

  it('carries Tags in each entry: absent when never tagged, [] when all were removed, system tags included', async () => {
    const { list } = await sdkAll();
    const byName = new Map(list.map((s) => [s.Name, s]));
    assert.equal(byName.get('never-tagged')?.Tags, undefined);
    assert.deepEqual(byName.get('all-removed')?.Tags, []);
    assert.deepEqual(byName.get('prod/payments/db')?.Tags, [
      { Key: 'Environment', Value: 'prod' },
      { Key: 'Team', Value: 'payments' },
      { Key: 'Owner', Value: '' },
    ]);
    assert.ok(byName.get('a+b=c@d.e')?.Tags?.some((t) => t.Key === 'aws:cloudformation:stack-name'));
    assert.equal(byName.get('rds!db-1')?.OwningService, 'rds');
    assert.ok(byName.get('prod/payments/db')?.CreatedDate instanceof Date);
  });

  it('includes planned deletions only on request, and sorts by name descending like the CLI', async () => {
    const withDeleted = await sdkAll({ IncludePlannedDeletion: true, SortBy: 'name', SortOrder: 'desc' });
    const expected = [...ACTIVE_BY_CREATION, 'doomed'].sort().reverse();
    assert.deepEqual(names(withDeleted.list), expected);
    assert.ok(withDeleted.list.find((s) => s.Name === 'doomed')?.DeletedDate instanceof Date);
    const viaCli = await cli(env.emu, [
      'secretsmanager',
      'list-secrets',
      '--include-planned-deletion',
      '--sort-by',
      'name',
      '--sort-order',
      'desc',
    ]);
    assert.deepEqual(names(viaCli.json?.SecretList), expected);
  });

  it('filters by prefix with the documented case rules and ! negation, the same in both clients', async () => {
    const filtered = async (Key: 'name' | 'description' | 'tag-key' | 'tag-value' | 'all', ...Values: string[]) =>
      names((await sdkAll({ Filters: [{ Key, Values }] })).list);
    assert.deepEqual(await filtered('name', 'prod/'), ['prod/payments/db', 'prod/search/api-key']);
    assert.deepEqual(await filtered('name', 'Prod/'), []);
    assert.deepEqual(await filtered('description', 'payments'), ['prod/payments/db']);
    assert.deepEqual(await filtered('all', 'STRIPE'), ['staging/api/stripe-key']);
    assert.deepEqual(await filtered('tag-value', 'pay', 'sea'), ['prod/payments/db', 'prod/search/api-key']);
    const both = {
      Filters: [
        { Key: 'tag-key' as const, Values: ['Team'] },
        { Key: 'tag-value' as const, Values: ['!payments'] },
      ],
    };
    const viaSdk = names((await sdkAll(both)).list);
    assert.deepEqual(viaSdk, ['prod/search/api-key', 'a+b=c@d.e', 'rds!db-1']);
    const viaCli = await cli(env.emu, [
      'secretsmanager',
      'list-secrets',
      '--filters',
      'Key=tag-key,Values=Team',
      'Key=tag-value,Values=!payments',
    ]);
    assert.deepEqual(names(viaCli.json?.SecretList), viaSdk);
  });

  it('lists by one-character name prefixes and their negations as disjoint parts of the whole, in both clients', async () => {
    const prefixes = ['p', 's', 'a'];
    const parts = await Promise.all(
      prefixes.map(async (p) => names((await sdkAll({ Filters: [{ Key: 'name', Values: [p] }] })).list)),
    );
    const rest = { Filters: [{ Key: 'name' as const, Values: prefixes.map((p) => `!${p}`) }] };
    const restViaSdk = names((await sdkAll(rest)).list);
    assert.deepEqual(restViaSdk, ['never-tagged', 'rds!db-1']);
    assert.deepEqual([...parts.flat(), ...restViaSdk].sort(), [...ACTIVE_BY_CREATION].sort());
    const viaCli = await cli(env.emu, ['secretsmanager', 'list-secrets', '--filters', 'Key=name,Values=!p,!s,!a']);
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.deepEqual(names(viaCli.json?.SecretList), restViaSdk);
  });

  it('keeps each region to itself', async () => {
    const eu = sdk(env.emu, { region: 'eu-west-1' });
    try {
      const list = (await eu.sm.send(new ListSecretsCommand({}))).SecretList ?? [];
      assert.deepEqual(names(list), ['eu-only']);
      assert.match(list[0].ARN ?? '', /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:eu-only-[A-Za-z0-9]{6}$/);
      const err = await env.c.sm.send(new DescribeSecretCommand({ SecretId: 'eu-only' })).catch((e: Error) => e);
      assert.equal((err as Error).name, 'ResourceNotFoundException');
    } finally {
      eu.destroy();
    }
  });

  it('can serve a frozen listing (ListSecrets lags) while DescribeSecret reads fresh', async () => {
    env.emu.setListSecretsStale(true);
    env.emu.mutate({ op: 'untagSecret', secretId: 'prod/payments/db', tagKeys: ['Team'] });
    const stale = (await sdkAll()).list.find((s) => s.Name === 'prod/payments/db');
    assert.ok(stale?.Tags?.some((t) => t.Key === 'Team'));
    const fresh = await env.c.sm.send(new DescribeSecretCommand({ SecretId: 'prod/payments/db' }));
    assert.ok(!fresh.Tags?.some((t) => t.Key === 'Team'));
    env.emu.setListSecretsStale(false);
    const after = (await sdkAll()).list.find((s) => s.Name === 'prod/payments/db');
    assert.ok(!after?.Tags?.some((t) => t.Key === 'Team'));
  });

  it('can answer empty pages that still carry a NextToken, which the SDK paginator walks through', async () => {
    env.emu.setListSecretsEmptyPages(true);
    const { list, pages } = await sdkAll({}, 3);
    assert.deepEqual(names(list), ACTIVE_BY_CREATION);
    assert.equal(pages, 5);
  });
});
