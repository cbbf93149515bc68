import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getCanonicalQuery } from '@smithy/signature-v4';
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

const sha256Hex = (data: string | Buffer): string => hash('sha256', data, 'hex');

/** Headers the canonical request takes from elsewhere than the request's own list. */
const OWN_HEADERS = new Set(['authorization', 'date', 'x-amz-date', 'x-amz-content-sha256']);

/** A header value as the signer canonicalizes it: line breaks to spaces, runs of blanks to one, trimmed by one. */
function canonicalValue(v: string): string {
  if (!/[\r\n\t]| {2}|^ | $/.test(v)) return v;
  return v
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

// RFC 3986 escaping, as the SDK's signer applies it to the path (twice: once here, once by the client's own URL).
const escapeUri = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The normalized, escaped path of the canonical request (`.` and `..` resolved, empty segments dropped). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/**
 * Derived signing keys by secret key, date, region and service: the key changes only with those, so clients
 * (the AWS SDKs among them) derive it once a day per scope. Bounded, oldest dropped first.
 */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 64;

function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const id = JSON.stringify([secretAccessKey, date, region, service]);
  let key = signingKeys.get(id);
  if (!key) {
    key = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
    for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(id, key);
  }
  return key;
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
export function verifySigV4(req: SignedRequest, credentials: Credential[], expectedService?: string): Caller {
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

  const bodyHash = sha256Hex(req.body);
  const declaredHash = header(req.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    throw new AwsError(
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  // The canonical headers as the SDK's signer builds them: the signed headers the request has (`date` and
  // `authorization` never take part), its date, and the body's hash where that header is signed.
  const signed = new Set(signedList.split(';'));
  const date = header(req.headers, 'x-amz-date') ?? '';
  const canonical: Array<[string, string]> = [['x-amz-date', date]];
  if (signed.has('x-amz-content-sha256')) canonical.push(['x-amz-content-sha256', bodyHash]);
  for (const name of signed) {
    if (OWN_HEADERS.has(name) || !Object.hasOwn(req.headers, name)) continue;
    const v = header(req.headers, name);
    if (v !== undefined) canonical.push([name, canonicalValue(v)]);
  }
  canonical.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const at = req.url.indexOf('?');
  const canonicalRequest = [
    req.method,
    canonicalPath(at < 0 ? req.url : req.url.slice(0, at)),
    at < 0 ? '' : getCanonicalQuery({ query: query(req.url) } as Parameters<typeof getCanonicalQuery>[0]),
    ...canonical.map(([n, v]) => `${n}:${v}`),
    '',
    canonical.map(([n]) => n).join(';'),
    bodyHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = signingKey(credential.secretAccessKey, scopeDate, region, service);
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new AwsError('InvalidSignatureException', BAD_SIGNATURE);
  }
  return { credential, region, service };
}
