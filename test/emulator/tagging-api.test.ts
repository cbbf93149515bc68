import * as assert from 'node:assert/strict';
import { CreateKeyCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  ListSecretsCommand,
  UntagResourceCommand as SmUntag,
} from '@aws-sdk/client-secrets-manager';
import { cli, rawCall, useEmulator } from './helpers';
import type { RawAnswer } from './helpers';
import type { Seed } from './index';
import { arnOf, KEY_A, KEY_B, KEY_DISABLED, KEY_PENDING, KMS_SEED, SECRETS_SEED } from './test-seeds';

const SEED: Seed = {
  regions: {
    'us-east-1': { ...SECRETS_SEED.regions['us-east-1'], ...KMS_SEED.regions['us-east-1'] },
    'eu-west-1': SECRETS_SEED.regions['eu-west-1'],
  },
};

interface Mapping {
  ResourceARN: string;
  Tags: Array<{ Key: string; Value: string }>;
}

const list = (a: RawAnswer): Mapping[] => (a.json?.ResourceTagMappingList ?? []) as Mapping[];

describe('emulator conformance: Resource Groups Tagging API GetResources (raw JSON 1.1 and the CLI)', function () {
  this.timeout(60_000);
  const env = useEmulator(SEED);
  const arn = (secret: string, region?: string): string => env.emu.secret(secret, region).arn;
  const get = (input: object, region?: string): Promise<RawAnswer> =>
    rawCall(env.emu, 'tagging', 'GetResources', input, region ? { region } : {});
  const arns = async (input: object): Promise<string[]> => list(await get(input)).map((m) => m.ResourceARN);

  it('lists tagged and previously tagged secrets and keys of the Region, never the untagged or AWS managed', async () => {
    const all = await get({});
    assert.equal(all.status, 200);
    assert.equal(all.json?.PaginationToken, '');
    const expected = [
      ...[KEY_A, KEY_PENDING, KEY_DISABLED].map(arnOf),
      ...['prod/payments/db', 'prod/search/api-key', 'staging/api/stripe-key', 'all-removed'].map((n) => arn(n)),
      ...['a+b=c@d.e', 'doomed', 'rds!db-1'].map((n) => arn(n)),
    ].sort();
    assert.deepEqual(
      list(all).map((m) => m.ResourceARN),
      expected,
    );
    const byArn = new Map(list(all).map((m) => [m.ResourceARN, m.Tags]));
    assert.deepEqual(byArn.get(arn('all-removed')), []);
    assert.deepEqual(byArn.get(arnOf(KEY_A)), [
      { Key: 'Team', Value: 'payments' },
      { Key: 'CostCenter', Value: '42' },
    ]);
    assert.deepEqual(byArn.get(arn('a+b=c@d.e')), [
      { Key: 'aws:cloudformation:stack-name', Value: 'stack' },
      { Key: 'Team', Value: 'x' },
    ]);
    const eu = await get({}, 'eu-west-1');
    assert.deepEqual(list(eu), [{ ResourceARN: arn('eu-only', 'eu-west-1'), Tags: [{ Key: 'Region', Value: 'eu' }] }]);
  });

  it('filters by resource type and by tags: AND across filters, OR across one filter’s values', async () => {
    const keys = [KEY_A, KEY_PENDING, KEY_DISABLED].map(arnOf).sort();
    assert.deepEqual(await arns({ ResourceTypeFilters: ['kms:key'] }), keys);
    assert.deepEqual(await arns({ ResourceTypeFilters: ['kms'] }), keys);
    assert.equal((await arns({ ResourceTypeFilters: ['secretsmanager:secret'] })).length, 7);
    assert.equal((await arns({ ResourceTypeFilters: ['secretsmanager', 'kms:key'] })).length, 10);
    assert.deepEqual(await arns({ ResourceTypeFilters: ['ec2:instance'] }), []);
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Team', Values: ['payments'] }] }), [
      arnOf(KEY_A),
      arn('prod/payments/db'),
    ]);
    const teams = await arns({ TagFilters: [{ Key: 'Team', Values: ['search', 'legacy'] }] });
    assert.deepEqual(teams, [arnOf(KEY_PENDING), arnOf(KEY_DISABLED), arn('prod/search/api-key')].sort());
    const both = await arns({ TagFilters: [{ Key: 'Environment' }, { Key: 'Team', Values: ['search'] }] });
    assert.deepEqual(both, [arn('prod/search/api-key')]);
    // An empty value matches as a value; a key alone matches any value, empty included.
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Owner', Values: [''] }] }), [arn('prod/payments/db')]);
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Owner' }] }), [arn('prod/payments/db')]);
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'team', Values: ['payments'] }] }), []);
  });

  it('follows tags changed through Secrets Manager and KMS: removing all tags leaves an empty tag set', async () => {
    await env.c.sm.send(new SmUntag({ SecretId: 'staging/api/stripe-key', TagKeys: ['Environment'] }));
    await env.c.kms.send(new TagResourceCommand({ KeyId: KEY_B, Tags: [{ TagKey: 'Team', TagValue: 'new' }] }));
    const created = await env.c.kms.send(new CreateKeyCommand({ Description: 'untagged' }));
    let byArn = new Map(list(await get({})).map((m) => [m.ResourceARN, m.Tags]));
    assert.deepEqual(byArn.get(arn('staging/api/stripe-key')), []);
    assert.deepEqual(byArn.get(arnOf(KEY_B)), [{ Key: 'Team', Value: 'new' }]);
    assert.equal(byArn.has(created.KeyMetadata?.Arn ?? ''), false);
    await env.c.kms.send(new UntagResourceCommand({ KeyId: KEY_B, TagKeys: ['Team'] }));
    byArn = new Map(list(await get({})).map((m) => [m.ResourceARN, m.Tags]));
    assert.deepEqual(byArn.get(arnOf(KEY_B)), []);
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Team', Values: ['new'] }] }), []);
  });

  it('pages by ResourcesPerPage and TagsPerPage, ending with an empty PaginationToken', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await get({ ResourcesPerPage: 3, ...(token ? { PaginationToken: token } : {}) });
      assert.ok(list(page).length <= 3);
      seen.push(...list(page).map((m) => m.ResourceARN));
      token = String(page.json?.PaginationToken);
      pages++;
    } while (token !== '');
    assert.equal(pages, 4);
    assert.deepEqual(seen, await arns({}));
    const many = (prefix: string) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`${prefix}${i}`, 'v']));
    env.emu.reset({
      regions: { 'us-east-1': { secrets: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: n, tags: many(n) })) } },
    });
    const first = await get({ TagsPerPage: 100 });
    assert.equal(list(first).length, 2, 'a third resource would bring 120 tags');
    const rest = await get({ TagsPerPage: 100, PaginationToken: first.json?.PaginationToken });
    assert.equal(list(rest).length, 2);
  });

  it('answers InvalidParameterException in the JSON 1.1 form, and expires tokens after 15 minutes', async () => {
    for (const input of [
      { ResourcesPerPage: 0 },
      { ResourcesPerPage: 101 },
      { TagsPerPage: 99 },
      { PaginationToken: 'x' },
    ]) {
      const bad = await get(input);
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidParameterException');
      assert.deepEqual(Object.keys(bad.json ?? {}), ['__type', 'Message']);
    }
    const both = await get({ ResourceARNList: [arnOf(KEY_A)], TagFilters: [{ Key: 'Team' }] });
    assert.equal(both.json?.__type, 'InvalidParameterException');
    const token = (await get({ ResourcesPerPage: 1 })).json?.PaginationToken;
    const realNow = Date.now;
    Date.now = () => realNow() + 16 * 60_000;
    try {
      const expired = await get({ ResourcesPerPage: 1, PaginationToken: token });
      assert.equal(expired.json?.__type, 'PaginationTokenExpiredException');
    } finally {
      Date.now = realNow;
    }
  });

  it('looks up a ResourceARNList in the order given, leaving out what is missing or never tagged', async () => {
    const wanted = [arn('prod/payments/db'), arnOf(KEY_B), arnOf('00000000-0000-4000-8000-000000000000'), arnOf(KEY_A)];
    assert.deepEqual(await arns({ ResourceARNList: wanted }), [arn('prod/payments/db'), arnOf(KEY_A)]);
  });

  it('refuses tag:GetResources to a credential not allowed it, while the services still answer', async () => {
    env.emu.allowOnlyActions(['secretsmanager:*', 'kms:*']);
    const denied = await get({});
    assert.equal(denied.json?.__type, 'AccessDeniedException');
    assert.match(String(denied.json?.Message), /is not authorized to perform: tag:GetResources /);
    assert.equal((await cli(env.emu, ['resourcegroupstaggingapi', 'get-resources'])).error, 'AccessDeniedException');
    assert.ok((await env.c.sm.send(new ListSecretsCommand({}))).SecretList?.length);
    env.emu.allowOnlyActions(['tag:GetResources']);
    assert.equal((await get({})).status, 200);
    assert.equal(env.emu.calls({ op: 'tagging.GetResources', outcome: 'AccessDeniedException' }).length, 2);
  });

  it('holds GetResources to its quota of 15 requests a second, answering ThrottledException beyond it', async () => {
    env.emu.setQuotas(true);
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => get({ ResourcesPerPage: 1 })));
      const throttled = answers.filter((a) => a.json?.__type === 'ThrottledException');
      // The bucket holds one second (15); what refills while the 40 are answered passes too.
      assert.ok(throttled.length >= 1, 'some were throttled');
      assert.ok(answers.length - throttled.length >= 15, `${throttled.length} of 40 throttled`);
      assert.equal(throttled[0].status, 400);
    } finally {
      env.emu.setQuotas(false);
    }
  });

  it('lags behind the services while read lag is on for it', async () => {
    env.emu.setReadLag({ ms: 60_000, operations: ['tagging.GetResources'] });
    await env.c.sm.send(new SmUntag({ SecretId: 'prod/payments/db', TagKeys: ['Team'] }));
    const described = await env.c.sm.send(new DescribeSecretCommand({ SecretId: 'prod/payments/db' }));
    assert.equal(
      described.Tags?.some((t) => t.Key === 'Team'),
      false,
    );
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Team', Values: ['payments'] }] }), [
      arnOf(KEY_A),
      arn('prod/payments/db'),
    ]);
    env.emu.setReadLag({ ms: 0 });
    assert.deepEqual(await arns({ TagFilters: [{ Key: 'Team', Values: ['payments'] }] }), [arnOf(KEY_A)]);
  });

  it('answers the AWS CLI, which pages with --page-size until the token is empty', async () => {
    const keys = await cli(env.emu, [
      'resourcegroupstaggingapi',
      'get-resources',
      '--resource-type-filters',
      'kms:key',
    ]);
    assert.equal(keys.code, 0, keys.stderr);
    assert.deepEqual(
      (keys.json?.ResourceTagMappingList as Mapping[]).map((m) => m.ResourceARN),
      [KEY_A, KEY_PENDING, KEY_DISABLED].map(arnOf).sort(),
    );
    env.emu.clearCalls();
    const paged = await cli(env.emu, ['resourcegroupstaggingapi', 'get-resources', '--page-size', '4']);
    assert.equal(paged.code, 0, paged.stderr);
    assert.deepEqual(
      (paged.json?.ResourceTagMappingList as Mapping[]).map((m) => m.ResourceARN),
      await arns({}),
    );
    assert.equal(env.emu.calls({ op: 'tagging.GetResources' }).length, 3 + 1);
    const filtered = await cli(env.emu, [
      'resourcegroupstaggingapi',
      'get-resources',
      '--tag-filters',
      'Key=Team,Values=payments,search',
      'Key=Environment',
    ]);
    assert.deepEqual(
      (filtered.json?.ResourceTagMappingList as Mapping[]).map((m) => m.ResourceARN),
      [arn('prod/payments/db'), arn('prod/search/api-key')],
    );
  });
});
