import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles } from '../../src/aws/profiles';

describe('profiles from the shared config files', () => {
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aws-tags-profiles-'));
    // What `aws configure sso` writes: a profile pointing at an sso-session section, plus a services section.
    writeFileSync(
      join(dir, 'config'),
      [
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Admin',
        'region = eu-west-1',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        '[services local]',
        'kms =',
        '  endpoint_url = http://127.0.0.1:4566',
        '[profile ops]',
        'role_arn = arn:aws:iam::123456789012:role/ops',
        'source_profile = default',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = example\n',
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  after(() => {
    for (const [name, value] of [
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists profiles only, not sso-session or services sections, each with its kind of credentials', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(
      profiles.map((p) => [p.name, p.source, p.region]),
      [
        ['default', 'access key', undefined],
        ['dev', 'SSO', 'eu-west-1'],
        ['ops', 'assume role', undefined],
      ],
    );
  });
});
