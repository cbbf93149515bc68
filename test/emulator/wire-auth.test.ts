import * as assert from 'node:assert/strict';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { cli, rawCall, sdk, sdkError } from './helpers';
import { KEY_A, KEY_PENDING, KMS_SEED, SECRETS_SEED } from './test-seeds';

const SESSION = {
  accessKeyId: 'ASIAEMULATORSESSION1',
  secretAccessKey: 'session/secret',
  sessionToken: 'session-token-1',
};

describe('emulator conformance: wire format and SigV4', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    const seed = {
      regions: { 'us-east-1': { ...SECRETS_SEED.regions['us-east-1'], ...KMS_SEED.regions['us-east-1'] } },
    };
    emu = await startEmulator({
      seed,
      quiet: true,
      credentials: [
        { accessKeyId: 'AKIAEMULATORTESTKEY1', secretAccessKey: 'emulator/test/secret/access/key/000000000000' },
        SESSION,
      ],
    });
  });
  after(() => emu.stop());

  it('spells the error message field per service and names the error in __type and X-Amzn-ErrorType', async () => {
    const sm = await rawCall(emu, 'secretsmanager', 'DescribeSecret', { SecretId: 'nope' });
    assert.equal(sm.status, 400);
    assert.deepEqual(sm.json, {
      __type: 'ResourceNotFoundException',
      Message: "Secrets Manager can't find the specified secret.",
    });
    assert.equal(sm.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    assert.equal(sm.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.ok(sm.headers.get('x-amzn-requestid'));
    const kms = await rawCall(emu, 'kms', 'UntagResource', { KeyId: KEY_PENDING, TagKeys: ['Team'] });
    assert.equal(kms.status, 400);
    assert.deepEqual(Object.keys(kms.json ?? {}), ['__type', 'message']);
    assert.equal(kms.json?.__type, 'KMSInvalidStateException');
  });

  it('answers epoch-second numbers, and an empty 200 for operations without output', async () => {
    const listed = await rawCall(emu, 'secretsmanager', 'ListSecrets', { MaxResults: 1 });
    const entry = (listed.json?.SecretList as Array<Record<string, unknown>>)[0];
    assert.equal(typeof entry.CreatedDate, 'number');
    assert.ok((entry.CreatedDate as number) < Date.now() / 1000 && (entry.CreatedDate as number) > 1e9);
    const untag = await rawCall(emu, 'kms', 'UntagResource', { KeyId: KEY_A, TagKeys: ['Nothing'] });
    assert.deepEqual([untag.status, untag.text], [200, '']);
    const unknownOp = await rawCall(emu, 'kms', 'Encrypt', { KeyId: KEY_A });
    assert.equal(unknownOp.json?.__type, 'UnknownOperationException');
  });

  it('rejects a wrong secret key with InvalidSignatureException in the SDK and the CLI', async () => {
    const bad = sdk(emu, {
      credentials: { accessKeyId: 'AKIAEMULATORTESTKEY1', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    try {
      const e = await sdkError(bad.sm.send(new ListSecretsCommand({})));
      assert.equal(e.name, 'InvalidSignatureException');
      assert.match(e.message, /^The request signature we calculated does not match the signature you provided\./);
    } finally {
      bad.destroy();
    }
    const viaCli = await cli(emu, ['kms', 'list-keys'], { env: { AWS_SECRET_ACCESS_KEY: 'wrong' } });
    assert.equal(viaCli.error, 'InvalidSignatureException');
    assert.equal(emu.calls({ outcome: 'InvalidSignatureException' }).length, 2);
  });

  it('rejects an unknown access key with UnrecognizedClientException in the SDK and the CLI', async () => {
    const stranger = sdk(emu, { credentials: { accessKeyId: 'AKIANOTKNOWN', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const e = await sdkError(stranger.kms.send(new ListKeysCommand({})));
      assert.deepEqual(
        [e.name, e.message, e.status],
        ['UnrecognizedClientException', 'The security token included in the request is invalid.', 400],
      );
    } finally {
      stranger.destroy();
    }
    const viaCli = await cli(emu, ['secretsmanager', 'list-secrets'], { env: { AWS_ACCESS_KEY_ID: 'AKIANOTKNOWN' } });
    assert.equal(viaCli.error, 'UnrecognizedClientException');
  });

  it('accepts session credentials only with their token', async () => {
    const ok = sdk(emu, { credentials: SESSION, maxAttempts: 1 });
    const wrong = sdk(emu, { credentials: { ...SESSION, sessionToken: 'other' }, maxAttempts: 1 });
    try {
      assert.ok((await ok.kms.send(new ListKeysCommand({}))).Keys?.length);
      assert.equal((await sdkError(wrong.kms.send(new ListKeysCommand({})))).name, 'UnrecognizedClientException');
    } finally {
      ok.destroy();
      wrong.destroy();
    }
    const viaCli = await cli(emu, ['kms', 'list-keys'], {
      env: {
        AWS_ACCESS_KEY_ID: SESSION.accessKeyId,
        AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey,
        AWS_SESSION_TOKEN: SESSION.sessionToken,
      },
    });
    assert.equal(viaCli.code, 0, viaCli.stderr);
  });

  it('insists on a credential scope for the service being called', async () => {
    const crossed = await rawCall(emu, 'kms', 'ListKeys', {}, { signingService: 'secretsmanager' });
    assert.equal(crossed.status, 400);
    assert.equal(crossed.json?.__type, 'InvalidSignatureException');
    assert.match(String(crossed.json?.message), /Credential should be scoped to correct service: 'kms'/);
  });

  it('answers STS GetCallerIdentity for the CLI with the account of the emulator', async () => {
    const viaCli = await cli(emu, ['sts', 'get-caller-identity']);
    assert.equal(viaCli.json?.Account, '123456789012');
    assert.match(String(viaCli.json?.Arn), /^arn:aws:iam::123456789012:user\//);
  });
});
