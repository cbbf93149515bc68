import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, children, find, label, reset } from './helpers';
import { suiteSeed } from './seed';

suite('tree through the registered provider', () => {
  teardown(async () => {
    const config = vscode.workspace.getConfiguration('awsTags');
    await config.update('showAwsManagedKeys', undefined, vscode.ConfigurationTarget.Global);
    await config.update('showSecretsPlannedForDeletion', undefined, vscode.ConfigurationTarget.Global);
  });

  test('shows the two groups, with counts once loaded', async () => {
    const api = await reset(suiteSeed());
    const roots = await children(api);
    assert.deepEqual(roots.map(label), ['Secrets Manager', 'KMS Keys']);
    assert.deepEqual(
      roots.map((r) => r.getTreeItem().contextValue),
      ['group;secretsGroup', 'group;kmsGroup'],
    );
    await children(api, roots[0]);
    await api.deps.connections.stores[0].loadSecrets().done;
    assert.equal(roots[0].getTreeItem().description, '2');
  });

  test('lists secrets with tag counts and tags with values, read-only where AWS would refuse', async () => {
    const api = await reset(suiteSeed());
    const secrets = await children(api, await find(api, 'Secrets Manager'));
    assert.deepEqual(secrets.map(label), ['prod/db', 'staging/api']);
    assert.equal(secrets[0].getTreeItem().description, '3 tags');
    const tags = await children(api, secrets[1]);
    const byKey = new Map(tags.map((t) => [label(t), t.getTreeItem()]));
    assert.equal(byKey.get('Team')?.contextValue, 'tag');
    assert.equal(byKey.get('Team')?.description, 'web');
    assert.equal(byKey.get('aws:cloudformation:stack-name')?.contextValue, 'tag;readonly');
    const owner = (await children(api, secrets[0])).find((t) => label(t) === 'Owner');
    assert.equal(owner?.getTreeItem().description, '(empty value)');
  });

  test('labels keys by alias, hides AWS managed keys and marks a key pending deletion', async () => {
    const api = await reset(suiteSeed());
    await api.deps.connections.stores[0].loadKeys().done;
    const keys = await children(api, await find(api, 'KMS Keys'));
    assert.deepEqual(keys.map(label).sort(), ['app-data', 'old']);
    const old = keys.find((k) => label(k) === 'old')!;
    assert.match(String(old.getTreeItem().description), /pending deletion/);
    const tags = await children(api, old);
    assert.equal(tags[0].getTreeItem().contextValue, 'tag;readonly');
  });

  test('reloads when a setting changes: AWS managed keys appear with read-only tags', async () => {
    const api = await reset(suiteSeed());
    await vscode.workspace
      .getConfiguration('awsTags')
      .update('showAwsManagedKeys', true, vscode.ConfigurationTarget.Global);
    await api.deps.connections.ready();
    const keys = await children(api, await find(api, 'KMS Keys'));
    const managed = keys.find((k) => label(k) === 'aws/s3');
    assert.ok(managed, `keys: ${keys.map(label).join(', ')}`);
    await api.deps.connections.stores[0].loadKeys().done;
    const [tag] = await children(api, managed);
    assert.equal(managed.getTreeItem().contextValue, 'kmsKey;readonly;awsManaged');
    assert.equal(label(tag), 'Managed');
    assert.equal(tag.getTreeItem().contextValue, 'tag;readonly');
  });

  test('shows secrets planned for deletion when the setting asks, marked and read-only', async () => {
    const api = await reset(suiteSeed());
    await vscode.workspace
      .getConfiguration('awsTags')
      .update('showSecretsPlannedForDeletion', true, vscode.ConfigurationTarget.Global);
    await api.deps.connections.ready();
    const doomed = await find(api, 'Secrets Manager', 'doomed');
    assert.match(String(doomed.getTreeItem().description), /scheduled for deletion/);
    assert.equal((await children(api, doomed))[0].getTreeItem().contextValue, 'tag;readonly');
  });

  test('shows an error node with the reason when listing fails, and retries from it', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'ListSecrets',
      error: 'AccessDeniedException',
    });
    const group = await find(api, 'Secrets Manager');
    const [error] = await children(api, group);
    const item = error.getTreeItem();
    assert.equal(item.contextValue, 'error');
    assert.match(String(item.label), /Could not load secrets/);
    assert.match(String(item.tooltip), /secretsmanager:ListSecrets/);
    await admin('DELETE', 'faults');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.deepEqual((await children(api, group)).map(label), ['prod/db', 'staging/api']);
  });
});
