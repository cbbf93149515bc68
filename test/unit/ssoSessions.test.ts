import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, errorCategory } from '../../src/aws/errors';
import {
  identityCenterLabel,
  identityCenterRegion,
  listSsoSessions,
  parseIdentityCenterAccounts,
  SsoLoginRequiredError,
  tokenState,
} from '../../src/aws/ssoSessions';

describe('IAM Identity Center sessions and tokens', () => {
  const NOW = Date.parse('2026-03-01T12:00:00Z');

  it('reads the [sso-session NAME] sections of AWS_CONFIG_FILE and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-tags-sso-sessions-'));
    const saved = process.env.AWS_CONFIG_FILE;
    writeFileSync(
      join(dir, 'config'),
      [
        '[profile dev]',
        'sso_session = corp',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        '[sso-session lab]',
        'sso_start_url = https://lab.awsapps.com/start',
        '[services local]',
        'kms =',
        '  endpoint_url = http://127.0.0.1:4566',
        '',
      ].join('\n'),
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    try {
      assert.deepEqual(await listSsoSessions(), [
        { name: 'corp', region: 'eu-west-1', startUrl: 'https://corp.awsapps.com/start' },
        { name: 'lab', region: undefined, startUrl: 'https://lab.awsapps.com/start' },
      ]);
    } finally {
      if (saved === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a token as expired from its expiresAt on, and an unreadable one as missing', () => {
    const at = (iso: string) => tokenState({ accessToken: 't', expiresAt: iso }, NOW).kind;
    assert.equal(at('2026-03-01T12:00:01Z'), 'valid');
    assert.equal(at('2026-03-01T12:00:00Z'), 'expired');
    assert.equal(at('2026-03-01T11:00:00Z'), 'expired');
    assert.equal(at('not a date'), 'missing');
    assert.equal(tokenState({ expiresAt: '2027-01-01T00:00:00Z' }, NOW).kind, 'missing');
    assert.equal(tokenState(undefined, NOW).kind, 'missing');
    const valid = tokenState({ accessToken: 'abc', expiresAt: '2026-03-01T13:00:00Z' }, NOW);
    assert.deepEqual(valid, { kind: 'valid', accessToken: 'abc', expiresAt: new Date('2026-03-01T13:00:00Z') });
  });

  it('takes the region from the setting, then the environment, then the Identity Center instance', () => {
    const session = { name: 'corp', region: 'eu-central-1', startUrl: undefined };
    assert.equal(identityCenterRegion('ap-south-1', session, { AWS_REGION: 'us-west-2' }), 'ap-south-1');
    assert.equal(
      identityCenterRegion(undefined, session, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'x' }),
      'us-west-2',
    );
    assert.equal(identityCenterRegion(undefined, session, { AWS_DEFAULT_REGION: 'eu-west-3' }), 'eu-west-3');
    assert.equal(identityCenterRegion(undefined, session, {}), 'eu-central-1');
    assert.equal(identityCenterRegion(undefined, undefined, {}), undefined);
  });

  it('keeps only well-formed setting entries, each once', () => {
    const parsed = parseIdentityCenterAccounts([
      { ssoSession: 'corp', accountId: '111111111111', roleName: 'Admin' },
      { ssoSession: 'corp', accountId: '111111111111', roleName: 'Admin' },
      { ssoSession: 'corp', accountId: '111111111111', roleName: 'ReadOnly' },
      { ssoSession: 'corp', accountId: '1111', roleName: 'Admin' },
      { ssoSession: '', accountId: '222222222222', roleName: 'Admin' },
      { ssoSession: 'corp', accountId: 222222222222, roleName: 'Admin' },
      'corp/333333333333/Admin',
      null,
    ]);
    assert.deepEqual(parsed.map(identityCenterLabel), ['corp/111111111111/Admin', 'corp/111111111111/ReadOnly']);
    assert.deepEqual(parseIdentityCenterAccounts({ not: 'a list' }), []);
  });

  it('makes a sign-in error that counts as a credentials problem and says how to sign in', () => {
    const error = new SsoLoginRequiredError('corp', 'expired');
    assert.equal(errorCategory(error), 'credentials');
    assert.match(describeError(error, { action: 'sts:GetCallerIdentity' }).message, /aws sso login --sso-session corp/);
    assert.equal(errorCategory({ name: 'UnauthorizedException' }), 'credentials');
  });
});
