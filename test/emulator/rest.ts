// The REST JSON protocol of the IAM Identity Center portal (sso) and Account Management (account): the operation is
// the method and path, the input comes from the query string, headers and a JSON body, errors are named in the
// `x-amzn-ErrorType` header over a `{"message": ...}` body, with the HTTP status each error shape declares.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from './errors';
import type { Input } from './ops';
import type { Caller } from './sigv4';

interface Route {
  service: 'sso' | 'account';
  operation: string;
  /** Query parameter (or `header:` name) for each input member. */
  bindings?: Record<string, string>;
}

const TOKEN = 'header:x-amz-sso_bearer_token';
const PAGE = { maxResults: 'max_result', nextToken: 'next_token' };

const ROUTES: Record<string, Route> = {
  'GET /assignment/accounts': { service: 'sso', operation: 'ListAccounts', bindings: { accessToken: TOKEN, ...PAGE } },
  'GET /assignment/roles': {
    service: 'sso',
    operation: 'ListAccountRoles',
    bindings: { accessToken: TOKEN, accountId: 'account_id', ...PAGE },
  },
  'GET /federation/credentials': {
    service: 'sso',
    operation: 'GetRoleCredentials',
    bindings: { accessToken: TOKEN, accountId: 'account_id', roleName: 'role_name' },
  },
  'POST /logout': { service: 'sso', operation: 'Logout', bindings: { accessToken: TOKEN } },
  'POST /listRegions': { service: 'account', operation: 'ListRegions' },
};

export interface RestParsed {
  service: 'sso' | 'account';
  operation: string;
  input: Input;
  parseError?: AwsError;
}

/**
 * The REST operation a request is, if it is one: by method and path, or any request signed for `account` (so an
 * operation not implemented is answered as that service answers). Anything else goes on to the other protocols.
 */
export function parseRest(req: IncomingMessage, body: Buffer, scope: string | undefined): RestParsed | undefined {
  const url = new URL(req.url ?? '/', 'http://x');
  const route = ROUTES[`${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`];
  if (!route)
    return scope === 'account' ? { service: 'account', operation: url.pathname.slice(1), input: {} } : undefined;
  const input: Input = {};
  for (const [member, from] of Object.entries(route.bindings ?? {})) {
    const v = from.startsWith('header:') ? req.headers[from.slice('header:'.length)] : url.searchParams.get(from);
    if (typeof v === 'string') input[member] = v;
  }
  if (route.service === 'sso' || body.length === 0) return { ...route, input };
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return { ...route, input: { ...(v as Input), ...input } };
  } catch {
    return { ...route, input, parseError: new AwsError('SerializationException', 'Malformed request body.') };
  }
}

/** The portal is not signed: its caller is the token, checked by each operation. The region comes from the host. */
export function portalCaller(req: IncomingMessage): Caller {
  const region = /^portal\.sso\.([a-z0-9-]+)\.amazonaws\.com/.exec(String(req.headers.host ?? ''))?.[1];
  return { credential: { accessKeyId: '', secretAccessKey: '' }, region: region ?? 'us-east-1', service: 'sso' };
}

export function sendRestJson(res: ServerResponse, status: number, body: object | undefined, requestId: string): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  res.end(text);
}

// Names and statuses as these services declare them: a JSON 1.1 name the emulator raises elsewhere (SigV4, access,
// throttling, faults) becomes the REST one. SigV4 failures are answered 403 (UNSETTLED).
const REST_NAMES: Record<string, [string, number]> = {
  UnrecognizedClientException: ['UnrecognizedClientException', 403],
  InvalidSignatureException: ['InvalidSignatureException', 403],
  IncompleteSignatureException: ['IncompleteSignatureException', 403],
  MissingAuthenticationTokenException: ['MissingAuthenticationTokenException', 403],
  AccessDeniedException: ['AccessDeniedException', 403],
  ThrottlingException: ['TooManyRequestsException', 429],
  TooManyRequestsException: ['TooManyRequestsException', 429],
  UnknownOperationException: ['UnknownOperationException', 404],
  UnauthorizedException: ['UnauthorizedException', 401],
  ForbiddenException: ['ForbiddenException', 403],
  ResourceNotFoundException: ['ResourceNotFoundException', 404],
};

export function sendRestError(res: ServerResponse, e: AwsError, requestId: string): { code: string; status: number } {
  const [code, status] = REST_NAMES[e.code] ?? [e.code, e.status];
  const text = JSON.stringify({ message: e.message });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': code,
  });
  res.end(text);
  return { code, status };
}
