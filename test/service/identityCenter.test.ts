// Identity Center accounts through the extension's own code, against the emulator's portal over HTTP: the CLI's
// token cache and config read as the AWS CLI reads them, ListAccounts/ListAccountRoles, role credentials that list
// secrets, and expired or refused tokens ending in the error the tree shows as its sign-in row.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { createClients } from '../../src/aws/clients';
import { errorCategory } from '../../src/aws/errors';
import { openPortal } from '../../src/aws/identityCenter';
import { identityCenterLabel, type IdentityCenterSource } from '../../src/aws/ssoSessions';
import type { Scope } from '../../src/aws/types';
import { startEmulator, type Emulator } from '../emulator';
import { cli } from '../emulator/helpers';
import { SECRETS_SEED, SSO_ACCOUNTS } from '../emulator/test-seeds';
import type { Seed } from '../emulator/types';
import { CapturingLogger, useTestCredentials } from './harness';

const LIVE = 'live-token-3f9a';
const STALE = 'stale-token-81bc';
/** 23 accounts: two ListAccounts pages of the portal's 20. */
const EXTRA = Array.from({ length: 20 }, (_, i) => ({
  accountId: `3000000000${String(i).padStart(2, '0')}`,
  accountName: `team-${i}`,
  roles: ['ReadOnly'],
}));
const SEED: Seed = {
  ...SECRETS_SEED,
  sso: {
    tokens: [
      { accessToken: LIVE, userName: 'ana@example.com' },
      // Still valid in the emulator: only the cache file says it expired, as when the CLI's sign-in lapsed.
      { accessToken: STALE },
    ],
    accounts: [...(SSO_ACCOUNTS ?? []), ...EXTRA],
  },
};

const cacheFile = (home: string, session: string) =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);

