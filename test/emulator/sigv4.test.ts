import * as assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from './errors';
import { verifySigV4, type SignedRequest } from './sigv4';
import type { Credential } from './types';

const KEY: Credential = { accessKeyId: 'AKIASIGV4TEST', secretAccessKey: 'sigv4/test/secret' };
const SESSION: Credential = { accessKeyId: 'ASIASIGV4TEST', secretAccessKey: 'sigv4/session', sessionToken: 'tok/1+2' };

interface Shape {
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  date?: Date;
  region?: string;
  service?: string;
  applyChecksum?: boolean;
}

/** A request as the SDK's signer signs it, turned into what the emulator's HTTP server receives. */
async function signed(credential: Credential, shape: Shape = {}): Promise<SignedRequest> {
  const body = shape.body ?? '{"Limit":5}';
  const region = shape.region ?? 'eu-west-1';
  const signer = new SignatureV4({
    credentials: credential,
    region,
    service: shape.service ?? 'kms',
    sha256: Sha256,
    applyChecksum: shape.applyChecksum ?? false,
  });
  const path = shape.path ?? '/';
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path,
      query: shape.query ?? {},
      headers: {
        host: '127.0.0.1:4566',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'TrentService.ListKeys',
        ...shape.headers,
      },
      body,
    },
    { signingDate: shape.date ?? new Date('2025-03-04T05:06:07Z') },
  );
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(shape.query ?? {})) for (const one of [v].flat()) query.append(k, one);
  const search = query.toString().replace(/\+/g, '%20');
  return {
    method: 'POST',
    url: search ? `${path}?${search}` : path,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: Buffer.from(body),
  };
}

function failure(req: SignedRequest, credentials: Credential[] = [KEY, SESSION]): string {
  try {
    verifySigV4(req, credentials);
  } catch (e) {
    if (e instanceof AwsError) return e.code;
    throw e;
  }
  return 'verified';
}

describe('emulator SigV4 verification', () => {
  it('verifies what the SDK signer signs, in every shape of request the clients send', async () => {
    const shapes: Shape[] = [
      {},
      { applyChecksum: true },
      { query: { Action: 'ListUsers', Version: '2010-05-08', Marker: 'a b+c/d', Multi: ['z', 'a'] } },
      { path: '/some%20path/./x/../y/', body: '' },
      { headers: { 'x-amz-meta-spaces': '  two   spaces  here ', 'user-agent': 'not signed' } },
      { region: 'ap-southeast-2', service: 'secretsmanager', date: new Date('2025-12-31T23:59:59Z') },
    ];
    for (const shape of shapes) {
      const req = await signed(KEY, shape);
      assert.equal(failure(req), 'verified', JSON.stringify(shape));
      // The same again: now from the cached signing key.
      assert.equal(failure(req), 'verified', JSON.stringify(shape));
    }
    assert.equal(failure(await signed(SESSION)), 'verified');
  });

  it('still checks every signature when the signing key is cached', async () => {
    const good = await signed(KEY);
    assert.equal(failure(good), 'verified');
    assert.equal(failure({ ...good, body: Buffer.from('{"Limit":6}') }), 'InvalidSignatureException');
    const retargeted = { ...good, headers: { ...good.headers, 'x-amz-target': 'TrentService.ListAliases' } };
    assert.equal(failure(retargeted), 'InvalidSignatureException');
    assert.equal(failure({ ...good, url: '/?x=1' }), 'InvalidSignatureException');
    // The same access key with another secret: the key derived for the first secret does not apply.
    const rotated = [{ ...KEY, secretAccessKey: 'rotated' }];
    assert.equal(failure(good, rotated), 'InvalidSignatureException');
    assert.equal(failure(await signed(rotated[0]), rotated), 'verified');
    // Another day, region or service derives another key.
    assert.equal(failure(await signed(KEY, { date: new Date('2025-03-05T00:00:01Z') })), 'verified');
    const scoped = await signed(KEY, { region: 'us-west-2' });
    const mislabelled = { ...scoped, headers: { ...scoped.headers } };
    mislabelled.headers.authorization = String(scoped.headers.authorization).replace('/us-west-2/', '/eu-west-1/');
    assert.equal(failure(mislabelled), 'InvalidSignatureException');
  });

  it('refuses a session credential without its token', async () => {
    const req = await signed(SESSION);
    const headers = { ...req.headers };
    delete headers['x-amz-security-token'];
    assert.equal(failure({ ...req, headers }), 'UnrecognizedClientException');
  });
});
