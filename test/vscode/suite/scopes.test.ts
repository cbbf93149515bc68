import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BY_DEFAULT } from '../../emulator/account';
import type { Seed } from '../../emulator/types';
import {
  admin,
  answerQuickPick,
  captureMessages,
  children,
  emulatorCredentials,
  find,
  label,
  reset,
  writeAwsFiles,
} from './helpers';
import { suiteSeed } from './seed';

function twoRegionSeed(): Seed {
  const seed = suiteSeed();
  seed.regions['eu-west-1'] = { secrets: [{ name: 'eu/only', tags: { Region: 'eu' } }], keys: [] };
  return seed;
}

/** Profiles in the throwaway config files the runner gave this VS Code; the originals come back in teardown. */
function writeProfiles(): () => void {
  return writeAwsFiles({
    config: [
      '[profile emulator]',
      'region = us-east-1',
      '[profile twin]',
      'region = us-east-1',
      '[profile expired-sso]',
      'region = us-east-1',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_account_id = 123456789012',
      'sso_role_name = Admin',
      '',
    ].join('\n'),
    credentials: ['emulator', 'twin'].map(emulatorCredentials).join(''),
  });
}

suite('profiles and regions side by side', () => {
  const config = () => vscode.workspace.getConfiguration('awsTags');
  teardown(async () => {
    for (const target of [vscode.ConfigurationTarget.Global, vscode.ConfigurationTarget.Workspace]) {
      for (const name of ['region', 'regions', 'profiles', 'allEnabledRegions'])
        await config().update(name, undefined, target);
    }
  });

  test('shows one root per region, with the account ID, each with its own resources', async () => {
    const api = await reset(twoRegionSeed());
    await config().update('regions', ['us-east-1', 'eu-west-1'], vscode.ConfigurationTarget.Global);
    await api.deps.connections.ready();
    const roots = await children(api);
    assert.deepEqual(roots.map(label), ['default · us-east-1', 'default · eu-west-1']);
    await waitFor(() => roots[0].getTreeItem().description === '123456789012');
    const eu = await children(api, await find(api, 'default · eu-west-1', 'Secrets Manager'));
    assert.deepEqual(eu.map(label), ['eu/only']);
    const us = await children(api, await find(api, 'default · us-east-1', 'Secrets Manager'));
    assert.deepEqual(us.map(label), ['prod/db', 'staging/api']);
  });

  test('Select Region takes effect where the workspace sets a region, and says when the profile region cannot join others', async () => {
    await reset(suiteSeed());
    await config().update('region', 'eu-west-1', vscode.ConfigurationTarget.Workspace);
    const one = answerQuickPick((item) => item.label === 'us-east-1');
    await vscode.commands.executeCommand('awsTags.selectRegion');
    one.restore();
    assert.equal(config().get('region'), 'us-east-1', 'the choice wins over the workspace value');

    const messages = captureMessages();
    const several = answerQuickPick((item) =>
      ['(profile or environment region)', 'us-east-1', 'eu-west-1'].includes(item.label),
    );
    try {
      await vscode.commands.executeCommand('awsTags.selectRegion');
    } finally {
      several.restore();
      messages.restore();
    }
    assert.deepEqual([...(config().get<string[]>('regions') ?? [])].sort(), ['eu-west-1', 'us-east-1']);
    assert.match(
      messages.shown.find((m) => m.kind === 'showInformationMessage')?.message ?? '',
      /can only be shown on its own/,
    );
  });

  test('Select Region "All enabled regions" shows a root per Region the account has enabled', async () => {
    const seed = twoRegionSeed();
    seed.regions['af-south-1'] = { secrets: [{ name: 'af/only', tags: { Region: 'af' } }], keys: [] };
    // Only three Regions enabled: two of the default ones and one opt-in Region.
    seed.account = {
      regions: {
        ...Object.fromEntries(BY_DEFAULT.map((r) => [r, 'DISABLED' as const])),
        'us-east-1': 'ENABLED_BY_DEFAULT',
        'eu-west-1': 'ENABLED_BY_DEFAULT',
        'af-south-1': 'ENABLED',
      },
    };
    const api = await reset(seed);
    await selectRegion('All enabled regions');
    assert.equal(config().get('allEnabledRegions'), true);
    await waitFor(() => api.deps.connections.entries.length === 3);
    const roots = await children(api);
    assert.deepEqual(roots.map(label), ['default · af-south-1', 'default · eu-west-1', 'default · us-east-1']);
    const af = await children(api, await find(api, 'default · af-south-1', 'Secrets Manager'));
    assert.deepEqual(af.map(label), ['af/only']);
    const eu = await children(api, await find(api, 'default · eu-west-1', 'Secrets Manager'));
    assert.deepEqual(eu.map(label), ['eu/only']);

    // Picking a Region by name turns it off again.
    await selectRegion('eu-west-1');
    assert.equal(config().get('allEnabledRegions'), false);
    assert.equal(config().get('region'), 'eu-west-1');
  });

  test('"All enabled regions" without account:ListRegions shows the profile\'s region and says why', async () => {
    const api = await reset(twoRegionSeed());
    await admin('POST', 'allow-only', { actions: ['secretsmanager:*', 'kms:*', 'tag:*'] });
    const messages = captureMessages();
    try {
      await config().update('region', 'eu-west-1', vscode.ConfigurationTarget.Global);
      await config().update('allEnabledRegions', true, vscode.ConfigurationTarget.Global);
      await waitFor(() => messages.shown.some((m) => m.kind === 'showWarningMessage'));
      await waitFor(() => api.deps.connections.settings.allEnabledRegions);
      assert.deepEqual(
        api.deps.connections.entries.map((e) => e.scope.region),
        ['eu-west-1'],
      );
      const warning = messages.shown.find((m) => m.kind === 'showWarningMessage')?.message ?? '';
      assert.match(warning, /Could not list the enabled regions of profile \(default chain\)/);
      assert.match(warning, /AccessDeniedException: account:ListRegions is not allowed/);
      assert.match(warning, /showing its own region, eu-west-1/);
      const eu = await children(api, await find(api, 'Secrets Manager'));
      assert.deepEqual(eu.map(label), ['eu/only']);
    } finally {
      messages.restore();
      await admin('DELETE', 'allow-only');
    }
  });

  test('an expired SSO session shows as "Session expired, sign in" beside a working profile', async () => {
    const restore = writeProfiles();
    try {
      const api = await reset(suiteSeed());
      await config().update('profiles', ['emulator', 'expired-sso'], vscode.ConfigurationTarget.Global);
      await api.deps.connections.ready();
      const roots = await children(api);
      assert.deepEqual(roots.map(label), ['emulator · us-east-1', 'expired-sso · us-east-1']);
      const [signIn] = await children(api, roots[1]);
      const item = signIn.getTreeItem();
      assert.equal(label(signIn), 'Session expired, sign in');
      assert.equal(item.command?.command, 'awsTags.ssoLogin');
      assert.deepEqual(item.command?.arguments, ['expired-sso']);
      const secrets = await children(api, await find(api, 'emulator · us-east-1', 'Secrets Manager'));
      assert.deepEqual(secrets.map(label), ['prod/db', 'staging/api']);
      const calls = await admin<Array<{ accessKeyId?: string }>>('GET', 'calls');
      assert.ok(calls.length > 0);
    } finally {
      restore();
    }
  });

  test('two profiles of one account: Remove Tag Key Everywhere untags each resource once', async () => {
    const restore = writeProfiles();
    const messages = captureMessages('Remove');
    const pick = answerQuickPick((item) => item.label === 'Team' || item.picked === true);
    try {
      const api = await reset(suiteSeed());
      await config().update('profiles', ['emulator', 'twin'], vscode.ConfigurationTarget.Global);
      await api.deps.connections.ready();
      assert.deepEqual((await children(api)).map(label), ['emulator · us-east-1', 'twin · us-east-1']);
      await vscode.commands.executeCommand('awsTags.removeTagKeyEverywhere');
      const untags = (await admin<Array<{ operation: string; resource?: string }>>('GET', 'calls')).filter(
        (c) => c.operation === 'UntagResource',
      );
      assert.equal(untags.length, 3, 'prod/db, staging/api and app-data, once each');
      assert.equal(new Set(untags.map((c) => c.resource)).size, 3);
    } finally {
      pick.restore();
      messages.restore();
      restore();
    }
  });
});

/** Select Region, answered with the one item of that label. */
async function selectRegion(choice: string): Promise<void> {
  const pick = answerQuickPick((item) => item.label === choice);
  try {
    await vscode.commands.executeCommand('awsTags.selectRegion');
  } finally {
    pick.restore();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
