// Least privilege: the emulator's IAM stand-in allows exactly the actions of the README's policy (read from the
// README itself, so the test follows any change to it), and every feature of the service layer is tried.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, errorCategory } from '../../src/aws/errors';
import type { AwsResource, KmsKeyResource, Tag } from '../../src/aws/types';
import { tagAction, untagAction } from '../../src/commands/removalText';
import type { Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';
import { removeTags, putTags } from './writes';

const KEY_DATA = '7d7d7d7d-1111-4111-8111-111111111111';

function seed(): Seed {
  return {
    regions: {
      [REGION]: {
        secrets: [
          {
            name: 'prod/db',
            tags: { Environment: 'prod', Team: 'payments' },
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: '*' },
                  Action: 'secretsmanager:GetSecretValue',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } },
                },
              ],
            },
          },
          { name: 'app/api', tags: { Team: 'web' } },
        ],
        keys: [
          { id: KEY_DATA, aliases: ['alias/payments-data'], tags: { CostCenter: '42', Team: 'payments' } },
          { id: '7e7e7e7e-2222-4222-8222-222222222222', aliases: ['alias/aws/s3'], manager: 'AWS' },
        ],
      },
    },
  };
}

/** The actions of the JSON policy under "## IAM permissions" in the README. */
function readmePolicyActions(): string[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('IAM permissions'));
  assert.ok(section, 'the README has an "## IAM permissions" section');
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  assert.ok(block, 'the IAM permissions section has a JSON policy');
  const policy = JSON.parse(block[1]) as { Statement: Array<{ Effect: string; Action: string | string[] }> };
  return policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
}

const LIST_ONLY = [
  'secretsmanager:ListSecrets',
  'kms:ListKeys',
  'kms:ListAliases',
  'secretsmanager:DescribeSecret',
  'kms:DescribeKey',
  'kms:ListResourceTags',
];

