// Faults met through the real commands and tree: the messages people read, the actions offered, and a tree
// that tells the truth afterwards. The emulator injects the faults through its admin API.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Seed } from '../../emulator/types';
import { admin, calls, captureMessages, children, find, label, reset } from './helpers';
import { KEY_APP, suiteSeed } from './seed';

const secretTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `secret-tags?id=${encodeURIComponent(id)}`)).tags;
const keyTags = async (id: string) =>
  (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${encodeURIComponent(id)}`)).tags;
const SENTINEL = 'VALUE-NEVER-LOGGED-7f3a';

/** The suite's seed plus a tag whose value must never reach the log. */
function seed(): Seed {
  const s = suiteSeed();
  const db = s.regions['us-east-1'].secrets!.find((x) => x.name === 'prod/db')!;
  db.tags = { ...(db.tags as Record<string, string>), Sentinel: SENTINEL };
  return s;
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tagLabels = async (api: Awaited<ReturnType<typeof reset>>, ...path: string[]) =>
  (await children(api, await find(api, ...path))).map(label).sort();

/**
 * The file the "AWS Tags" log channel is written to. VS Code writes a log channel as `<extension id>/<name>.log`
 * in the extension host's logs folder; the extension host keeps its log files open, so they are found from its
 * open file descriptors, then searched around.
 */
function awsTagsLogFile(): string | undefined {
  const open: string[] = [];
  try {
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        open.push(readlinkSync(join('/proc/self/fd', fd)));
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return undefined;
  }
  const direct = open.find((p) => basename(p) === 'AWS Tags.log');
  if (direct) return direct;
  const search = (dir: string, depth: number): string | undefined => {
    if (depth < 0) return undefined;
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return undefined;
    }
    if (names.includes('AWS Tags.log')) return join(dir, 'AWS Tags.log');
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (statSync(path).isDirectory()) {
          const found = search(path, depth - 1);
          if (found) return found;
        }
      } catch {
        // gone meanwhile
      }
    }
    return undefined;
  };
  for (const path of open.filter((p) => p.endsWith('.log'))) {
    let dir = dirname(path);
    for (let up = 0; up < 3; up++, dir = dirname(dir)) {
      const found = search(dir, 3);
      if (found) return found;
    }
  }
  return undefined;
}

suite('faults in the extension host: messages, actions and a truthful tree', () => {
  let messages: ReturnType<typeof captureMessages>;
  /** Every message of the suite, for the credential check at the end. */
  const everything: Array<{ message: string; detail?: string; buttons: string[] }> = [];
  setup(() => (messages = captureMessages('Remove')));
  teardown(async () => {
    everything.push(...messages.shown);
    messages.restore();
    await vscode.workspace
      .getConfiguration('awsTags')
      .update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await admin('DELETE', 'faults');
    await reset(suiteSeed());
  });

  test('expired credentials: the error offers Select Profile and Refresh Credentials; after Refresh Credentials it works without reload', async () => {
    const api = await reset(seed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const storeBefore = api.deps.connections.stores[0];
    // The error stays on screen until the test presses a button, as a person would, after fixing the credentials.
    const window = vscode.window as { showErrorMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };
    const saved = window.showErrorMessage;
    const errors: Array<{ message: string; buttons: unknown[] }> = [];
    let press: (choice: string) => void = () => undefined;
    window.showErrorMessage = (message: string, ...buttons: unknown[]) => {
      errors.push({ message, buttons });
      return new Promise((resolve) => (press = resolve));
    };
    try {
      await admin('POST', 'faults', { error: 'ExpiredTokenException' });
      await vscode.commands.executeCommand('awsTags.removeTag', tag);
      assert.equal(errors.length, 1);
      everything.push({ message: errors[0].message, buttons: errors[0].buttons.map(String) });
      assert.match(
        errors[0].message,
        /expired \(ExpiredTokenException\)\. Select a profile or refresh your credentials/,
      );
      assert.ok(
        errors[0].buttons.includes('Select Profile') && errors[0].buttons.includes('Refresh Credentials'),
        `buttons: ${errors[0].buttons.join(', ')}`,
      );
      assert.equal((await secretTags('prod/db')).Team, 'payments');
      assert.ok((await tagLabels(api, 'Secrets Manager', 'prod/db')).includes('Team'), 'the tag stays in the tree');

      // Fixed outside VS Code (a new SSO login, say), then "Refresh Credentials": new clients and stores, no reload.
      await admin('DELETE', 'faults');
      press('Refresh Credentials');
      await waitFor(() => api.deps.connections.stores[0] !== storeBefore, 'the rebuild started by Refresh Credentials');
      await api.deps.connections.ready();
    } finally {
      window.showErrorMessage = saved;
    }
    await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'Secrets Manager', 'prod/db', 'Team'));
    assert.equal((await secretTags('prod/db')).Team, undefined);
    assert.ok(!(await tagLabels(api, 'Secrets Manager', 'prod/db')).includes('Team'));
  });

  test('endpoint down: the Secrets Manager group shows an error node with the reason; with the endpoint back it lists again', async () => {
    const api = await reset(suiteSeed());
    const config = vscode.workspace.getConfiguration('awsTags');
    await config.update('endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('awsTags.refresh');
    const nodes = await children(api, await find(api, 'Secrets Manager'));
    assert.equal(nodes.length, 1);
    const item = nodes[0].getTreeItem();
    assert.equal(item.contextValue, 'error');
    assert.match(label(nodes[0]), /Could not load secrets: click to retry/);
    assert.equal(typeof item.tooltip, 'string');
    assert.match(String(item.tooltip), /Cannot reach the AWS endpoint for secretsmanager:ListSecrets \(ECONNREFUSED\)/);
    assert.equal(item.command?.command, 'awsTags.refreshNode');

    await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('awsTags.refresh');
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager'))).map(label), ['prod/db', 'staging/api']);
  });

  test('connections dropped while listing: an error node whose click retries, and lists once the endpoint answers again', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'faults', { service: 'secretsmanager', operation: 'ListSecrets', action: 'reset' });
    const group = await find(api, 'Secrets Manager');
    const [errorNode] = await children(api, group);
    const item = errorNode.getTreeItem();
    assert.match(String(item.tooltip), /Cannot reach the AWS endpoint.*ECONNRESET/);
    await admin('DELETE', 'faults');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.deepEqual((await children(api, group)).map(label), ['prod/db', 'staging/api']);
  });

  test('a listing that fails part way keeps the secrets read, with the error last and the count marked incomplete', async () => {
    const seed = suiteSeed();
    seed.regions['us-east-1'].secrets!.push(
      ...Array.from({ length: 120 }, (_, i) => ({ name: `bulk/${String(i).padStart(3, '0')}` })),
    );
    const api = await reset(seed);
    await admin('POST', 'latency', { ms: 0, perOperation: { 'secretsmanager.ListSecrets': { ms: 400 } } });
    const store = api.deps.connections.stores[0];
    store.resetSecrets();
    const run = store.loadSecrets();
    await run.firstPage;
    // The second page is on its way (held by the latency): it meets this fault.
    await admin('POST', 'faults', {
      service: 'secretsmanager',
      operation: 'ListSecrets',
      error: 'AccessDeniedException',
      status: 400,
    });
    await run.done;
    await admin('POST', 'latency', { ms: 0 });
    const group = await find(api, 'Secrets Manager');
    const labels = (await children(api, group)).map(label);
    assert.equal(labels.length, 101);
    assert.equal(labels[100], 'Could not load the other secrets: click to retry');
    assert.equal(group.getTreeItem().description, '100, incomplete');
  });

  test('Remove Tag invoked twice at once on the same tag sends exactly one UntagResource', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const since = Date.now();
    await Promise.all([
      vscode.commands.executeCommand('awsTags.removeTag', tag),
      vscode.commands.executeCommand('awsTags.removeTag', tag),
    ]);
    const untags = (await calls()).filter((c) => c.operation === 'UntagResource');
    assert.equal(untags.length, 1, JSON.stringify(untags));
    assert.equal(messages.shown.filter((m) => m.modal).length, 1, 'one confirmation');
    assert.equal((await api.deps.history.list()).filter((e) => e.at >= since).length, 1, 'one history entry');
    assert.equal((await secretTags('prod/db')).Team, undefined);
  });

  test('two removals on one secret in quick succession (different keys) both land, on AWS and in the tree', async () => {
    const api = await reset(suiteSeed());
    const team = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const environment = await find(api, 'Secrets Manager', 'prod/db', 'Environment');
    await Promise.all([
      vscode.commands.executeCommand('awsTags.removeTag', team),
      vscode.commands.executeCommand('awsTags.removeTag', environment),
    ]);
    assert.equal((await calls()).filter((c) => c.op === 'secretsmanager.UntagResource').length, 2);
    assert.deepEqual(Object.keys(await secretTags('prod/db')), ['Owner']);
    assert.deepEqual(await tagLabels(api, 'Secrets Manager', 'prod/db'), ['Owner']);
  });

  test('a group refresh running while a tag is removed, answered by a lagging ListSecrets, does not bring the tag back', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const group = await find(api, 'Secrets Manager');
    await admin('POST', 'list-secrets', { stale: true });
    await admin('POST', 'latency', { ms: 0, perOperation: { 'secretsmanager.ListSecrets': { ms: 400 } } });
    await vscode.commands.executeCommand('awsTags.refreshNode', group);
    const listing = children(api, group);
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    await listing;
    await api.deps.connections.stores[0].loadSecrets().done;
    const log = await calls();
    assert.ok(
      log.findIndex((c) => c.op === 'secretsmanager.UntagResource') <
        log.map((c) => c.op).lastIndexOf('secretsmanager.ListSecrets'),
      'the listing was answered after the removal',
    );
    assert.equal((await secretTags('prod/db')).Team, undefined);
    assert.ok(
      !(await tagLabels(api, 'Secrets Manager', 'prod/db')).includes('Team'),
      'the removed tag came back from the stale list',
    );
  });

  test('a full Refresh while a KMS removal is on its way: the new tree shows the key without the tag', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'KMS Keys', 'app-data', 'Team');
    await admin('POST', 'latency', { ms: 0, perOperation: { 'kms.UntagResource': { ms: 3000 } } });
    const removal = vscode.commands.executeCommand('awsTags.removeTag', tag);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // New stores: this one reads the key's tags while the untag is still held by the endpoint.
    await vscode.commands.executeCommand('awsTags.refresh');
    assert.ok((await tagLabels(api, 'KMS Keys', 'app-data')).includes('Team'), 'read before the untag landed');
    await removal;
    await admin('POST', 'latency', { ms: 0 });
    assert.equal((await keyTags(KEY_APP)).Team, undefined);
    assert.ok(!(await tagLabels(api, 'KMS Keys', 'app-data')).includes('Team'), 'the tree still shows the removed tag');
  });

  test('Refresh right after a removal, while ListSecrets still lags, does not bring the tag back', async () => {
    const api = await reset(suiteSeed());
    const tag = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    await admin('POST', 'list-secrets', { stale: true });
    await vscode.commands.executeCommand('awsTags.removeTag', tag);
    assert.equal((await secretTags('prod/db')).Team, undefined);
    await vscode.commands.executeCommand('awsTags.refresh');
    assert.ok(
      !(await tagLabels(api, 'Secrets Manager', 'prod/db')).includes('Team'),
      'the removed tag came back from the stale list after Refresh',
    );
  });

  test('a removal across two resources where one is denied: a warning naming what failed and why, and a truthful tree', async () => {
    const api = await reset(suiteSeed());
    await admin('POST', 'deny-untag', { tagKey: 'Team' });
    const a = await find(api, 'Secrets Manager', 'prod/db', 'Team');
    const b = await find(api, 'KMS Keys', 'app-data', 'CostCenter');
    await vscode.commands.executeCommand('awsTags.removeTag', a, [a, b]);
    const warning = messages.shown.find((m) => m.kind === 'showWarningMessage' && !m.modal);
    assert.match(warning?.message ?? '', /^Removed tags from 1 of 2 resources\./);
    assert.match(warning?.message ?? '', /may not call secretsmanager:UntagResource on "prod\/db"/);
    assert.match(warning?.message ?? '', /take away your own access/);
    assert.deepEqual(warning?.buttons, ['Undo', 'Show Log']);
    assert.equal((await secretTags('prod/db')).Team, 'payments');
    assert.equal((await keyTags(KEY_APP)).CostCenter, undefined);
    assert.ok((await tagLabels(api, 'Secrets Manager', 'prod/db')).includes('Team'));
    assert.deepEqual(await tagLabels(api, 'KMS Keys', 'app-data'), ['Team']);
  });

  test('no access key, secret key or session token in any message of this suite or in the log channel; the log has keys and outcomes, no values', async () => {
    const api = await reset(seed());
    // One more removal of a tag whose value is known, and an error, so both reach the log now.
    const sentinel = await find(api, 'Secrets Manager', 'prod/db', 'Sentinel');
    const team = await find(api, 'KMS Keys', 'app-data', 'Team');
    await vscode.commands.executeCommand('awsTags.removeTag', sentinel);
    await admin('POST', 'faults', { service: 'kms', error: 'UnrecognizedClientException' });
    await vscode.commands.executeCommand('awsTags.removeTag', team);
    await admin('DELETE', 'faults');
    everything.push(...messages.shown);

    const health = await admin<{
      credentials: Array<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
    }>('GET', 'health');
    const secrets = health.credentials
      .flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken])
      .filter((s): s is string => Boolean(s));
    assert.ok(secrets.length >= 2);
    assert.ok(everything.length >= 8, `only ${everything.length} messages were captured`);
    for (const m of everything) {
      const text = [m.message, m.detail ?? '', ...m.buttons].join('\n');
      for (const s of secrets) assert.ok(!text.includes(s), `a credential in a message: ${m.message}`);
    }

    const file = awsTagsLogFile();
    assert.ok(file && existsSync(file), 'the "AWS Tags" log channel\'s file was not found');
    const marker = `credential check ${Date.now()}`;
    api.deps.log.info(marker);
    await waitFor(() => readFileSync(file, 'utf8').includes(marker), 'the log channel to reach its file');
    const log = readFileSync(file, 'utf8');
    for (const s of secrets) assert.ok(!log.includes(s), 'a credential in the log channel');
    assert.ok(!log.includes(SENTINEL), 'a tag value in the log channel');
    assert.match(log, /remove \["Sentinel"\] from arn:aws:secretsmanager:\S+: applied/);
    assert.match(log, /kms:UntagResource arn:aws:kms:\S+ keys=\["Team"\] -> UnrecognizedClientException/);
  });
});
