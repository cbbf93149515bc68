import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, answerInputBoxes, answerQuickPick, captureMessages, children, find, label, reset } from './helpers';
import { KEY_APP, suiteSeed } from './seed';

const secretTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `secret-tags?id=${encodeURIComponent(id)}`)).tags;
const keyTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${encodeURIComponent(id)}`)).tags;

suite('Add, Edit, Undo and Restore in the extension host', () => {
  const cleanups: Array<() => unknown> = [];
  teardown(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  function use<T extends { restore: () => unknown }>(stub: T): T {
    cleanups.push(stub.restore);
    return stub;
  }

  test('adds a tag to a secret after checking key and value, and shows it under the secret', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages());
    const inputs = use(answerInputBoxes(['Project', 'Apollo 11']));
    await vscode.commands.executeCommand('awsTags.addTag', await find(api, 'Secrets Manager', 'prod/db'));
    assert.deepEqual(inputs.problems, [undefined, undefined]);
    assert.equal((await secretTags('prod/db')).Project, 'Apollo 11');
    const tags = await children(api, await find(api, 'Secrets Manager', 'prod/db'));
    assert.ok(tags.some((t) => label(t) === 'Project' && t.getTreeItem().description === 'Apollo 11'));
  });

  test('refuses a reserved or duplicate key before any call', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages());
    const inputs = use(answerInputBoxes(['aws:owner']));
    await vscode.commands.executeCommand('awsTags.addTag', await find(api, 'KMS Keys', 'app-data'));
    assert.match(inputs.problems[0] ?? '', /reserved/);
    inputs.restore();
    const duplicate = use(answerInputBoxes(['Team']));
    await vscode.commands.executeCommand('awsTags.addTag', await find(api, 'KMS Keys', 'app-data'));
    assert.match(duplicate.problems[0] ?? '', /already a tag/);
    const tagCalls = (await admin<Array<{ operation: string }>>('GET', 'calls')).filter(
      (c) => c.operation === 'TagResource',
    );
    assert.equal(tagCalls.length, 0);
  });

  test("edits a key's tag value, and Undo puts the old value back", async () => {
    const api = await reset(suiteSeed());
    use(captureMessages('Remove', 'Undo'));
    use(answerInputBoxes(['43']));
    await vscode.commands.executeCommand('awsTags.editTagValue', await find(api, 'KMS Keys', 'app-data', 'CostCenter'));
    // Undo was pressed on the result notification: the value is 42 again on AWS and in the tree.
    await waitFor(async () => (await keyTags(KEY_APP)).CostCenter === '42');
    const edits = (await admin<Array<{ operation: string }>>('GET', 'calls')).filter(
      (c) => c.operation === 'TagResource',
    );
    assert.equal(edits.length, 2, 'one call for the edit, one for the undo');
    await waitFor(
      async () => (await find(api, 'KMS Keys', 'app-data', 'CostCenter')).getTreeItem().description === '42',
    );
  });

  test('Edit asks before overwriting a value someone changed meanwhile, and keeps the value AWS held for Undo', async () => {
    const api = await reset(suiteSeed());
    const messages = use(captureMessages('Overwrite', 'Undo'));
    const tag = await find(api, 'KMS Keys', 'app-data', 'CostCenter');
    await admin('POST', 'mutate', { op: 'tagKey', keyId: KEY_APP, tags: { CostCenter: '77' } });
    use(answerInputBoxes(['43']));
    await vscode.commands.executeCommand('awsTags.editTagValue', tag);
    assert.ok(
      messages.shown.some(
        (m) =>
          /Someone changed "CostCenter" on "app-data"/.test(m.message) &&
          /is "77" on AWS \(expected "42"\)/.test(m.detail ?? ''),
      ),
      `asked before overwriting: ${JSON.stringify(messages.shown)}`,
    );
    assert.deepEqual((await api.deps.history.list())[0].tags, [{ key: 'CostCenter', value: '77' }]);
    await waitFor(async () => (await keyTags(KEY_APP)).CostCenter === '77');
  });

  test('Undo after a removal puts back the exact key and value', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages('Remove', 'Undo'));
    const untagged: string[] = [];
    const removal = vscode.commands.executeCommand(
      'awsTags.removeTag',
      await find(api, 'Secrets Manager', 'prod/db', 'Owner'),
    );
    await removal;
    // The removal did happen (one UntagResource of "Owner"), and Undo then put the empty value back.
    for (const c of await admin<Array<{ operation: string; tagKeys?: string[] }>>('GET', 'calls'))
      if (c.operation === 'UntagResource') untagged.push(...(c.tagKeys ?? []));
    assert.deepEqual(untagged, ['Owner']);
    await waitFor(async () => (await secretTags('prod/db')).Owner === '');
    assert.deepEqual(Object.keys(await secretTags('prod/db')).sort(), ['Environment', 'Owner', 'Team']);
  });

  test('Add Tag on a secret someone deleted meanwhile: the error, and the secret leaves the tree', async () => {
    const api = await reset(suiteSeed());
    const messages = use(captureMessages());
    const secret = await find(api, 'Secrets Manager', 'prod/db');
    await admin('POST', 'mutate', { op: 'deleteSecret', secretId: 'prod/db', force: true });
    use(answerInputBoxes(['Project', 'x']));
    await vscode.commands.executeCommand('awsTags.addTag', secret);
    assert.match(messages.shown.find((m) => m.kind === 'showErrorMessage')?.message ?? '', /no longer exists/);
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager'))).map(label), ['staging/api']);
  });

  test('Edit on a key scheduled for deletion meanwhile: refused by AWS, and the tree then shows the key pending deletion', async () => {
    const api = await reset(suiteSeed());
    const messages = use(captureMessages());
    const tag = await find(api, 'KMS Keys', 'app-data', 'CostCenter');
    await admin('POST', 'mutate', { op: 'setKeyState', keyId: KEY_APP, state: 'PendingDeletion' });
    use(answerInputBoxes(['43']));
    await vscode.commands.executeCommand('awsTags.editTagValue', tag);
    assert.ok(
      messages.shown.some((m) => m.kind === 'showErrorMessage'),
      'an error is shown',
    );
    assert.equal((await keyTags(KEY_APP)).CostCenter, '42');
    const key = await find(api, 'KMS Keys', 'app-data');
    assert.match(String(key.getTreeItem().description ?? ''), /pending deletion/);
    const tags = await children(api, key);
    assert.ok(
      tags.every((t) => t.getTreeItem().contextValue === 'tag;readonly'),
      'its tags are read-only now',
    );
  });

  test('Restore Removed Tags lists the history and restores a picked entry', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages('Remove'));
    await vscode.commands.executeCommand(
      'awsTags.removeTag',
      await find(api, 'Secrets Manager', 'staging/api', 'Team'),
    );
    assert.equal((await secretTags('staging/api')).Team, undefined);
    const history = await api.deps.history.list();
    assert.equal(history[0].tags[0].key, 'Team');
    assert.equal(history[0].tags[0].value, 'web');
    assert.equal(history[0].status, 'removed');
    use(answerQuickPick((item) => item.label === 'Team = web' && item.description === 'staging/api'));
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    assert.equal((await secretTags('staging/api')).Team, 'web');
    assert.equal((await api.deps.history.list())[0].status, 'restored');
  });

  test('Restore offers an entry whose outcome is unknown, and restores it on a secret the filter leaves out of the tree', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages());
    const store = api.deps.connections.stores[0];
    await find(api, 'Secrets Manager', 'prod/db');
    const prod = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
    // A removal whose window closed before its outcome came back: recorded, never marked, and done on AWS.
    await api.deps.history.record([
      { scope: store.scope, resource: prod, tags: [{ key: 'Team', value: 'payments' }], change: 'remove' },
    ]);
    await admin('POST', 'mutate', { op: 'untagSecret', secretId: 'prod/db', tagKeys: ['Team'] });
    await vscode.commands.executeCommand('awsTags.filterByTag', 'Team=web');
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager'))).map(label), ['staging/api']);

    use(answerQuickPick((item) => item.description === 'prod/db' && (item.detail ?? '').startsWith('outcome unknown')));
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    assert.equal((await secretTags('prod/db')).Team, 'payments');
    assert.equal((await api.deps.history.list())[0].status, 'restored');
    assert.deepEqual(
      (await children(api, await find(api, 'Secrets Manager'))).map(label),
      ['staging/api'],
      'the filter still holds',
    );
    await vscode.commands.executeCommand('awsTags.clearFilter');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
