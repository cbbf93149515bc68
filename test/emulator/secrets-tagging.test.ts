import * as assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { cli, names, sdkError, useEmulator } from './helpers';
import { SECRETS_SEED } from './test-seeds';

const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";

describe('emulator conformance: Secrets Manager reading and tagging (SDK and CLI)', function () {
  this.timeout(30_000);
  const env = useEmulator(SECRETS_SEED);
  const describeSecret = (SecretId: string) => env.c.sm.send(new DescribeSecretCommand({ SecretId }));

  it('finds a secret by name, full ARN and partial ARN; the CLI sees the same', async () => {
    const byName = await describeSecret('prod/payments/db');
    const arn = byName.ARN ?? '';
    assert.match(arn, /^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/payments\/db-[A-Za-z0-9]{6}$/);
    const partial = arn.slice(0, -7);
    assert.deepEqual((await describeSecret(arn)).Tags, byName.Tags);
    assert.equal((await describeSecret(partial)).ARN, arn);
    assert.equal((await sdkError(describeSecret(`${partial}-XXXXXX`))).name, 'ResourceNotFoundException');
    const viaCli = await cli(env.emu, ['secretsmanager', 'describe-secret', '--secret-id', partial]);
    assert.equal(viaCli.json?.ARN, arn);
    assert.deepEqual(viaCli.json?.Tags, byName.Tags);
    assert.equal(typeof viaCli.json?.LastChangedDate, 'number');
  });

  it('omits Tags for a never-tagged secret and answers [] once all tags are removed', async () => {
    const never = await cli(env.emu, ['secretsmanager', 'describe-secret', '--secret-id', 'never-tagged']);
    assert.equal(never.code, 0, never.stderr);
    assert.equal('Tags' in (never.json ?? {}), false);
    assert.deepEqual((await describeSecret('all-removed')).Tags, []);
    await env.c.sm.send(
      new UntagResourceCommand({ SecretId: 'prod/search/api-key', TagKeys: ['Environment', 'Team'] }),
    );
    assert.deepEqual((await describeSecret('prod/search/api-key')).Tags, []);
  });

  it('adds or replaces tags, untags idempotently, and moves LastChangedDate', async () => {
    const before = (await describeSecret('prod/payments/db')).LastChangedDate?.getTime() ?? 0;
    const tagged = await cli(env.emu, [
      'secretsmanager',
      'tag-resource',
      '--secret-id',
      'prod/payments/db',
      '--tags',
      'Key=Owner,Value=ana',
      'Key=CostCenter,Value=CC-1',
    ]);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.deepEqual(env.emu.secretTags('prod/payments/db'), {
      Environment: 'prod',
      Team: 'payments',
      Owner: 'ana',
      CostCenter: 'CC-1',
    });
    assert.ok(((await describeSecret('prod/payments/db')).LastChangedDate?.getTime() ?? 0) > before);
    await env.c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Owner'] }));
    await env.c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Owner'] }));
    const again = await cli(env.emu, [
      'secretsmanager',
      'untag-resource',
      '--secret-id',
      'prod/payments/db',
      '--tag-keys',
      'Owner',
      'NeverThere',
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(Object.keys(env.emu.secretTags('prod/payments/db')), ['Environment', 'Team', 'CostCenter']);
  });

  it('answers ResourceNotFoundException for an unknown secret in both clients', async () => {
    const viaSdk = await sdkError(describeSecret('nope'));
    assert.deepEqual(viaSdk, { name: 'ResourceNotFoundException', message: NOT_FOUND, status: 400 });
    const viaCli = await cli(env.emu, [
      'secretsmanager',
      'untag-resource',
      '--secret-id',
      'nope',
      '--tag-keys',
      'Team',
    ]);
    assert.equal(viaCli.error, 'ResourceNotFoundException');
    assert.ok(viaCli.stderr.includes(NOT_FOUND));
  });

  it('refuses tag changes on secrets marked for deletion or owned by another service', async () => {
    const marked = await sdkError(env.c.sm.send(new UntagResourceCommand({ SecretId: 'doomed', TagKeys: ['Team'] })));
    assert.deepEqual([marked.name, marked.message], ['InvalidRequestException', MARKED]);
    assert.equal((await describeSecret('doomed')).DeletedDate instanceof Date, true);
    const owned = await sdkError(
      env.c.sm.send(new TagResourceCommand({ SecretId: 'rds!db-1', Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    assert.equal(owned.name, 'InvalidRequestException');
    assert.deepEqual(env.emu.secretTags('doomed'), { Team: 'old' });
  });

  it('refuses system tags with InvalidParameterException, the CLI included', async () => {
    const msg = "You can't modify system tags. Tag key: 'aws:cloudformation:stack-name'.";
    const untag = await sdkError(
      env.c.sm.send(new UntagResourceCommand({ SecretId: 'a+b=c@d.e', TagKeys: ['aws:cloudformation:stack-name'] })),
    );
    assert.deepEqual([untag.name, untag.message], ['InvalidParameterException', msg]);
    const viaCli = await cli(env.emu, [
      'secretsmanager',
      'tag-resource',
      '--secret-id',
      'a+b=c@d.e',
      '--tags',
      'Key=aws:cloudformation:stack-name,Value=x',
    ]);
    assert.equal(viaCli.error, 'InvalidParameterException');
    assert.equal(env.emu.secretTags('a+b=c@d.e')['aws:cloudformation:stack-name'], 'stack');
  });

  it('allows 50 user tags besides system tags, and no more', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'é' }));
    await env.c.sm.send(new TagResourceCommand({ SecretId: 'a+b=c@d.e', Tags: many(49) }));
    assert.equal(Object.keys(env.emu.secretTags('a+b=c@d.e')).length, 51, '50 user tags and one aws: tag');
    const over = await sdkError(
      env.c.sm.send(new TagResourceCommand({ SecretId: 'a+b=c@d.e', Tags: [{ Key: 'one-more', Value: '' }] })),
    );
    assert.equal(over.name, 'InvalidParameterException');
    const long = await sdkError(
      env.c.sm.send(new TagResourceCommand({ SecretId: 'never-tagged', Tags: [{ Key: 'k'.repeat(129), Value: '' }] })),
    );
    assert.equal(long.name, 'ValidationException');
    const chars = await sdkError(
      env.c.sm.send(new TagResourceCommand({ SecretId: 'never-tagged', Tags: [{ Key: 'a<b>', Value: '' }] })),
    );
    assert.equal(chars.name, 'InvalidParameterException');
  });

  it('marks for deletion with a recovery window, restores, and deletes for good', async () => {
    const del = await env.c.sm.send(
      new DeleteSecretCommand({ SecretId: 'prod/search/api-key', RecoveryWindowInDays: 7 }),
    );
    const days = ((del.DeletionDate?.getTime() ?? 0) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, String(days));
    assert.ok(!names((await env.c.sm.send(new ListSecretsCommand({}))).SecretList).includes('prod/search/api-key'));
    assert.equal(
      (
        await sdkError(
          env.c.sm.send(
            new DeleteSecretCommand({ SecretId: 'x', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }),
          ),
        )
      ).name,
      'InvalidParameterException',
    );
    await env.c.sm.send(new RestoreSecretCommand({ SecretId: 'prod/search/api-key' }));
    assert.equal((await describeSecret('prod/search/api-key')).DeletedDate, undefined);
    await env.c.sm.send(new DeleteSecretCommand({ SecretId: 'prod/search/api-key', ForceDeleteWithoutRecovery: true }));
    assert.equal((await sdkError(describeSecret('prod/search/api-key'))).name, 'ResourceNotFoundException');
  });

  it('creates secrets with tags, refuses duplicates, and keeps resource policies', async () => {
    const created = await env.c.sm.send(
      new CreateSecretCommand({ Name: 'new/one', SecretString: 's3cr3t', Tags: [{ Key: 'Team', Value: 'x' }] }),
    );
    assert.match(created.ARN ?? '', /:secret:new\/one-[A-Za-z0-9]{6}$/);
    assert.ok(created.VersionId);
    assert.deepEqual(env.emu.secretTags('new/one'), { Team: 'x' });
    assert.equal(
      (await sdkError(env.c.sm.send(new CreateSecretCommand({ Name: 'new/one' })))).name,
      'ResourceExistsException',
    );
    assert.equal(
      (await sdkError(env.c.sm.send(new CreateSecretCommand({ Name: 'bad name!' })))).name,
      'InvalidParameterException',
    );
    assert.equal(
      (await env.c.sm.send(new GetResourcePolicyCommand({ SecretId: 'new/one' }))).ResourcePolicy,
      undefined,
    );
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await env.c.sm.send(new PutResourcePolicyCommand({ SecretId: created.ARN, ResourcePolicy: policy }));
    assert.equal((await env.c.sm.send(new GetResourcePolicyCommand({ SecretId: 'new/one' }))).ResourcePolicy, policy);
    const bad = await sdkError(
      env.c.sm.send(new PutResourcePolicyCommand({ SecretId: 'new/one', ResourcePolicy: '{' })),
    );
    assert.equal(bad.name, 'MalformedPolicyDocumentException');
  });
});
