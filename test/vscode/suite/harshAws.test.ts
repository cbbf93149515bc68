// The extension against the AWS that really exists: an untag applied whose answer is lost on every attempt, bulk
// removals whose policies matter beyond the first ones, values changed by someone else before a Restore, and
// replica secrets whose tags only their primary can change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Seed } from '../../emulator/types';
import { admin, answerQuickPick, calls, captureMessages, find, reset } from './helpers';
import { suiteSeed } from './seed';

const secretTags = async (id: string, region = 'us-east-1') =>
  (await admin<{ tags: Record<string, string> }>('GET', `secret-tags?id=${encodeURIComponent(id)}&region=${region}`))
    .tags;

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** 60 secrets carrying `Project`; the 55th's resource policy allows reads only while it carries it. */
function bulkSeed(): Seed {
  const secrets = Array.from({ length: 60 }, (_, i) => ({
    name: `bulk/app-${String(i + 1).padStart(2, '0')}`,
    tags: { Project: 'atlas', Team: 't' },
  }));
  secrets[54] = {
    ...secrets[54],
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/reader' },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/Project': 'atlas' } },
        },
      ],
    },
  } as (typeof secrets)[number];
  return { regions: { 'us-east-1': { secrets } } };
}

suite('against a harsher AWS: lost answers, bulk policies, changed values, replicas', () => {
  const cleanups: Array<() => unknown> = [];
  const use = <T extends { restore: () => unknown }>(stub: T): T => {
    cleanups.push(stub.restore);
    return stub;
  };
  teardown(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const config = () => vscode.workspace.getConfiguration('awsTags');
  /** Removes Team from staging/api (confirmed), then someone else sets it on AWS. */
  const removeTeamThenSomeoneSetsIt = async (api: Awaited<ReturnType<typeof reset>>) => {
    const confirm = captureMessages('Remove');
    try {
      await vscode.commands.executeCommand(
        'awsTags.removeTag',
        await find(api, 'Secrets Manager', 'staging/api', 'Team'),
      );
    } finally {
      confirm.restore();
    }
    await admin('POST', 'mutate', { op: 'tagSecret', secretId: 'staging/api', tags: { Team: 'someone-else' } });
  };

  test('Remove Tag whose untag applies and whose answer is lost on every attempt: reported removed with the reason, Undo puts it back', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'UntagResource',
      action: 'reset',
      when: 'after',
    });
    const messages = use(captureMessages('Remove', 'Undo'));
    await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'Secrets Manager', 'prod/db', 'Team'));
    const report = messages.shown.find((m) => !m.modal && /Removed tag "Team"/.test(m.message));
    assert.ok(report, JSON.stringify(messages.shown));
    assert.match(report.message, /AWS's answer was lost \(ECONNRESET\); reading the secret back shows the tag gone/);
    assert.ok(report.buttons.includes('Undo'));
    assert.ok(
      !messages.shown.some((m) => /Cannot reach the AWS endpoint/.test(m.message)),
      'not reported as a failure',
    );
    // Undo was pressed: TagResource puts the exact value back (no fault on it).
    await waitFor(async () => (await secretTags('prod/db')).Team === 'payments');
    await waitFor(async () =>
      (await api.deps.history.list()).some((e) => e.status === 'restored' && e.tags[0]?.key === 'Team'),
    );
  });

  test('the same lost answer: Restore Removed Tags offers the value, and putting it back works', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'faults', { service: 'kms', operation: 'UntagResource', action: 'error', when: 'after' });
    use(captureMessages('Remove'));
    await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'KMS Keys', 'app-data', 'Team'));
    const keyTags = async () =>
      (await admin<{ tags: Record<string, string> }>('GET', 'key-tags?id=alias/app-data')).tags;
    assert.equal((await keyTags()).Team, undefined, 'AWS applied the untag');
    const offered: string[] = [];
    use(
      answerQuickPick(
        (item) => (
          offered.push(`${item.label} · ${item.description}`),
          item.label === 'Team = payments' && item.description === 'app-data'
        ),
      ),
    );
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    assert.ok(offered.includes('Team = payments · app-data'), `offered: ${offered.join(', ')}`);
    await waitFor(async () => (await keyTags()).Team === 'payments');
  });

  test("bulk Remove Tag of 60 with confirmRemoval off: the 55th resource's policy uses the key, so the dialog is shown", async () => {
    const api = await reset(bulkSeed());
    await config().update('confirmRemoval', false, vscode.ConfigurationTarget.Global);
    use({ restore: () => config().update('confirmRemoval', undefined, vscode.ConfigurationTarget.Global) });
    const selected = [];
    for (let i = 1; i <= 60; i++)
      selected.push(await find(api, 'Secrets Manager', `bulk/app-${String(i).padStart(2, '0')}`, 'Project'));
    const messages = use(captureMessages(null));
    await vscode.commands.executeCommand('awsTags.removeTag', selected[0], selected);
    const dialog = messages.shown.find((m) => m.modal);
    assert.ok(dialog, 'asked');
    assert.match(dialog.message, /The resource policy of "bulk\/app-55" uses "Project" in a condition/);
    assert.equal((await calls()).filter((c) => c.operation === 'UntagResource').length, 0, 'declined: nothing removed');
  });

  test('a bulk Remove Tag with confirmRemoval off still asks when one policy cannot be read, and names it', async () => {
    const api = await reset(suiteSeed());
    await config().update('confirmRemoval', false, vscode.ConfigurationTarget.Global);
    use({ restore: () => config().update('confirmRemoval', undefined, vscode.ConfigurationTarget.Global) });
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'GetResourcePolicy',
      resource: 'staging/api',
      error: 'AccessDeniedException',
      status: 400,
    });
    const messages = use(captureMessages(null));
    const selected = [
      await find(api, 'Secrets Manager', 'prod/db', 'Team'),
      await find(api, 'Secrets Manager', 'staging/api', 'Team'),
      await find(api, 'KMS Keys', 'app-data', 'Team'),
    ];
    await vscode.commands.executeCommand('awsTags.removeTag', selected[0], selected);
    assert.equal((await calls()).filter((c) => c.operation === 'UntagResource').length, 0, 'declined: nothing removed');
    const dialog = messages.shown.find((m) => m.modal);
    assert.ok(dialog, 'asked');
    assert.match(dialog.detail ?? '', /Could not read the policy of "staging\/api"/);
    assert.match(dialog.message, /Remove 3 tags from 3 resources\?/);
  });

  test('Restore over a value someone changed meanwhile asks first, and keeps the overwritten value in the history', async () => {
    const api = await reset(suiteSeed());
    await removeTeamThenSomeoneSetsIt(api);
    const messages = use(captureMessages('Overwrite'));
    use(answerQuickPick((item) => item.label === 'Team = web' && item.description === 'staging/api'));
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    const asked = messages.shown.find((m) => m.modal);
    assert.match(asked?.message ?? '', /Someone changed "Team" on "staging\/api" since it was read\. Overwrite it\?/);
    assert.match(asked?.detail ?? '', /is "someone-else" on AWS \(expected no such tag\); it would become "web"/);
    assert.equal((await secretTags('staging/api')).Team, 'web');
    const [newest] = await api.deps.history.list();
    assert.deepEqual(
      [newest.change, newest.tags, newest.status],
      ['overwrite', [{ key: 'Team', value: 'someone-else' }], 'replaced'],
    );
  });

  test('declining that question changes nothing', async () => {
    const api = await reset(suiteSeed());
    await removeTeamThenSomeoneSetsIt(api);
    use(captureMessages(null));
    use(answerQuickPick((item) => item.label === 'Team = web' && item.description === 'staging/api'));
    await admin('DELETE', 'calls');
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    assert.equal((await secretTags('staging/api')).Team, 'someone-else');
    assert.equal((await calls()).filter((c) => c.operation === 'TagResource').length, 0);
  });

  test("a replica secret's tags are read-only with the reason; Remove Tag Key Everywhere across regions skips it and says so", async () => {
    const seed = suiteSeed();
    seed.regions['us-east-1'].secrets![0] = { ...seed.regions['us-east-1'].secrets![0], replicaRegions: ['eu-west-1'] };
    seed.regions['eu-west-1'] = { secrets: [] };
    const api = await reset(seed);
    await config().update('regions', ['us-east-1', 'eu-west-1'], vscode.ConfigurationTarget.Global);
    use({ restore: () => config().update('regions', undefined, vscode.ConfigurationTarget.Global) });
    await api.deps.connections.ready();
    const replicaTag = await find(api, 'default · eu-west-1', 'Secrets Manager', 'prod/db', 'Team');
    const item = replicaTag.getTreeItem();
    assert.equal(item.contextValue, 'tag;readonly');
    assert.match(String(item.tooltip), /Replica of "prod\/db" in us-east-1: change the primary/);

    const messages = use(captureMessages(null));
    const titles: Array<string | undefined> = [];
    const offered: string[] = [];
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const saved = window.showQuickPick;
    use({ restore: () => (window.showQuickPick = saved) });
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => {
      titles.push(options?.title);
      const list = await items;
      if (!options?.canPickMany) return list.find((i) => i.label === 'Team');
      offered.push(...list.map((i) => `${i.label} ${i.description}`));
      return list;
    }) as unknown as typeof vscode.window.showQuickPick;
    await vscode.commands.executeCommand('awsTags.removeTagKeyEverywhere');
    assert.ok(
      titles.includes('Not included: 1 replica secret (their tags follow their primary)'),
      JSON.stringify(titles),
    );
    assert.ok(!offered.some((o) => /eu-west-1/.test(o)), `the replica is not offered: ${offered.join('; ')}`);
    assert.match(
      messages.shown.find((m) => m.modal)?.detail ?? '',
      /"prod\/db" is replicated to eu-west-1: Secrets Manager removes the tags from its replicas too/,
    );
  });
});
