import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { SSO_ACCOUNTS } from '../../emulator/test-seeds';
import type { Seed } from '../../emulator/types';
import { answerQuickPick, calls, captureMessages, children, find, label, reset, writeAwsFiles } from './helpers';
import { suiteSeed } from './seed';

const LIVE = 'suite-live-token';

function identityCenterSeed(): Seed {
  return {
    ...suiteSeed(),
    sso: {
      tokens: [{ accessToken: LIVE, userName: 'ana@example.com' }],
      accounts: SSO_ACCOUNTS,
    },
  };
}

const tokenFile = (session: string) =>
  join(process.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);

/**
 * Two sso-sessions in the throwaway config file, each with the token the AWS CLI would have cached: `corp` signed
 * in, `lapsed` expired a minute ago. The original file comes back in teardown.
 */
function writeSessions(): () => void {
  const restoreConfig = writeAwsFiles({
    config: ['corp', 'lapsed']
      .map(
        (name) => `[sso-session ${name}]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
      )
      .join(''),
  });
  mkdirSync(dirname(tokenFile('corp')), { recursive: true });
  const token = (expiresInMs: number) =>
    JSON.stringify({ accessToken: LIVE, expiresAt: new Date(Date.now() + expiresInMs).toISOString() });
  writeFileSync(tokenFile('corp'), token(3_600_000));
  writeFileSync(tokenFile('lapsed'), token(-60_000));
  return () => {
    restoreConfig();
    for (const name of ['corp', 'lapsed']) rmSync(tokenFile(name), { force: true });
  };
}

suite('IAM Identity Center accounts without profiles', () => {
  const config = () => vscode.workspace.getConfiguration('awsTags');
  let restore: () => void = () => {};
  setup(() => {
    restore = writeSessions();
  });
  teardown(async () => {
    await config().update('identityCenterAccounts', undefined, vscode.ConfigurationTarget.Global);
    restore();
  });

  /** Seeds the emulator, sets the accounts (`SESSION/ACCOUNT/ROLE`) and waits for the tree. */
  async function showAccounts(...picked: string[]) {
    const api = await reset(identityCenterSeed());
    const entries = picked
      .map((p) => p.split('/'))
      .map(([ssoSession, accountId, roleName]) => ({ ssoSession, accountId, roleName }));
    await config().update('identityCenterAccounts', entries, vscode.ConfigurationTarget.Global);
    await api.deps.connections.ready();
    return api;
  }

  test('shows each account and role picked, with its own account ID, in place of the default chain', async () => {
    const api = await showAccounts('corp/222222222222/Developer', 'corp/111111111111/ReadOnly');
    const roots = await children(api);
    assert.deepEqual(roots.map(label), [
      'corp/222222222222/Developer · us-east-1',
      'corp/111111111111/ReadOnly · us-east-1',
    ]);
    await waitFor(() => roots.every((r) => r.getTreeItem().description !== undefined));
    assert.deepEqual(
      roots.map((r) => r.getTreeItem().description),
      ['222222222222', '111111111111'],
      'STS answers the account of the role credentials',
    );
    const secrets = await children(api, await find(api, 'corp/222222222222/Developer · us-east-1', 'Secrets Manager'));
    assert.deepEqual(secrets.map(label), ['prod/db', 'staging/api']);
    const roleCalls = (await calls()).filter((c) => c.op === 'sso.GetRoleCredentials');
    assert.equal(roleCalls.length, 2, 'one GetRoleCredentials per account and role');
  });

  test('an expired Identity Center sign-in shows "Session expired, sign in" for its session', async () => {
    const api = await showAccounts('corp/222222222222/Developer', 'lapsed/123456789012/ReadOnly');
    const [signIn] = await children(api, await find(api, 'lapsed/123456789012/ReadOnly · us-east-1'));
    assert.equal(label(signIn), 'Session expired, sign in');
    assert.equal(signIn.getTreeItem().command?.command, 'awsTags.ssoLogin');
    assert.deepEqual(signIn.getTreeItem().command?.arguments, [{ ssoSession: 'lapsed' }]);
    const secrets = await children(api, await find(api, 'corp/222222222222/Developer · us-east-1', 'Secrets Manager'));
    assert.deepEqual(secrets.map(label), ['prod/db', 'staging/api']);
  });

  test('Select Identity Center Accounts picks the session, the accounts and a role where there are several', async () => {
    await reset(identityCenterSeed());
    const pick = answerQuickPick((item) => ['corp', 'prod', 'dev', 'ReadOnly'].includes(item.label));
    try {
      await vscode.commands.executeCommand('awsTags.selectIdentityCenterAccounts');
    } finally {
      pick.restore();
    }
    assert.deepEqual(config().get('identityCenterAccounts'), [
      { ssoSession: 'corp', accountId: '111111111111', roleName: 'ReadOnly' },
      { ssoSession: 'corp', accountId: '222222222222', roleName: 'Developer' },
    ]);
  });

  test('Select Identity Center Accounts on an expired sign-in says how to sign in and changes nothing', async () => {
    await reset(identityCenterSeed());
    const messages = captureMessages();
    const pick = answerQuickPick((item) => item.label === 'lapsed');
    try {
      await vscode.commands.executeCommand('awsTags.selectIdentityCenterAccounts');
    } finally {
      pick.restore();
      messages.restore();
    }
    const warning = messages.shown.find((m) => m.kind === 'showWarningMessage');
    assert.match(warning?.message ?? '', /aws sso login --sso-session lapsed/);
    assert.deepEqual(warning?.buttons, ['Sign In']);
    assert.deepEqual(config().get('identityCenterAccounts'), []);
    assert.equal((await calls()).filter((c) => c.op.startsWith('sso.')).length, 0);
  });

  test('Select Identity Center Accounts never sends the sign-in token to a workspace endpoint not allowed', async () => {
    await reset(identityCenterSeed());
    // 0.0.0.0 reaches this machine's emulator but is not a loopback name: the workspace setting must be confirmed.
    const elsewhere = process.env.AWS_TAGS_EMULATOR_URL!.replace('127.0.0.1', '0.0.0.0');
    await config().update('endpointUrl', elsewhere, vscode.ConfigurationTarget.Workspace);
    const messages = captureMessages();
    const pick = answerQuickPick((item) => ['corp', 'prod'].includes(item.label));
    try {
      await vscode.commands.executeCommand('awsTags.selectIdentityCenterAccounts');
    } finally {
      pick.restore();
      messages.restore();
      await config().update('endpointUrl', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.match(messages.shown.find((m) => m.kind === 'showWarningMessage')?.message ?? '', /not allowed/);
    assert.equal((await calls()).filter((c) => c.op.startsWith('sso.')).length, 0);
    assert.deepEqual(config().get('identityCenterAccounts'), []);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
