import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError, BAD_SIGNATURE, INVALID_TOKEN } from './errors';
import type { Credential } from './types';

export interface SignedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Caller {
  credential: Credential;
  region: string;
  service: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** `20240102T030405Z` as a Date. */
function amzDate(value: string | undefined): Date {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m)
    throw new AwsError(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function query(url: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const at = url.indexOf('?');
  if (at < 0) return out;
  for (const [k, v] of new URLSearchParams(url.slice(at + 1))) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Recomputes the request's SigV4 signature over exactly the headers it says it signed, so that any client that signs
 * correctly (the AWS SDKs, the AWS CLI) verifies, and answers AWS's errors otherwise.
 */
export async function verifySigV4(
  req: SignedRequest,
  credentials: Credential[],
  expectedService?: string,
): Promise<Caller> {
  const auth = header(req.headers, 'authorization');
  if (!auth) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH.exec(auth.trim());
  if (!m) throw new AwsError('IncompleteSignatureException', `Authorization header is malformed: ${auth}`);
  const [, accessKeyId, scopeDate, region, service, signedList, signature] = m;

  const credential = credentials.find((c) => c.accessKeyId === accessKeyId);
  const token = header(req.headers, 'x-amz-security-token');
  if (!credential || (credential.sessionToken ?? undefined) !== token) {
    throw new AwsError('UnrecognizedClientException', INVALID_TOKEN);
  }
  if (expectedService && service !== expectedService) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${expectedService}'. `,
    );
  }
  const signingDate = amzDate(header(req.headers, 'x-amz-date'));
  if (signingDate.toISOString().slice(0, 10).replace(/-/g, '') !== scopeDate) {
    throw new AwsError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${header(req.headers, 'x-amz-date')}'`,
    );
  }

  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const declaredHash = header(req.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    throw new AwsError(
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const signed = signedList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const v = header(req.headers, name);
    if (v !== undefined) headers[name] = v;
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      sessionToken: signed.includes('x-amz-security-token') ? credential.sessionToken : undefined,
    },
    region,
    service,
    sha256: Sha256,
    applyChecksum: signed.includes('x-amz-content-sha256'),
  });
  const [path] = req.url.split('?');
  const result = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path,
      query: query(req.url),
      headers,
      body: req.body,
    },
    { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signed) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(result.headers.authorization))?.[1] ?? '';
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new AwsError('InvalidSignatureException', BAD_SIGNATURE);
  }
  return { credential, region, service };
}
