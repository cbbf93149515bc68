// A credential_process that fails: the AWS SDK's error carries the command line and its stderr, which can hold
// tokens. What the extension logs and shows is the error's kind and a fixed explanation, never that text.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { createClients } from '../../src/aws/clients';
import { credentialsProblem, describeError } from '../../src/aws/errors';
import { CapturingLogger } from './harness';

const ARG_TOKEN = 'FAKE-ARG-TOKEN-7f3a9c';
const STDERR_TOKEN = 'FAKE-STDERR-TOKEN-1b2e8d';

describe('a failing credential_process', function () {
  this.timeout(20_000);
  let dir: string;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aws-tags-credproc-'));
    const config = join(dir, 'config');
    writeFileSync(
      config,
      `[profile leaky]\nregion = us-east-1\ncredential_process = sh -c "echo ${STDERR_TOKEN} >&2; exit 3" ${ARG_TOKEN}\n`,
    );
    writeFileSync(join(dir, 'credentials'), '');
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  after(() => {
    process.env.AWS_CONFIG_FILE = saved.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
    rmSync(dir, { recursive: true, force: true });
  });

  it("the SDK's own error does carry both tokens (the hazard is real)", async () => {
    const error = await fromIni({ profile: 'leaky', ignoreCache: true })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.ok(error?.message.includes(ARG_TOKEN) && error.message.includes(STDERR_TOKEN), error?.message);
  });

  it('neither token reaches what is logged or shown, for the error the SDK gives directly or through the chain', async () => {
    const direct = await fromIni({ profile: 'leaky', ignoreCache: true })().catch((e: unknown) => e);
    const logger = new CapturingLogger();
    const clients = createClients(
      { profile: 'leaky', region: 'us-east-1' },
      { logger, endpointUrl: 'http://127.0.0.1:9' },
    );
    const chained = await clients.checkCredentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    clients.destroy();
    for (const error of [direct, chained]) {
      const shown = [
        credentialsProblem('leaky', error),
        describeError(error, { action: 'sts:GetCallerIdentity' }).message,
      ];
      for (const text of [...shown, ...logger.lines]) {
        assert.ok(!text.includes(ARG_TOKEN) && !text.includes(STDERR_TOKEN), text);
      }
      assert.match(
        credentialsProblem('leaky', error),
        /^CredentialsProviderError: the credentials of profile leaky could not be loaded/,
      );
    }
  });
});