describe('service layer against the emulator: least privilege', () => {
  let h: Harness;
  const denied = () => h.emulator.calls({ outcome: 'AccessDeniedException' }).map((c) => c.op);

  /** Loads both lists the way the tree does, with every customer key's details. */
  async function loadEverything() {
    const store = h.newStore();
    await Promise.all([store.loadSecrets().done, store.loadKeys().done]);
    assert.equal(store.secrets.status, 'done', `secrets: ${String(store.secrets.error)}`);
    assert.equal(store.keys.status, 'done', `keys: ${String(store.keys.error)}`);
    assert.deepEqual([...store.secrets.items.values()].map((s) => s.name).sort(), ['app/api', 'prod/db']);
    const key = [...store.keys.items.values()].find((k) => k.keyId === KEY_DATA) as KmsKeyResource;
    assert.deepEqual(
      key.tags?.map((t) => t.key),
      ['CostCenter', 'Team'],
      "the key's details and tags were read",
    );
    assert.equal(key.keyState, 'Enabled');
    const secret = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
    return { store, secret, key };
  }

  before(async () => {
    h = await startHarness(seed());
  });
  after(() => stopHarness(h));
  beforeEach(() => h.emulator.reset(seed()));

  describe('exactly the README policy', () => {
    beforeEach(() => h.emulator.allowOnlyActions(readmePolicyActions()));

    it('is a policy without GetSecretValue or wildcards', () => {
      const actions = readmePolicyActions();
      assert.ok(actions.length > 0);
      assert.ok(!actions.some((a) => /GetSecretValue|\*/.test(a)), actions.join(', '));
    });

    it('lists both services with details, reads a secret back, and removes tags from a secret and a key', async () => {
      const { secret, key } = await loadEverything();
      assert.equal((await h.services.secrets.describe(secret.arn)).name, 'prod/db');
      const outcomes = await removeTags(h.services, [
        { resource: secret, tags: [{ key: 'Team', value: 'payments' }] },
        { resource: key, tags: [{ key: 'CostCenter', value: '42' }] },
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['removed', 'removed'],
        outcomes.map((o) => String(o.error)).join('; '),
      );
      assert.deepEqual(h.emulator.secretTags('prod/db'), { Environment: 'prod' });
      assert.deepEqual(h.emulator.keyTags(KEY_DATA), { Team: 'payments' });
      assert.deepEqual(denied(), []);
    });

    it("reads the secret's resource policy and the key policy that the confirmation checks", async () => {
      const { store, secret, key } = await loadEverything();
      const [secretUse, keyUse] = await Promise.all([store.policies.use(secret), store.policies.use(key)]);
      assert.equal(secretUse.error, undefined, String(secretUse.error));
      assert.equal(keyUse.error, undefined, String(keyUse.error));
      assert.deepEqual([...(secretUse.keys ?? [])], ['team'], 'the condition on aws:ResourceTag/Team was found');
      assert.deepEqual([...(keyUse.keys ?? [])], []);
      assert.deepEqual(denied(), []);
    });

    it('adds, edits, undoes and restores tags (TagResource) on a secret and a key', async () => {
      const { secret, key } = await loadEverything();
      const failures: string[] = [];
      const attempt = async (feature: string, resource: AwsResource, tags: Tag[]) => {
        try {
          await putTags(h.services, resource, tags);
        } catch (error) {
          const { message } = describeError(error, { action: tagAction(resource), resource: resource.name });
          failures.push(`${feature} on ${resource.name}: ${errorCategory(error)}: ${message}`);
        }
      };
      for (const resource of [secret, key] as AwsResource[]) {
        await attempt('Add Tag', resource, [{ key: 'Project', value: 'apollo' }]);
        await attempt('Edit Tag Value', resource, [{ key: 'Team', value: 'renamed' }]);
        await attempt('Undo of the edit', resource, [{ key: 'Team', value: 'payments' }]);
        const [removed] = await removeTags(h.services, [{ resource, tags: [{ key: 'Team', value: 'payments' }] }]);
        assert.equal(removed.status, 'removed');
        await attempt('Restore Removed Tags', resource, [{ key: 'Team', value: 'payments' }]);
      }
      const missing = [
        ...new Set(h.emulator.calls({ outcome: 'AccessDeniedException' }).map((c) => `${c.service}:${c.operation}`)),
      ];
      assert.equal(failures.length, 0, `the README policy lacks ${missing.join(' and ')}:\n${failures.join('\n')}`);
      assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
      assert.equal(h.emulator.keyTags(KEY_DATA).Team, 'payments');
    });
  });

  describe('list-only permissions', () => {
    beforeEach(() => h.emulator.allowOnlyActions(LIST_ONLY));

    it('still lists both services with details', async () => {
      await loadEverything();
      // tag:GetResources is optional: key tags are then read per key (once refused, a scope does not ask again).
      assert.deepEqual(
        denied().filter((op) => op !== 'tagging.GetResources'),
        [],
      );
    });

    it('refuses removal with the access-denied category and a message naming the missing permission; the tags stay', async () => {
      const { secret, key } = await loadEverything();
      const outcomes = await removeTags(h.services, [
        { resource: secret, tags: [{ key: 'Team', value: 'payments' }] },
        { resource: key, tags: [{ key: 'Team', value: 'payments' }] },
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['failed', 'failed'],
      );
      assert.deepEqual(
        outcomes.map((o) => errorCategory(o.error)),
        ['accessDenied', 'accessDenied'],
      );
      const messages = outcomes.map(
        (o) =>
          describeError(o.error, { action: untagAction(o.request.resource), resource: o.request.resource.name })
            .message,
      );
      assert.match(messages[0], /may not call secretsmanager:UntagResource on "prod\/db"/);
      assert.match(messages[1], /may not call kms:UntagResource on "payments-data"/);
      assert.match(
        String((outcomes[0].error as Error).message),
        /secretsmanager:UntagResource/,
        "AWS's own message names the action too",
      );
      assert.deepEqual(
        outcomes.map((o) => o.current?.tags?.some((t) => t.key === 'Team')),
        [true, true],
        'the read-backs show the tags still there',
      );
      assert.deepEqual(h.emulator.secretTags('prod/db'), { Environment: 'prod', Team: 'payments' });
      assert.deepEqual(h.emulator.keyTags(KEY_DATA), { CostCenter: '42', Team: 'payments' });
      assert.deepEqual(denied().sort(), ['kms.UntagResource', 'secretsmanager.UntagResource']);
    });

    it('refuses Add Tag, Edit and Undo (TagResource) with a message naming the permission', async () => {
      const { secret, key } = await loadEverything();
      for (const resource of [secret, key] as AwsResource[]) {
        await assert.rejects(putTags(h.services, resource, [{ key: 'Project', value: 'apollo' }]), (error) => {
          assert.equal(errorCategory(error), 'accessDenied');
          assert.match(
            describeError(error, { action: tagAction(resource), resource: resource.name }).message,
            new RegExp(`may not call ${tagAction(resource)} on`),
          );
          return true;
        });
      }
      assert.equal(h.emulator.secretTags('prod/db').Project, undefined);
    });

    it('cannot read the policies, which the confirmation then says, and nothing fails', async () => {
      const { store, secret, key } = await loadEverything();
      const uses = await Promise.all([store.policies.use(secret), store.policies.use(key)]);
      assert.deepEqual(
        uses.map((u) => u.keys),
        [undefined, undefined],
      );
      assert.deepEqual(
        uses.map((u) => errorCategory(u.error)),
        ['accessDenied', 'accessDenied'],
      );
    });
  });
});
