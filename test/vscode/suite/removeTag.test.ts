import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, calls, captureMessages, children, find, label, redrawsDuring, reset } from './helpers';
import { KEY_APP, suiteSeed } from './seed';

const tagsOf = async (id: string, kind: 'secret' | 'key') =>
  (await admin<{ tags: Record<string, string> }>('GET', `${kind}-tags?id=${encodeURIComponent(id)}`)).tags;

suite('Remove Tag in the extension host', () => {
  let messages: ReturnType<typeof captureMessages>;
  setup(() => (messages = captureMessages('Remove')));
  teardown(() => messages.restore());

  test("removes a secret's tag on AWS after a modal naming key and value, and redraws only that secret", async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await api.deps.connections.stores[0].loadSecrets().done;
    const fired = await redrawsDuring(api, () => vscode.commands.executeCommand('awsTags.removeTag', tag));
    const modal = messages.shown.find((m) => m.modal);
    assert.match(modal?.message ?? '', /Remove tag "Team" from secret "prod\/db"\?/);
    assert.deepEqual(Object.keys(await tagsOf('prod/db', 'secret')).sort(), ['Environment', 'Owner']);
    const redrawn = fired.map((n) => (n ? `${n.getTreeItem().contextValue}:${label(n)}` : 'everything'));
    assert.ok(redrawn.length > 0 && redrawn.every((n) => n === 'secret:prod/db'), `redrawn: ${redrawn.join(', ')}`);
    const remaining = await children(api, await find(api, 'Secrets Manager', 'prod/db'));
    assert.deepEqual(remaining.map(label), ['Environment', 'Owner']);
  });

  test('shows and records the value AWS holds when someone changed it after the tree listed it', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    assert.equal(tag.getTreeItem().description, 'payments');
    await admin('POST', 'mutate', { op: 'tagSecret', secretId: 'prod/db', tags: { Team: 'platform' } });
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.match(messages.shown.find((m) => m.modal)?.detail ?? '', /prod\/db: Team = platform/);
    assert.equal((await tagsOf('prod/db', 'secret')).Team, undefined);
    const [entry] = await api.deps.history.list();
    assert.deepEqual(entry.tags, [{ key: 'Team', value: 'platform' }], 'Undo and Restore put back what AWS held');
  });

  test("removes a KMS key's tag by key ARN", async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'KMS Keys', 'app-data', 'CostCenter');
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.deepEqual(await tagsOf(KEY_APP, 'key'), { Team: 'payments' });
    const untag = (await calls()).find((c) => c.op === 'kms.UntagResource');
    assert.match(untag?.resource ?? '', /^arn:aws:kms:/);
  });

  test('makes one call per resource for a multi-selection across resources', async () => {
    const api = await reset(suiteSeed());
    const a = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const b = await find(api, 'Secrets Manager', 'prod/db', 'Environment');
    const c = await find(api, 'KMS Keys', 'app-data', 'Team');
    await vscode.commands.executeCommand('awsTags.removeTag', a, [a, b, c]);
    const untags = (await calls()).filter((r) => r.operation === 'UntagResource');
    assert.equal(untags.length, 2);
    assert.deepEqual(untags.find((r) => r.op === 'secretsmanager.UntagResource')?.tagKeys?.sort(), [
      'Environment',
      'Team',
    ]);
    assert.deepEqual(Object.keys(await tagsOf('prod/db', 'secret')), ['Owner']);
  });

  test('cancelling the modal changes nothing', async () => {
    messages.restore();
    messages = captureMessages(null);
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.ok(messages.shown.some((m) => m.modal));
    const made = (await calls()).map((r) => `${r.op} ${r.resource ?? ''} ${JSON.stringify(r.tagKeys ?? [])}`);
    assert.ok(!made.some((r) => r.includes('UntagResource')), made.join('\n'));
    assert.equal((await tagsOf('prod/db', 'secret')).Team, 'payments');
  });

  test('access denied: an error naming the permission and the lock-out guard, and the tag stays in the tree', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'deny-untag', { tagKey: 'Team' });
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    const error = messages.shown.find((m) => m.kind === 'showErrorMessage');
    assert.match(error?.message ?? '', /secretsmanager:UntagResource/);
    assert.match(error?.message ?? '', /your own access/);
    const tags = await children(api, await find(api, 'Secrets Manager', 'prod/db'));
    assert.ok(tags.some((t) => label(t) === 'Team' && t.getTreeItem().contextValue === 'tag'));
  });

  test('a key pending deletion refuses: the message says why and nothing changes', async () => {
    const api = await reset(suiteSeed());
    const resource = await find(api, 'KMS Keys', 'old');
    const [tag] = await children(api, resource);
    // The menu hides Remove Tag here; the command itself must refuse too.
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.ok(!(await calls()).some((r) => r.operation === 'UntagResource'));
    assert.ok(!messages.shown.some((m) => m.modal), 'nothing to confirm');
    assert.equal(
      messages.shown.find((m) => m.kind === 'showInformationMessage')?.message,
      '"Team" on "old" stays: The key is pending deletion; cancel the deletion to change its tags.',
    );
  });

  test('a secret deleted meanwhile disappears from the tree with a message', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await admin('POST', 'mutate', { op: 'deleteSecret', secretId: 'prod/db', force: true });
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.match(messages.shown.find((m) => m.kind === 'showErrorMessage')?.message ?? '', /no longer exists/);
    const secrets = await children(api, await find(api, 'Secrets Manager'));
    assert.deepEqual(secrets.map(label), ['staging/api']);
  });
});
