import * as assert from 'node:assert/strict';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kms';
import { cli, sdkError, useEmulator } from './helpers';
import { arnOf, KEY_A, KEY_AWS, KEY_DISABLED, KEY_PENDING, KMS_SEED } from './test-seeds';

const tags = (n: number, prefix = 'k') =>
  Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: 'v' }));

describe('emulator conformance: KMS tagging and key states (SDK and CLI)', function () {
  this.timeout(30_000);
  const env = useEmulator(KMS_SEED);

  it('adds or replaces tags and untags idempotently, whichever client does it', async () => {
    const tagged = await cli(env.emu, [
      'kms',
      'tag-resource',
      '--key-id',
      KEY_A,
      '--tags',
      'TagKey=Team,TagValue=risk',
      'TagKey=Owner,TagValue=ana',
    ]);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.equal(tagged.stdout.trim(), '');
    assert.deepEqual(env.emu.keyTags(KEY_A), { Team: 'risk', CostCenter: '42', Owner: 'ana' });
    await env.c.kms.send(new UntagResourceCommand({ KeyId: arnOf(KEY_A), TagKeys: ['Owner', 'NotThere'] }));
    await env.c.kms.send(new UntagResourceCommand({ KeyId: arnOf(KEY_A), TagKeys: ['Owner'] }));
    const untagged = await cli(env.emu, [
      'kms',
      'untag-resource',
      '--key-id',
      KEY_A,
      '--tag-keys',
      'Team',
      'CostCenter',
    ]);
    assert.equal(untagged.code, 0, untagged.stderr);
    assert.deepEqual(env.emu.keyTags(KEY_A), {});
    await env.c.kms.send(
      new TagResourceCommand({ KeyId: KEY_DISABLED, Tags: [{ TagKey: 'Still', TagValue: 'works' }] }),
    );
    assert.equal(env.emu.keyTags(KEY_DISABLED).Still, 'works');
  });

  it('refuses tag changes on a key pending deletion with KMSInvalidStateException, in both clients', async () => {
    const expected = `${arnOf(KEY_PENDING)} is pending deletion.`;
    const viaSdk = await sdkError(env.c.kms.send(new UntagResourceCommand({ KeyId: KEY_PENDING, TagKeys: ['Team'] })));
    assert.deepEqual([viaSdk.name, viaSdk.message, viaSdk.status], ['KMSInvalidStateException', expected, 400]);
    const viaCli = await cli(env.emu, ['kms', 'untag-resource', '--key-id', KEY_PENDING, '--tag-keys', 'Team']);
    assert.equal(viaCli.error, 'KMSInvalidStateException');
    assert.ok(viaCli.stderr.includes(expected));
    const tagging = await sdkError(
      env.c.kms.send(new TagResourceCommand({ KeyId: KEY_PENDING, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
    );
    assert.equal(tagging.name, 'KMSInvalidStateException');
    assert.deepEqual(env.emu.keyTags(KEY_PENDING), { Team: 'legacy' });
  });

  it('answers the recorded TagException and ValidationException messages', async () => {
    const tag = (Tags: Array<{ TagKey: string; TagValue: string }>) =>
      sdkError(env.c.kms.send(new TagResourceCommand({ KeyId: KEY_A, Tags })));
    for (const key of ['aws:team', 'AWS:Team']) {
      assert.deepEqual(await tag([{ TagKey: key, TagValue: 'x' }]), {
        name: 'TagException',
        message: 'Tags beginning with aws: are reserved',
        status: 400,
      });
    }
    assert.equal((await tag(tags(51))).message, 'Too many tags');
    assert.equal(
      (
        await tag([
          { TagKey: 'a', TagValue: '1' },
          { TagKey: 'a', TagValue: '2' },
        ])
      ).message,
      'Duplicate tag keys',
    );
    const long = await tag([{ TagKey: 'k'.repeat(129), TagValue: '' }]);
    assert.equal(long.name, 'ValidationException');
    assert.match(
      long.message,
      /^1 validation error detected: Value 'k{129}' at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
    assert.equal((await tag([{ TagKey: 'ok', TagValue: 'v'.repeat(257) }])).name, 'ValidationException');
    const untagAws = await sdkError(env.c.kms.send(new UntagResourceCommand({ KeyId: KEY_A, TagKeys: ['aws:x'] })));
    assert.equal(untagAws.name, 'TagException');
    assert.equal((await tag(tags(49, 'more'))).name, 'TagException', '2 existing + 49 new is over 50');
    await env.c.kms.send(new TagResourceCommand({ KeyId: KEY_A, Tags: tags(48, 'more') }));
    assert.equal(Object.keys(env.emu.keyTags(KEY_A)).length, 50);
    const viaCli = await cli(env.emu, ['kms', 'tag-resource', '--key-id', KEY_A, '--tags', 'TagKey=aws:x,TagValue=y']);
    assert.equal(viaCli.error, 'TagException');
  });

  it('takes key IDs and ARNs only for tag operations, and names unknown keys as KMS does', async () => {
    const byAlias = await sdkError(
      env.c.kms.send(new UntagResourceCommand({ KeyId: 'alias/payments-data', TagKeys: ['Team'] })),
    );
    assert.equal(byAlias.name, 'NotFoundException');
    const viaCli = await cli(env.emu, ['kms', 'list-resource-tags', '--key-id', 'alias/payments-data']);
    assert.equal(viaCli.error, 'NotFoundException');
    const unknown = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
    const missing = await sdkError(env.c.kms.send(new DescribeKeyCommand({ KeyId: unknown })));
    assert.deepEqual([missing.name, missing.message], ['NotFoundException', `Key '${arnOf(unknown)}' does not exist`]);
    const malformed = await sdkError(env.c.kms.send(new DescribeKeyCommand({ KeyId: 'nope' })));
    assert.equal(malformed.message, "Invalid keyId 'nope'");
    const noAlias = await sdkError(env.c.kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/acm' })));
    assert.equal(noAlias.message, 'Alias arn:aws:kms:us-east-1:123456789012:alias/aws/acm is not found.');
  });

  it('keeps the tags of AWS managed keys read-only', async () => {
    const denied = await sdkError(
      env.c.kms.send(new TagResourceCommand({ KeyId: KEY_AWS, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(denied.message, /kms:TagResource/);
    assert.equal(
      (await sdkError(env.c.kms.send(new UntagResourceCommand({ KeyId: KEY_AWS, TagKeys: ['a'] })))).name,
      'AccessDeniedException',
    );
  });

  it('schedules and cancels deletion, and enables the key again', async () => {
    const scheduled = await env.c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: KEY_A, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyId, arnOf(KEY_A));
    assert.equal(scheduled.KeyState, 'PendingDeletion');
    const days = ((scheduled.DeletionDate?.getTime() ?? 0) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, String(days));
    assert.equal(
      (await sdkError(env.c.kms.send(new UntagResourceCommand({ KeyId: KEY_A, TagKeys: ['Team'] })))).name,
      'KMSInvalidStateException',
    );
    assert.equal(
      (await sdkError(env.c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: KEY_DISABLED, PendingWindowInDays: 6 }))))
        .name,
      'ValidationException',
    );
    assert.equal((await env.c.kms.send(new CancelKeyDeletionCommand({ KeyId: KEY_A }))).KeyId, arnOf(KEY_A));
    assert.equal((await env.c.kms.send(new DescribeKeyCommand({ KeyId: KEY_A }))).KeyMetadata?.KeyState, 'Disabled');
    await env.c.kms.send(new EnableKeyCommand({ KeyId: KEY_A }));
    assert.equal((await env.c.kms.send(new DescribeKeyCommand({ KeyId: KEY_A }))).KeyMetadata?.KeyState, 'Enabled');
  });

  it('creates keys with tags and aliases, and keeps key policies as JSON', async () => {
    const created = await env.c.kms.send(
      new CreateKeyCommand({ Description: 'new', Tags: [{ TagKey: 'Team', TagValue: 'x' }] }),
    );
    const id = created.KeyMetadata?.KeyId ?? '';
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(env.emu.keyTags(id), { Team: 'x' });
    await env.c.kms.send(new CreateAliasCommand({ AliasName: 'alias/new-key', TargetKeyId: id }));
    assert.equal((await env.c.kms.send(new DescribeKeyCommand({ KeyId: 'alias/new-key' }))).KeyMetadata?.KeyId, id);
    assert.equal(
      (await sdkError(env.c.kms.send(new CreateAliasCommand({ AliasName: 'alias/new-key', TargetKeyId: id })))).name,
      'AlreadyExistsException',
    );
    assert.equal(
      (await sdkError(env.c.kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: id })))).name,
      'InvalidAliasNameException',
    );
    const policy = JSON.parse((await env.c.kms.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy ?? '{}') as {
      Statement: unknown[];
    };
    assert.match(JSON.stringify(policy.Statement), /arn:aws:iam::123456789012:root/);
    assert.equal(
      (await sdkError(env.c.kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: '{not json' })))).name,
      'MalformedPolicyDocumentException',
    );
    assert.equal(
      (await sdkError(env.c.kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'aws:x', TagValue: '' }] })))).name,
      'TagException',
    );
  });
});
