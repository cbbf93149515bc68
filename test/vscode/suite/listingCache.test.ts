// Instant on restart: the last listing, kept on disk, is shown at once and marked as cached with its age; the fresh
// listing replaces it, and what was deleted meanwhile leaves. Refresh All starts without it.
import * as assert from 'node:assert/strict';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as vscode from 'vscode';
import { admin, children, find, label, reset } from './helpers';
import { suiteSeed } from './seed';

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('cached listings', () => {
  test('a rebuild shows the cached listing at once, then the fresh one replaces it', async function () {
    this.timeout(60_000);
    const api = await reset(suiteSeed());
    const store = api.deps.connections.stores[0];
    await children(api, await find(api, 'Secrets Manager'));
    await Promise.all([store.loadSecrets().done, store.loadKeys().done]);
    // The listing is saved a second after it completes.
    await new Promise((r) => setTimeout(r, 1_800));

    const sm = new SecretsManagerClient({ region: 'us-east-1', endpoint: process.env.AWS_TAGS_EMULATOR_URL });
    try {
      await sm.send(new DeleteSecretCommand({ SecretId: 'staging/api', ForceDeleteWithoutRecovery: true }));
    } finally {
      sm.destroy();
    }
    // The fresh listing is held for a while, as a slow network would.
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'ListSecrets',
      action: 'hang',
      hangMs: 2_500,
      times: 1,
    });
    try {
      await api.deps.connections.rebuild();
      const group = await find(api, 'Secrets Manager');
      const started = Date.now();
      const shown = await children(api, group);
      assert.ok(Date.now() - started < 1_500, 'shown without waiting for AWS');
      assert.deepEqual(shown.map(label), ['prod/db', 'staging/api'], 'the cached listing');
      assert.match(String(group.getTreeItem().description), /^2, cached (just now|\d+ min ago)$/);
      assert.match(String(shown[0].getTreeItem().tooltip), /Cached listing from .*, being read again from AWS/);

      const fresh = api.deps.connections.stores[0];
      await fresh.loadSecrets().done;
      await until(() => fresh.secrets.cachedAt === undefined, 'the fresh listing');
      const after = await children(api, await find(api, 'Secrets Manager'));
      assert.deepEqual(after.map(label), ['prod/db'], 'the secret deleted meanwhile has left');
      assert.equal((await find(api, 'Secrets Manager')).getTreeItem().description, '1');
    } finally {
      await admin('DELETE', 'faults');
    }
  });

  test('a listing cached under other settings is not shown: secrets planned for deletion appear at once', async function () {
    this.timeout(30_000);
    const api = await reset(suiteSeed());
    const store = api.deps.connections.stores[0];
    await children(api, await find(api, 'Secrets Manager'));
    await store.loadSecrets().done;
    await new Promise((r) => setTimeout(r, 1_800));
    const config = vscode.workspace.getConfiguration('awsTags');
    await config.update('showSecretsPlannedForDeletion', true, vscode.ConfigurationTarget.Global);
    try {
      await api.deps.connections.ready();
      const shown = await children(api, await find(api, 'Secrets Manager'));
      assert.deepEqual(shown.map(label), ['doomed', 'prod/db', 'staging/api']);
    } finally {
      await config.update('showSecretsPlannedForDeletion', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Refresh All lists from AWS without the cache', async () => {
    const api = await reset(suiteSeed());
    const store = api.deps.connections.stores[0];
    assert.equal(store.secrets.cachedAt, undefined);
    assert.equal(store.keys.cachedAt, undefined);
  });
});
