import { KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Seed } from '../../emulator/types';
import { admin, captureMessages, children, find, label, reset } from './helpers';
import TEAM_ONLY_KEY_POLICY from '../../fixtures/team-only-key-policy.json';
import { KEY_APP, suiteSeed } from './seed';

function seedWithPolicies(): Seed {
  const seed = suiteSeed();
  const region = seed.regions['us-east-1'];
  const key = region.keys!.find((k) => k.id === KEY_APP)!;
  key.policy = TEAM_ONLY_KEY_POLICY;
  return seed;
}

suite('policy-aware removal', () => {
  let messages: ReturnType<typeof captureMessages>;
  setup(() => (messages = captureMessages(null)));
  teardown(() => messages.restore());

  test('the confirmation says first that the key policy uses the tag, and the tag carries a shield', async () => {
    const api = await reset(seedWithPolicies());
    const key = await find(api, 'KMS Keys', 'app-data');
    await children(api, key);
    await api.deps.connections.stores[0].policies.use(api.deps.connections.stores[0].keys.items.values().next().value!);
    const team = (await children(api, await find(api, 'KMS Keys', 'app-data'))).find((t) => label(t) === 'Team')!;
    const item = team.getTreeItem();
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'shield');
    assert.match(String(item.tooltip), /key policy uses this tag in a condition/);
    const cost = (await children(api, key)).find((t) => label(t) === 'CostCenter')!;
    assert.equal((cost.getTreeItem().iconPath as vscode.ThemeIcon).id, 'tag');

    await vscode.commands.executeCommand('awsTags.removeTag', team);
    const modal = messages.shown.find((m) => m.modal)!;
    assert.match(modal.message, /(^|\n)The key policy of "app-data" uses "Team" in a condition/);
    assert.equal(
      (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${KEY_APP}`)).tags.Team,
      'payments',
    );
  });

  test('reads the policy again before confirming: a condition added after the key was expanded is not missed', async () => {
    const api = await reset(suiteSeed());
    const store = api.deps.connections.stores[0];
    await children(api, await find(api, 'KMS Keys', 'app-data'));
    await store.policies.use(store.find(`arn:aws:kms:us-east-1:123456789012:key/${KEY_APP}`)!);
    const policy = seedWithPolicies().regions['us-east-1'].keys!.find((k) => k.id === KEY_APP)!.policy;
    const kms = new KMSClient({ region: 'us-east-1', endpoint: process.env.AWS_TAGS_EMULATOR_URL });
    try {
      await kms.send(
        new PutKeyPolicyCommand({ KeyId: KEY_APP, PolicyName: 'default', Policy: JSON.stringify(policy) }),
      );
    } finally {
      kms.destroy();
    }
    await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'KMS Keys', 'app-data', 'Team'));
    assert.match(
      messages.shown.find((m) => m.modal)?.message ?? '',
      /(^|\n)The key policy of "app-data" uses "Team" in a condition/,
    );
  });

  test('asks even with confirmation turned off when a policy relies on the tag', async () => {
    const api = await reset(seedWithPolicies());
    await vscode.workspace
      .getConfiguration('awsTags')
      .update('confirmRemoval', false, vscode.ConfigurationTarget.Global);
    try {
      const team = await find(api, 'KMS Keys', 'app-data', 'Team');
      await vscode.commands.executeCommand('awsTags.removeTag', team);
      assert.ok(
        messages.shown.some((m) => m.modal),
        'a modal was shown',
      );
      const cost = await find(api, 'KMS Keys', 'app-data', 'CostCenter');
      messages.shown.length = 0;
      await vscode.commands.executeCommand('awsTags.removeTag', cost);
      assert.ok(!messages.shown.some((m) => m.modal), 'no modal for an unguarded tag with confirmation off');
      assert.equal(
        (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${KEY_APP}`)).tags.CostCenter,
        undefined,
      );
    } finally {
      await vscode.workspace
        .getConfiguration('awsTags')
        .update('confirmRemoval', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('says so when a policy cannot be read, and still offers to remove', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'GetResourcePolicy',
      error: 'AccessDeniedException',
    });
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    const modal = messages.shown.find((m) => m.modal);
    assert.ok(modal, 'the removal is still offered');
    assert.match(modal.detail ?? '', /Could not read the policy of "prod\/db"/);
  });
});
