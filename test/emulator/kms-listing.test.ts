import * as assert from 'node:assert/strict';
import {
  DescribeKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  paginateListAliases,
  paginateListKeys,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { PREDEFINED_AWS_ALIASES } from './index';
import { cli, useEmulator } from './helpers';
import { arnOf, KEY_A, KEY_AWS, KEY_B, KEY_DISABLED, KEY_PENDING, KMS_SEED } from './test-seeds';

const ALL_KEYS = [KEY_A, KEY_B, KEY_PENDING, KEY_DISABLED, KEY_AWS];

describe('emulator conformance: KMS listing and reading (SDK and CLI)', function () {
  this.timeout(30_000);
  const env = useEmulator(KMS_SEED);

  it('pages ListKeys with Truncated on every page and NextMarker only before the last, as the CLI sees it', async () => {
    const p1 = await env.c.kms.send(new ListKeysCommand({ Limit: 2 }));
    assert.equal(p1.Truncated, true);
    assert.ok(p1.NextMarker);
    const p2 = await env.c.kms.send(new ListKeysCommand({ Limit: 2, Marker: p1.NextMarker }));
    const p3 = await env.c.kms.send(new ListKeysCommand({ Limit: 2, Marker: p2.NextMarker }));
    assert.equal(p3.Keys?.length, 1);
    assert.equal(p3.Truncated, false);
    assert.equal(p3.NextMarker, undefined);
    const viaSdk: string[] = [];
    for await (const page of paginateListKeys({ client: env.c.kms, pageSize: 2 }, {}))
      viaSdk.push(...(page.Keys ?? []).map((k) => k.KeyId ?? ''));
    assert.deepEqual(viaSdk, ALL_KEYS);
    env.emu.clearCalls();
    const viaCli = await cli(env.emu, ['kms', 'list-keys', '--page-size', '2']);
    assert.deepEqual(
      (viaCli.json?.Keys as Array<{ KeyId: string; KeyArn: string }>).map((k) => k.KeyId),
      ALL_KEYS,
    );
    assert.equal((viaCli.json?.Keys as Array<{ KeyArn: string }>)[0].KeyArn, arnOf(KEY_A));
    assert.equal(env.emu.calls({ op: 'kms.ListKeys' }).length, 3);
  });

  it('lists the predefined alias/aws/* aliases, with a TargetKeyId only where the key exists', async () => {
    const aliases: Array<{ AliasName?: string; TargetKeyId?: string }> = [];
    for await (const page of paginateListAliases({ client: env.c.kms, pageSize: 5 }, {}))
      aliases.push(...(page.Aliases ?? []));
    const expected = new Set([...PREDEFINED_AWS_ALIASES, 'alias/payments-data', 'alias/retired', 'alias/old']);
    assert.deepEqual(new Set(aliases.map((a) => a.AliasName)), expected);
    assert.equal(aliases.length, expected.size);
    assert.equal(aliases.find((a) => a.AliasName === 'alias/aws/acm')?.TargetKeyId, undefined);
    assert.equal(aliases.find((a) => a.AliasName === 'alias/aws/secretsmanager')?.TargetKeyId, KEY_AWS);
    const viaCli = await cli(env.emu, ['kms', 'list-aliases']);
    assert.deepEqual(
      (viaCli.json?.Aliases as Array<{ AliasName: string }>).map((a) => a.AliasName),
      aliases.map((a) => a.AliasName),
    );
    const forKey = await env.c.kms.send(new ListAliasesCommand({ KeyId: arnOf(KEY_A) }));
    assert.deepEqual(
      forKey.Aliases?.map((a) => a.AliasName),
      ['alias/payments-data'],
    );
  });

  it('describes a key by ID, key ARN, alias name and alias ARN, without tags or aliases', async () => {
    const forms = [
      KEY_A,
      arnOf(KEY_A),
      'alias/payments-data',
      'arn:aws:kms:us-east-1:123456789012:alias/payments-data',
    ];
    for (const KeyId of forms) {
      const m = (await env.c.kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata;
      assert.equal(m?.Arn, arnOf(KEY_A), KeyId);
    }
    const viaCli = await cli(env.emu, ['kms', 'describe-key', '--key-id', 'alias/payments-data']);
    const m = viaCli.json?.KeyMetadata as Record<string, unknown>;
    assert.equal(m.KeyId, KEY_A);
    assert.equal(m.KeyManager, 'CUSTOMER');
    assert.equal(m.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(typeof m.CreationDate, 'number');
    assert.equal('Tags' in m || 'Aliases' in m, false);
    const pending = (await env.c.kms.send(new DescribeKeyCommand({ KeyId: KEY_PENDING }))).KeyMetadata;
    assert.equal(pending?.KeyState, 'PendingDeletion');
    assert.equal(pending?.Enabled, false);
    assert.ok(pending?.DeletionDate instanceof Date && pending.DeletionDate.getTime() > Date.now());
    const managed = (await env.c.kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }))).KeyMetadata;
    assert.equal(managed?.KeyManager, 'AWS');
  });

  it('pages ListResourceTags by key ID or ARN, the same in both clients', async () => {
    await env.c.kms.send(new TagResourceCommand({ KeyId: KEY_A, Tags: [{ TagKey: 'Owner', TagValue: 'ana' }] }));
    const p1 = await env.c.kms.send(new ListResourceTagsCommand({ KeyId: arnOf(KEY_A), Limit: 2 }));
    assert.equal(p1.Tags?.length, 2);
    assert.equal(p1.Truncated, true);
    const p2 = await env.c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_A, Limit: 2, Marker: p1.NextMarker }));
    assert.deepEqual(p2.Tags, [{ TagKey: 'Owner', TagValue: 'ana' }]);
    assert.equal(p2.NextMarker, undefined);
    const viaCli = await cli(env.emu, ['kms', 'list-resource-tags', '--key-id', arnOf(KEY_A)]);
    assert.deepEqual(viaCli.json?.Tags, [...(p1.Tags ?? []), ...(p2.Tags ?? [])]);
    assert.deepEqual((await env.c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_B }))).Tags, []);
  });

  it('reads tags of AWS managed keys and of keys in any state', async () => {
    env.emu.mutate({ op: 'tagKey', keyId: KEY_AWS, tags: { ManagedBy: 'aws' } });
    assert.deepEqual((await env.c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_AWS }))).Tags, [
      { TagKey: 'ManagedBy', TagValue: 'aws' },
    ]);
    assert.deepEqual((await env.c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_PENDING }))).Tags, [
      { TagKey: 'Team', TagValue: 'legacy' },
    ]);
  });
});