describe('IAM Identity Center accounts against the emulator', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let home: string;
  const saved = { home: process.env.HOME, config: process.env.AWS_CONFIG_FILE };
  const logger = new CapturingLogger();
  const options = () => ({ endpointUrl: emu.url, logger, maxAttempts: 1 });
  const writeToken = (session: string, accessToken: string, expiresInMs: number) =>
    writeFileSync(
      cacheFile(home, session),
      JSON.stringify({
        startUrl: 'https://example.awsapps.com/start',
        region: 'us-east-1',
        accessToken,
        expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      }),
    );

  before(async () => {
    useTestCredentials();
    emu = await startEmulator({ seed: SEED, quiet: true });
    home = mkdtempSync(join(tmpdir(), 'aws-tags-identity-center-'));
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const session = (name: string) =>
      `[sso-session ${name}]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`;
    writeFileSync(
      join(home, '.aws', 'config'),
      [
        ...['corp', 'stale', 'revoked', 'never'].map(session),
        // The same token cache, read by the AWS CLI through a profile: proof the file is where the CLI keeps it.
        '[profile cli-dev]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Developer\nregion = us-east-1\n',
      ].join(''),
    );
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
    writeToken('corp', LIVE, 3_600_000);
    writeToken('stale', STALE, -60_000);
    writeToken('revoked', 'unknown-to-the-portal', 3_600_000);
  });
  after(async () => {
    process.env.HOME = saved.home;
    process.env.AWS_CONFIG_FILE = saved.config;
    rmSync(home, { recursive: true, force: true });
    await emu.stop();
  });
  beforeEach(() => emu.clearCalls());

  const scope = (source: IdentityCenterSource, region = 'us-east-1'): Scope => ({
    profile: identityCenterLabel(source),
    region,
    identityCenter: source,
  });

  it('lists every account over the pages, and the roles of one, as the AWS CLI lists them', async () => {
    const portal = await openPortal('corp', options());
    try {
      const accounts = await portal.accounts();
      assert.equal(accounts.length, 23);
      assert.deepEqual(accounts[0], {
        accountId: '111111111111',
        accountName: 'prod',
        emailAddress: 'aws-prod@example.com',
      });
      assert.equal(emu.calls({ op: 'sso.ListAccounts' }).length, 2);
      const viaCli = await cli(emu, ['sso', 'list-accounts', '--access-token', LIVE]);
      assert.deepEqual(
        accounts.map((a) => a.accountId),
        (viaCli.json?.accountList as Array<{ accountId: string }>).map((a) => a.accountId),
      );
      assert.deepEqual(await portal.roles('111111111111'), ['Admin', 'ReadOnly']);
      assert.deepEqual(await portal.roles('222222222222'), ['Developer']);
    } finally {
      portal.destroy();
    }
  });

  it('reads the token cache file the AWS CLI reads for the same sso-session', async () => {
    const viaCli = await cli(emu, ['sts', 'get-caller-identity', '--profile', 'cli-dev'], {
      env: { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_ENDPOINT_URL: emu.url },
    });
    assert.equal(viaCli.code, 0, viaCli.stderr);
    assert.equal(viaCli.json?.Account, '222222222222');
    assert.equal(emu.calls({ op: 'sso.GetRoleCredentials' }).length, 1, 'the CLI took its credentials from the portal');
  });

  it('signs requests with the role credentials, asking the portal once per build for the same account and role', async () => {
    const dev = { session: 'corp', accountId: '222222222222', roleName: 'Developer' };
    const build = { ...options(), roleCredentials: new Map() };
    const here = createClients(scope(dev), build);
    const there = createClients(scope(dev, 'eu-west-1'), build);
    const nextBuild = createClients(scope(dev), { ...options(), roleCredentials: new Map() });
    try {
      assert.equal(await here.accountId(), '222222222222');
      await there.checkCredentials();
      const listed = await here.secrets.send(new ListSecretsCommand({}));
      assert.ok((listed.SecretList?.length ?? 0) > 0);
      assert.equal(emu.calls({ op: 'sso.GetRoleCredentials' }).length, 1);
      const signers = new Set(emu.calls({ op: 'secretsmanager.ListSecrets' }).map((c) => c.accessKeyId));
      assert.equal(signers.size, 1);
      assert.match([...signers][0] ?? '', /^ASIA/, 'signed with the minted role credentials, not the environment');
      await nextBuild.checkCredentials();
      assert.equal(emu.calls({ op: 'sso.GetRoleCredentials' }).length, 2, 'a Refresh fetches them again');
      assert.ok(!logger.lines.some((l) => l.includes(LIVE)), 'the token never reaches the log');
    } finally {
      for (const c of [here, there, nextBuild]) c.destroy();
    }
  });

  it('fails with the sign-in error, and calls nothing, when the cached token expired or is missing', async () => {
    for (const session of ['stale', 'never']) {
      const clients = createClients(scope({ session, accountId: '222222222222', roleName: 'Developer' }), options());
      const error = await clients.checkCredentials().then(
        () => undefined,
        (e: unknown) => e as Error & { reason?: string },
      );
      clients.destroy();
      assert.equal(error?.name, 'SsoLoginRequired', session);
      assert.equal(error?.reason, session === 'stale' ? 'expired' : 'missing');
      assert.equal(errorCategory(error), 'credentials');
      assert.match(error?.message ?? '', new RegExp(`aws sso login --sso-session ${session}`));
      const refused = await openPortal(session, options()).catch((e: unknown) => e as Error);
      assert.equal((refused as Error).name, 'SsoLoginRequired');
    }
    assert.equal(emu.calls({ service: 'sso' }).length, 0);
  });

  it('takes a token the portal refuses as a sign-in to renew, and a role not assigned as an error of its own', async () => {
    const revoked = createClients(
      scope({ session: 'revoked', accountId: '222222222222', roleName: 'Developer' }),
      options(),
    );
    const notAssigned = createClients(
      scope({ session: 'corp', accountId: '222222222222', roleName: 'Admin' }),
      options(),
    );
    try {
      const refused = await revoked.checkCredentials().catch((e: unknown) => e as Error & { reason?: string });
      assert.deepEqual([refused?.name, refused?.reason], ['SsoLoginRequired', 'refused']);
      const forbidden = await notAssigned.checkCredentials().catch((e: unknown) => e as Error);
      assert.equal(forbidden?.name, 'ForbiddenException');
      assert.notEqual(errorCategory(forbidden), 'credentials');
      const portal = await openPortal('revoked', options());
      const listing = await portal.accounts().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      portal.destroy();
      assert.equal(listing?.name, 'SsoLoginRequired');
    } finally {
      revoked.destroy();
      notAssigned.destroy();
    }
  });
});
