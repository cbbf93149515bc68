import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cli, portalCall, sdk, sdkError, useEmulator } from './helpers';
import type { Seed } from './index';
import { SECRETS_SEED, SSO_ACCOUNTS } from './test-seeds';

const SEED: Seed = {
  ...SECRETS_SEED,
  sso: {
    tokens: [
      { accessToken: 'live-token', userName: 'ana@example.com' },
      { accessToken: 'stale-token', expiresInMinutes: -1 },
    ],
    accounts: SSO_ACCOUNTS,
  },
};

const ROLE_ARN = /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_Developer_[0-9a-f]{16}\/ana@example\.com$/;

describe('emulator conformance: IAM Identity Center portal (sso) through raw HTTP, the CLI and the SDK', function () {
  this.timeout(60_000);
  const env = useEmulator(SEED);
  const cliRoles = (accountId: string) =>
    cli(env.emu, ['sso', 'list-account-roles', '--access-token', 'live-token', '--account-id', accountId]);
  const cliRoleCredentials = (accountId: string, role: string) =>
    cli(env.emu, [
      'sso',
      'get-role-credentials',
      '--access-token',
      'live-token',
      '--account-id',
      accountId,
      '--role-name',
      role,
    ]);
  const credentialsOf = async (accountId: string, role: string) => {
    const r = await portalCall(
      env.emu,
      `/federation/credentials?account_id=${accountId}&role_name=${role}`,
      'live-token',
    );
    assert.equal(r.status, 200, r.text);
    const { accessKeyId, secretAccessKey, sessionToken } = (r.json as { roleCredentials: Record<string, string> })
      .roleCredentials;
    return { accessKeyId, secretAccessKey, sessionToken };
  };

  it('lists the assigned accounts as the portal sends them, page by page', async () => {
    const first = await portalCall(env.emu, '/assignment/accounts?max_result=2', 'live-token');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/json');
    assert.deepEqual(first.json?.accountList, [
      { accountId: '111111111111', accountName: 'prod', emailAddress: 'aws-prod@example.com' },
      { accountId: '222222222222', accountName: 'dev' },
    ]);
    const next = encodeURIComponent(String(first.json?.nextToken));
    const second = await portalCall(env.emu, `/assignment/accounts?max_result=2&next_token=${next}`, 'live-token');
    assert.deepEqual(second.json, {
      accountList: [{ accountId: '123456789012', accountName: 'tools', emailAddress: 'aws-tools@example.com' }],
    });
    env.emu.clearCalls();
    const viaCli = await cli(env.emu, ['sso', 'list-accounts', '--access-token', 'live-token', '--page-size', '1']);
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.deepEqual(
      (viaCli.json?.accountList as Array<{ accountId: string }>).map((a) => a.accountId),
      ['111111111111', '222222222222', '123456789012'],
    );
    assert.equal(env.emu.calls({ op: 'sso.ListAccounts' }).length, 3);
  });

  it('answers 401 UnauthorizedException for an unknown, expired or missing token', async () => {
    for (const token of ['nope', 'stale-token', undefined]) {
      const r = await portalCall(env.emu, '/assignment/accounts', token);
      assert.equal(r.status, 401);
      assert.equal(r.headers.get('x-amzn-errortype'), 'UnauthorizedException');
      assert.deepEqual(r.json, { message: 'Session token not found or invalid' });
    }
    const viaCli = await cli(env.emu, ['sso', 'list-accounts', '--access-token', 'stale-token']);
    assert.equal(viaCli.error, 'UnauthorizedException');
    assert.match(viaCli.stderr, /Session token not found or invalid/);
  });

  it('lists the roles of an account, refuses an account not assigned, and validates its input', async () => {
    const viaCli = await cliRoles('111111111111');
    assert.deepEqual(viaCli.json, {
      roleList: [
        { roleName: 'Admin', accountId: '111111111111' },
        { roleName: 'ReadOnly', accountId: '111111111111' },
      ],
    });
    const other = await portalCall(env.emu, '/assignment/roles?account_id=999999999999', 'live-token');
    assert.deepEqual([other.status, other.headers.get('x-amzn-errortype')], [403, 'ForbiddenException']);
    const missing = await portalCall(env.emu, '/assignment/roles', 'live-token');
    assert.deepEqual([missing.status, missing.headers.get('x-amzn-errortype')], [400, 'InvalidRequestException']);
    const tooMany = await portalCall(env.emu, '/assignment/roles?account_id=111111111111&max_result=101', 'live-token');
    assert.equal(tooMany.headers.get('x-amzn-errortype'), 'InvalidRequestException');
  });

  it('mints role credentials the emulator accepts, in the chosen account, as the SSO role session', async () => {
    const viaCli = await cliRoleCredentials('222222222222', 'Developer');
    assert.equal(viaCli.code, 0, viaCli.stderr);
    const rc = viaCli.json?.roleCredentials as Record<string, string | number>;
    assert.match(String(rc.accessKeyId), /^ASIA[A-Z0-9]{16}$/);
    assert.equal(typeof rc.expiration, 'number');
    assert.ok(Math.abs(Number(rc.expiration) - (Date.now() + 3_600_000)) < 60_000, 'expires in an hour, in ms');
    const credentials = {
      accessKeyId: String(rc.accessKeyId),
      secretAccessKey: String(rc.secretAccessKey),
      sessionToken: String(rc.sessionToken),
    };
    const c = sdk(env.emu, { credentials, maxAttempts: 1 });
    try {
      assert.equal((await c.sm.send(new ListSecretsCommand({}))).SecretList?.length, 7);
    } finally {
      c.destroy();
    }
    const who = await cli(env.emu, ['sts', 'get-caller-identity'], {
      env: {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_SESSION_TOKEN: credentials.sessionToken,
      },
    });
    assert.equal(who.json?.Account, '222222222222');
    assert.match(String(who.json?.Arn), ROLE_ARN);
    assert.match(String(who.json?.UserId), /^AROA[0-9A-F]{17}:ana@example\.com$/);
    const wrongToken = sdk(env.emu, { credentials: { ...credentials, sessionToken: 'x' }, maxAttempts: 1 });
    try {
      assert.equal((await sdkError(wrongToken.kms.send(new ListKeysCommand({})))).name, 'UnrecognizedClientException');
    } finally {
      wrongToken.destroy();
    }
    assert.equal((await cliRoleCredentials('222222222222', 'Admin')).error, 'ForbiddenException');
  });

  it('serves the SDK’s own SSO credential provider from a cached token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sso-home-'));
    const startUrl = 'https://example.awsapps.com/start';
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const cacheFile = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', cacheFile),
      JSON.stringify({ accessToken: 'live-token', expiresAt }),
    );
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const provider = fromSSO({
        ssoStartUrl: startUrl,
        ssoAccountId: '222222222222',
        ssoRegion: 'us-east-1',
        ssoRoleName: 'Developer',
        clientConfig: { endpoint: env.emu.url },
      });
      const creds = await provider();
      assert.ok(creds.expiration && creds.expiration.getTime() > Date.now());
      const sts = new STSClient({ endpoint: env.emu.url, region: 'us-east-1', credentials: creds });
      try {
        const who = await sts.send(new GetCallerIdentityCommand({}));
        assert.equal(who.Account, '222222222222');
        assert.match(who.Arn ?? '', ROLE_ARN);
      } finally {
        sts.destroy();
      }
    } finally {
      process.env.HOME = savedHome;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('applies allow-lists to role credentials by their access key, naming the role session', async () => {
    const rc = await credentialsOf('111111111111', 'ReadOnly');
    env.emu.allowOnlyActions(['secretsmanager:List*'], rc.accessKeyId);
    const c = sdk(env.emu, { credentials: rc, maxAttempts: 1 });
    try {
      assert.ok((await c.sm.send(new ListSecretsCommand({}))).SecretList);
      const denied = await sdkError(c.kms.send(new ListKeysCommand({})));
      assert.equal(denied.name, 'AccessDeniedException');
      assert.match(denied.message, /^User: arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_\w+\/ana@/);
    } finally {
      c.destroy();
    }
  });

  it('logs out: the token stops working, role credentials keep working until a reset', async () => {
    const rc = await credentialsOf('123456789012', 'ReadOnly');
    const out = await portalCall(env.emu, '/logout', 'live-token', 'POST');
    assert.deepEqual([out.status, out.text], [200, '']);
    assert.equal((await portalCall(env.emu, '/assignment/accounts', 'live-token')).status, 401);
    const c = sdk(env.emu, { credentials: rc, maxAttempts: 1 });
    try {
      assert.ok((await c.kms.send(new ListKeysCommand({}))).Keys);
      env.emu.reset();
      assert.equal((await sdkError(c.kms.send(new ListKeysCommand({})))).name, 'UnrecognizedClientException');
    } finally {
      c.destroy();
    }
  });

  it('takes faults like the other services, with the REST statuses: 429, 404', async () => {
    env.emu.addFault({ service: 'sso', operation: 'GetRoleCredentials', error: 'TooManyRequestsException', times: 1 });
    const r = await portalCall(
      env.emu,
      '/federation/credentials?account_id=222222222222&role_name=Developer',
      'live-token',
    );
    assert.deepEqual([r.status, r.headers.get('x-amzn-errortype')], [429, 'TooManyRequestsException']);
    assert.equal((await credentialsOf('222222222222', 'Developer')).accessKeyId.slice(0, 4), 'ASIA');
    env.emu.addFault({ service: 'sso', operation: 'ListAccountRoles', error: 'ResourceNotFoundException', times: 1 });
    const missing = await cliRoles('111111111111');
    assert.equal(missing.error, 'ResourceNotFoundException');
    assert.deepEqual(
      env.emu.calls({ op: 'sso.ListAccountRoles' }).map((c) => [c.outcome, c.status, c.accessKeyId]),
      [['ResourceNotFoundException', 404, undefined]],
    );
  });
});
