// The AWS that really exists, as the emulator can now be: answers lost after the change was applied, reads that
// lag behind writes, and replica secrets. Each behaviour is seen through the SDK and, where it can see it, the CLI.
import * as assert from 'node:assert/strict';
import {
  DescribeKeyCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  UntagResourceCommand as KmsUntag,
} from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  ListSecretsCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { cli, sdk, sdkError } from './helpers';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { KEY_A, KMS_SEED, SECRETS_SEED } from './test-seeds';

const tagsOf = (list: Array<{ Key?: string; Value?: string }> | undefined) =>
  Object.fromEntries((list ?? []).map((t) => [t.Key, t.Value]));

describe('emulator: lost answers, lagging reads and replicas', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let c: ReturnType<typeof sdk>;
  let once: ReturnType<typeof sdk>;
  before(async () => {
    const seed = {
      regions: {
        ...SECRETS_SEED.regions,
        'us-east-1': { ...SECRETS_SEED.regions['us-east-1'], ...KMS_SEED.regions['us-east-1'] },
      },
    };
    emu = await startEmulator({ seed, quiet: true });
    c = sdk(emu);
    once = sdk(emu, { maxAttempts: 1, requestTimeout: 500 });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    c.destroy();
    once.destroy();
    await emu.stop();
  });

  describe("faults 'after' the operation", () => {
    it('reset after: the untag is applied on AWS, the caller only sees a dropped connection', async () => {
      emu.addFault({ operation: 'secretsmanager.UntagResource', action: 'reset', when: 'after' });
      const error = await sdkError(
        once.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] })),
      );
      assert.match(`${error.name} ${error.message}`, /ECONNRESET|socket hang up/i);
      assert.equal(emu.secretTags('prod/payments/db').Team, undefined);
      const [call] = emu.calls({ op: 'secretsmanager.UntagResource' });
      assert.deepEqual([call.outcome, call.status, call.appliedThenLost], ['reset', 0, true]);
    });

    it('500 after, on every attempt: each retry re-applies (idempotent) and the SDK ends in the 500', async () => {
      emu.addFault({ service: 'kms', operation: 'UntagResource', when: 'after' });
      const error = await sdkError(c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['Team'] })));
      assert.equal(error.name, 'KMSInternalException');
      assert.equal(emu.keyTags(KEY_A).Team, undefined);
      assert.deepEqual(
        emu.calls({ op: 'kms.UntagResource' }).map((x) => x.outcome),
        ['KMSInternalException', 'KMSInternalException', 'KMSInternalException'],
      );
    });

    it('hang after: the tag is set on AWS, the client times out', async () => {
      emu.addFault({ operation: 'secretsmanager.TagResource', action: 'hang', hangMs: 2_000, when: 'after', times: 1 });
      const error = await sdkError(
        once.sm.send(new TagResourceCommand({ SecretId: 'never-tagged', Tags: [{ Key: 'Team', Value: 'new' }] })),
      );
      assert.match(error.name, /TimeoutError|RequestTimeout/);
      assert.equal(emu.secretTags('never-tagged').Team, 'new');
    });

    it("'before' (the default) changes nothing, and the CLI sees an 'after' 500 while the change lands", async () => {
      emu.addFault({ operation: 'secretsmanager.UntagResource', error: 'InternalServiceError', times: 1 });
      await sdkError(once.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] })));
      assert.equal(emu.secretTags('prod/payments/db').Team, 'payments');
      emu.addFault({ operation: 'secretsmanager.UntagResource', error: 'InternalServiceError', when: 'after' });
      const r = await cli(emu, [
        'secretsmanager',
        'untag-resource',
        '--secret-id',
        'prod/payments/db',
        '--tag-keys',
        'Team',
      ]);
      assert.notEqual(r.code, 0);
      assert.equal(r.error, 'InternalServiceError');
      assert.equal(emu.secretTags('prod/payments/db').Team, undefined);
    });

    it('refuses a timing other than before or after', () => {
      assert.throws(() => emu.addFault({ operation: 'UntagResource', when: 'during' as never }), /before.*after/);
    });
  });

  describe('read-after-write lag', () => {
    it('is off by default: every read right after a write sees it', async () => {
      await c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['Team'] }));
      const tags = await c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_A }));
      assert.equal(
        tags.Tags?.some((t) => t.TagKey === 'Team'),
        false,
      );
    });

    it('KMS ListResourceTags and DescribeKey answer the previous state for the lag, then the new one (SDK and CLI)', async () => {
      emu.setReadLag({ ms: 3_000 });
      await c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['Team'] }));
      await c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: KEY_A, PendingWindowInDays: 7 }));
      const stale = await c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_A }));
      assert.equal(stale.Tags?.find((t) => t.TagKey === 'Team')?.TagValue, 'payments');
      assert.equal((await c.kms.send(new DescribeKeyCommand({ KeyId: KEY_A }))).KeyMetadata?.KeyState, 'Enabled');
      const viaCli = await cli(emu, ['kms', 'list-resource-tags', '--key-id', KEY_A]);
      assert.ok((viaCli.json?.Tags as Array<{ TagKey: string }>).some((t) => t.TagKey === 'Team'));
      assert.equal(emu.keyTags(KEY_A).Team, undefined, 'AWS itself holds the change');
      await new Promise((r) => setTimeout(r, 3_100));
      const fresh = await c.kms.send(new ListResourceTagsCommand({ KeyId: KEY_A }));
      assert.equal(
        fresh.Tags?.some((t) => t.TagKey === 'Team'),
        false,
      );
      assert.equal(
        (await c.kms.send(new DescribeKeyCommand({ KeyId: KEY_A }))).KeyMetadata?.KeyState,
        'PendingDeletion',
      );
    });

    it('DescribeSecret and ListSecrets lag too; only the operations named lag when some are', async () => {
      emu.setReadLag({ ms: 5_000, operations: ['secretsmanager.DescribeSecret'] });
      await c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] }));
      assert.equal(
        tagsOf((await c.sm.send(new DescribeSecretCommand({ SecretId: 'prod/payments/db' }))).Tags).Team,
        'payments',
      );
      const listed = await c.sm.send(new ListSecretsCommand({}));
      assert.equal(tagsOf(listed.SecretList?.find((s) => s.Name === 'prod/payments/db')?.Tags).Team, undefined);
      emu.setReadLag({ ms: 5_000 });
      await c.sm.send(new TagResourceCommand({ SecretId: 'prod/payments/db', Tags: [{ Key: 'Team', Value: 'back' }] }));
      const viaCli = await cli(emu, ['secretsmanager', 'list-secrets']);
      const entry = (
        viaCli.json?.SecretList as Array<{ Name: string; Tags?: Array<{ Key: string; Value: string }> }>
      ).find((s) => s.Name === 'prod/payments/db');
      assert.equal(tagsOf(entry?.Tags).Team, undefined);
    });

    it('refuses an unknown operation or a negative time', () => {
      assert.throws(() => emu.setReadLag({ ms: 10, operations: ['kms.ListKeys'] }), /not one of/);
      assert.throws(() => emu.setReadLag({ ms: -1 }), /0 or more/);
    });
  });

  describe('replica secrets', () => {
    it('ReplicateSecretToRegions: the replica is listed in its Region with PrimaryRegion, the primary shows ReplicationStatus', async () => {
      const answer = await c.sm.send(
        new ReplicateSecretToRegionsCommand({
          SecretId: 'prod/payments/db',
          AddReplicaRegions: [{ Region: 'eu-west-1' }],
        }),
      );
      assert.deepEqual(
        answer.ReplicationStatus?.map((r) => [r.Region, r.Status]),
        [['eu-west-1', 'InProgress']],
      );
      const primary = await c.sm.send(new DescribeSecretCommand({ SecretId: 'prod/payments/db' }));
      assert.equal(primary.PrimaryRegion, 'us-east-1');
      assert.deepEqual(
        primary.ReplicationStatus?.map((r) => [r.Region, r.Status, r.StatusMessage]),
        [['eu-west-1', 'InSync', 'Replication succeeded']],
      );
      const eu = sdk(emu, { region: 'eu-west-1' });
      try {
        const listed = await eu.sm.send(new ListSecretsCommand({}));
        const replica = listed.SecretList?.find((s) => s.Name === 'prod/payments/db');
        assert.equal(replica?.ARN, primary.ARN?.replace('us-east-1', 'eu-west-1'));
        assert.equal(replica?.PrimaryRegion, 'us-east-1');
        assert.equal('ReplicationStatus' in (replica ?? {}), false, 'list entries carry no ReplicationStatus');
        assert.deepEqual(tagsOf(replica?.Tags), tagsOf(primary.Tags));
      } finally {
        eu.destroy();
      }
      const viaCli = await cli(emu, ['secretsmanager', 'describe-secret', '--secret-id', 'prod/payments/db'], {
        region: 'eu-west-1',
      });
      assert.equal(viaCli.json?.PrimaryRegion, 'us-east-1');
    });

    it('refuses tag changes on a replica with InvalidParameterException; tags changed on the primary follow to the replica', async () => {
      await c.sm.send(
        new ReplicateSecretToRegionsCommand({
          SecretId: 'prod/payments/db',
          AddReplicaRegions: [{ Region: 'eu-west-1' }],
        }),
      );
      const eu = sdk(emu, { region: 'eu-west-1', maxAttempts: 1 });
      try {
        const refused = await sdkError(
          eu.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] })),
        );
        assert.deepEqual(refused, {
          name: 'InvalidParameterException',
          message: "Operation not permitted on a replica secret. Call must be made in primary secret's region.",
          status: 400,
        });
        const viaCli = await cli(
          emu,
          ['secretsmanager', 'tag-resource', '--secret-id', 'prod/payments/db', '--tags', 'Key=a,Value=b'],
          { region: 'eu-west-1' },
        );
        assert.equal(viaCli.error, 'InvalidParameterException');
        await c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] }));
        assert.equal(emu.secretTags('prod/payments/db', 'eu-west-1').Team, undefined);
      } finally {
        eu.destroy();
      }
    });

    it('RemoveRegionsFromReplication deletes the replica (CLI)', async () => {
      await cli(emu, [
        'secretsmanager',
        'replicate-secret-to-regions',
        '--secret-id',
        'prod/payments/db',
        '--add-replica-regions',
        'Region=eu-west-1',
      ]);
      assert.ok(emu.secret('prod/payments/db', 'eu-west-1'));
      const r = await cli(emu, [
        'secretsmanager',
        'remove-regions-from-replication',
        '--secret-id',
        'prod/payments/db',
        '--remove-replica-regions',
        'eu-west-1',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json?.ReplicationStatus, []);
      assert.throws(() => emu.secret('prod/payments/db', 'eu-west-1'));
      await c.sm.send(
        new RemoveRegionsFromReplicationCommand({ SecretId: 'prod/payments/db', RemoveReplicaRegions: ['eu-west-1'] }),
      );
    });

    it('a seed can hold a replicated secret', () => {
      emu.reset({
        regions: {
          'us-east-1': {
            secrets: [{ name: 'shared/key', tags: { Team: 't' }, replicaRegions: ['eu-west-1', 'ap-south-1'] }],
          },
        },
      });
      assert.equal(emu.secret('shared/key', 'ap-south-1').primaryRegion, 'us-east-1');
      assert.deepEqual(
        emu.secret('shared/key').replicas?.map((r) => r.region),
        ['eu-west-1', 'ap-south-1'],
      );
    });
  });
});
