// A repository's workspace settings can set awsTags.endpointUrl. Every signed request would go there and the tree
// would show its answers, so an endpoint that is neither this machine nor AWS's is not called until the user
// allows it, once per workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, calls, captureMessages, children, find, label, reset } from './helpers';
import { suiteSeed } from './seed';

suite('an endpoint from workspace settings', () => {
  const config = () => vscode.workspace.getConfiguration('awsTags');
  const restores: Array<() => unknown> = [];
  teardown(async () => {
    while (restores.length) await restores.pop()!();
    await config().update('endpointUrl', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('is not called until the user allows it; declining keeps it so, allowing lists through it', async () => {
    const api = await reset(suiteSeed());
    // 0.0.0.0 reaches this machine's emulator but is not a loopback name: the workspace setting must be confirmed.
    const elsewhere = process.env.AWS_TAGS_EMULATOR_URL!.replace('127.0.0.1', '0.0.0.0');
    await config().update('endpointUrl', elsewhere, vscode.ConfigurationTarget.Workspace);
    await api.deps.connections.rebuild();
    await admin('DELETE', 'calls');
    const roots = await children(api);
    assert.equal(roots.length, 1);
    assert.match(label(roots[0]), /^This workspace's settings send AWS requests to 0\.0\.0\.0:\d+: click to allow$/);
    assert.equal(api.deps.connections.stores.length, 0, 'no clients, no stores');

    const declined = captureMessages(null);
    restores.push(declined.restore);
    await vscode.commands.executeCommand('awsTags.allowWorkspaceEndpoint');
    assert.match(
      declined.shown.find((m) => m.modal)?.message ?? '',
      /send your AWS requests to http:\/\/0\.0\.0\.0:\d+/,
    );
    assert.equal(api.deps.connections.stores.length, 0, 'declined: still nothing');
    assert.equal((await calls()).length, 0, 'not one request reached the endpoint');
    restores.pop()!();

    const allowed = captureMessages('Allow');
    restores.push(allowed.restore);
    await vscode.commands.executeCommand('awsTags.allowWorkspaceEndpoint');
    assert.equal(api.deps.connections.stores.length, 1);
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager'))).map(label), ['prod/db', 'staging/api']);
  });
});
