import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, answerQuickPick, calls, captureMessages, children, find, label, reset } from './helpers';
import { KEY_APP, KEY_PENDING, suiteSeed } from './seed';

const secretTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `secret-tags?id=${encodeURIComponent(id)}`)).tags;
const keyTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${encodeURIComponent(id)}`)).tags;

suite('Remove Tag Key Everywhere and Filter by Tag', () => {
  const cleanups: Array<() => unknown> = [];
  teardown(async () => {
    while (cleanups.length) cleanups.pop()!();
    await vscode.commands.executeCommand('awsTags.clearFilter');
  });
  const use = <T extends { restore: () => unknown }>(stub: T): T => {
    cleanups.push(stub.restore);
    return stub;
  };

  test('removes one key from every resource that carries it, one call each, and reports the count', async () => {
    const api = await reset(suiteSeed());
    const messages = use(captureMessages('Remove'));
    use(answerQuickPick((item) => item.label === 'Team' || item.picked === true));
    await vscode.commands.executeCommand('awsTags.removeTagKeyEverywhere');
    // prod/db, staging/api and app-data carry a removable "Team"; the key pending deletion and the
    // secret marked for deletion are read-only and left alone.
    assert.equal((await secretTags('prod/db')).Team, undefined);
    assert.equal((await secretTags('staging/api')).Team, undefined);
    assert.equal((await keyTags(KEY_APP)).Team, undefined);
    const untags = (await calls()).filter((c) => c.operation === 'UntagResource');
    assert.equal(untags.length, 3);
    assert.match(messages.shown.find((m) => m.modal)?.message ?? '', /Remove 3 tags from 3 resources\?/);
    assert.match(
      messages.shown.find((m) => m.kind === 'showInformationMessage')?.message ?? '',
      /Removed 3 tags from 3 resources/,
    );
    assert.equal((await api.deps.history.list()).filter((e) => e.status === 'removed').length >= 3, true);
  });

  test('says which resources it cannot include: a key whose tags could not be read', async () => {
    await reset(suiteSeed());
    // The tags come from the Tagging API in one chain; the key's own read (DescribeKey) is what fails.
    await admin('POST', 'faults', {
      service: 'kms',
      operation: 'DescribeKey',
      resource: KEY_PENDING,
      error: 'AccessDeniedException',
      status: 400,
    });
    await vscode.commands.executeCommand('awsTags.refresh');
    use(captureMessages());
    const titles: Array<string | undefined> = [];
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const saved = window.showQuickPick;
    use({ restore: () => (window.showQuickPick = saved) });
    window.showQuickPick = (async (_items: unknown, options?: vscode.QuickPickOptions) => {
      titles.push(options?.title);
      return undefined;
    }) as unknown as typeof vscode.window.showQuickPick;
    await vscode.commands.executeCommand('awsTags.removeTagKeyEverywhere');
    assert.deepEqual(titles, ['Not included: 1 resource whose tags could not be read']);
    assert.equal((await calls()).filter((c) => c.operation === 'UntagResource').length, 0);
  });

  test('keeps the resources the user deselects', async () => {
    await reset(suiteSeed());
    use(captureMessages('Remove'));
    use(answerQuickPick((item) => item.label === 'Team' || (item.picked === true && item.label !== 'prod/db')));
    await vscode.commands.executeCommand('awsTags.removeTagKeyEverywhere');
    assert.equal((await secretTags('prod/db')).Team, 'payments');
    assert.equal((await secretTags('staging/api')).Team, undefined);
  });

  test('filters the tree by tag key=value, shows the filter in the view, and narrows ListSecrets on the server', async () => {
    const api = await reset(suiteSeed());
    await admin('DELETE', 'calls');
    // The picker itself is driven by the UI tests; a keybinding or a test can pass the text directly.
    await vscode.commands.executeCommand('awsTags.filterByTag', 'Team=web');
    assert.match(api.view.description ?? '', /Filter: tag Team=web/);
    const secrets = await children(api, await find(api, 'Secrets Manager'));
    assert.deepEqual(secrets.map(label), ['staging/api']);
    await api.deps.connections.stores[0].loadKeys().done;
    const keys = await children(api, await find(api, 'KMS Keys'));
    assert.deepEqual(keys.map(label), ['No KMS keys match the filter']);
    const list = (await admin<Array<{ operation: string; filters?: unknown }>>('GET', 'calls')).filter(
      (c) => c.operation === 'ListSecrets',
    );
    assert.ok(list.length > 0);
    for (const call of list) {
      assert.deepEqual(call.filters, [
        { Key: 'tag-key', Values: ['Team'] },
        { Key: 'tag-value', Values: ['web'] },
      ]);
    }
    await vscode.commands.executeCommand('awsTags.clearFilter');
    assert.doesNotMatch(api.view.description ?? '', /Filter/);
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager'))).map(label), ['prod/db', 'staging/api']);
  });

  test('a resource the filter hid after a removal comes back to the tree when the tag is restored', async () => {
    const api = await reset(suiteSeed());
    use(captureMessages('Remove'));
    await vscode.commands.executeCommand('awsTags.filterByTag', 'Team=web');
    const group = await find(api, 'Secrets Manager');
    assert.deepEqual((await children(api, group)).map(label), ['staging/api']);
    await vscode.commands.executeCommand(
      'awsTags.removeTag',
      await find(api, 'Secrets Manager', 'staging/api', 'Team'),
    );
    assert.deepEqual((await children(api, group)).map(label), ['No secrets match the filter']);

    // What VS Code is told to redraw: the group must be among it, or the restored secret never shows. Redraws are
    // batched for a moment: the removal's own redraw goes out before listening starts.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const redrawn: unknown[] = [];
    const subscription = api.tree.onDidChangeTreeData((e) => redrawn.push(...(Array.isArray(e) ? e : [e])));
    try {
      use(answerQuickPick((item) => item.description === 'staging/api'));
      await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
      assert.equal((await secretTags('staging/api')).Team, 'web');
      const deadline = Date.now() + 3000;
      while (!redrawn.some((n) => n === group || n === undefined) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.ok(
        redrawn.some((n) => n === group || n === undefined),
        'the group is redrawn',
      );
    } finally {
      subscription.dispose();
    }
    assert.deepEqual((await children(api, group)).map(label), ['staging/api']);
  });
});
