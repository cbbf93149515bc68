import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProcessingClock } from './calllog';
import type { Engine } from './engine';
import { AwsError, faultError, internalFault, throttled } from './errors';
import { accountOps } from './account';
import { IAM_OPS } from './iam';
import { kmsOps } from './kms';
import type { Handler, Input, OpContext } from './ops';
import { IAM_NS, queryResponse, sendQueryError, sendXml, STS_NS } from './query';
import type { XmlValue } from './query';
import { parseRest, portalCaller, sendRestError, sendRestJson } from './rest';
import { secretsManagerOps } from './secrets';
import { verifySigV4 } from './sigv4';
import { ssoOps } from './sso';
import { sendCallerIdentity } from './sts';
import { taggingOps } from './tagging';
import type { CallRecord, FaultEntry, ServiceName } from './types';

const OPS: Record<string, Record<string, Handler>> = {
  secretsmanager: secretsManagerOps,
  kms: kmsOps,
  tagging: taggingOps,
  account: accountOps,
  sso: ssoOps,
};

const TARGET_PREFIXES: Record<string, ServiceName> = {
  secretsmanager: 'secretsmanager',
  TrentService: 'kms',
  ResourceGroupsTaggingAPI_20170126: 'tagging',
};

interface Parsed {
  service: ServiceName | 'unknown';
  operation: string;
  input: Input;
  parseError?: AwsError;
}

function parse(req: IncomingMessage, body: Buffer): Parsed {
  const scope = /Credential=[^/\s]+\/\d{8}\/[^/\s]+\/([^/\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
  const rest = parseRest(req, body, scope);
  if (rest) return rest;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.indexOf('.');
    const service = TARGET_PREFIXES[target.slice(0, dot)] ?? 'unknown';
    try {
      const v: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
      return { service, operation: target.slice(dot + 1), input: v as Input };
    } catch {
      const parseError = new AwsError('SerializationException', 'Start of structure or map found where not expected.');
      return { service, operation: target.slice(dot + 1), input: {}, parseError };
    }
  }
  // The query protocol (STS, IAM): form-encoded body, or the URL's query string.
  const params = new URLSearchParams(body.toString('utf8'));
  for (const [k, v] of new URL(req.url ?? '/', 'http://x').searchParams) if (!params.has(k)) params.set(k, v);
  const action = params.get('Action');
  if (!action) return { service: 'unknown', operation: '', input: {} };
  // Both share the protocol and the endpoint here: the signature's scope names the service, as AWS's endpoints
  // (iam.amazonaws.com, sts.amazonaws.com) tell them apart. Unsigned requests go by the action.
  const iam = scope === 'iam' || (scope !== 'sts' && Object.hasOwn(IAM_OPS, action));
  return { service: iam ? 'iam' : 'sts', operation: action, input: Object.fromEntries(params) };
}

function resourceOf(input: Input): string | undefined {
  for (const k of ['SecretId', 'KeyId', 'Name', 'AliasName', 'TargetKeyId', 'RoleName', 'UserName', 'GroupName'])
    if (typeof input[k] === 'string') return input[k];
  return undefined;
}

function tagKeysOf(input: Input): string[] | undefined {
  // The query protocol's lists: `Tags.member.1.Key`.
  const queryKeys = Object.keys(input).filter((k) => /^Tags\.member\.\d+\.Key$/.test(k));
  if (queryKeys.length) return queryKeys.map((k) => String(input[k]));
  if (Array.isArray(input.TagKeys)) return input.TagKeys.filter((k): k is string => typeof k === 'string');
  if (!Array.isArray(input.Tags)) return undefined;
  return input.Tags.map((t: unknown) => {
    const tag = (t ?? {}) as Record<string, unknown>;
    return String(tag.Key ?? tag.TagKey ?? '');
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: object | undefined,
  requestId: string,
  errorType?: string,
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'X-Amzn-ErrorType': errorType } : {}),
  });
  res.end(text);
}

/** KMS error shapes spell the field `message`, Secrets Manager's `Message`. */
function sendError(
  res: ServerResponse,
  service: Parsed['service'],
  e: AwsError,
  requestId: string,
): { code: string; status: number } {
  if (service === 'sts' || service === 'iam')
    return sendQueryError(res, service === 'iam' ? IAM_NS : STS_NS, requestId, e);
  if (service === 'sso' || service === 'account') return sendRestError(res, e, requestId);
  const field = service === 'secretsmanager' || service === 'tagging' ? 'Message' : 'message';
  sendJson(res, e.status, { __type: e.code, [field]: e.message }, requestId, e.code);
  return { code: e.code, status: e.status };
}

export interface Lifecycle {
  /** Resolves false when the emulator stopped while waiting. */
  sleep(ms: number): Promise<boolean>;
}

export async function handleAws(
  engine: Engine,
  life: Lifecycle,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const time = Date.now();
  const clock = new ProcessingClock(res);
  const requestId = randomUUID();
  const p = parse(req, body);
  const record: CallRecord = {
    op: `${p.service}.${p.operation}`,
    service: p.service,
    operation: p.operation,
    region: '',
    resource: resourceOf(p.input),
    tagKeys: tagKeysOf(p.input),
    outcome: 'ok',
    status: 200,
    requestId,
    time,
    durationMs: 0,
    processingMs: 0,
  };
  if (record.tagKeys === undefined) delete record.tagKeys;
  const filters = (p.input as { Filters?: unknown }).Filters;
  if (p.operation === 'ListSecrets' && Array.isArray(filters)) record.filters = filters;
  if (record.resource === undefined) delete record.resource;
  const finish = (outcome: string, status: number): void => {
    engine.log.add({ ...record, outcome, status, durationMs: Date.now() - time, processingMs: clock.ms });
  };
  const drop = (outcome: string): void => {
    finish(outcome, 0);
    req.socket.resetAndDestroy();
  };
  try {
    const expected = p.service === 'unknown' ? undefined : p.service;
    // The SSO portal is not signed (its operations check the bearer token); role credentials it handed out sign.
    const signed = { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body };
    const accepted = engine.state.sso.withMinted(engine.credentials);
    const caller = p.service === 'sso' ? portalCaller(req) : verifySigV4(signed, accepted, expected);
    record.region = caller.region;
    if (caller.credential.accessKeyId) record.accessKeyId = caller.credential.accessKeyId;
    if (p.parseError) throw p.parseError;
    const service = p.service;
    const known =
      service === 'sts'
        ? p.operation === 'GetCallerIdentity'
        : service === 'iam'
          ? Object.hasOwn(IAM_OPS, p.operation)
          : service !== 'unknown' && Object.hasOwn(OPS[service], p.operation);
    if (service === 'unknown' || !known) {
      throw new AwsError(
        'UnknownOperationException',
        `Unknown operation ${p.operation || String(req.headers['x-amz-target'] ?? '')}`,
      );
    }
    if (!(await clock.wait(life.sleep(engine.latency.delayFor(service, p.operation))))) return drop('reset');
    const facts = {
      service,
      operation: p.operation,
      region: caller.region,
      resource: record.resource,
      tagKeys: record.tagKeys,
    };
    const fault = engine.faultStore.take(facts);
    // A fault `after` the operation lets it run to the end and only then loses the answer.
    const loseAnswer = fault?.when === 'after' ? fault : undefined;
    const failFirst = fault && !loseAnswer ? fault : undefined;
    const spoil = async (f: FaultEntry): Promise<void> => {
      if (f.action === 'reset') return drop('reset');
      if (f.action === 'hang') {
        await clock.wait(life.sleep(f.hangMs ?? 30_000));
        return drop('hang');
      }
      throw faultError(service, f.error, f.message, f.status);
    };
    if (failFirst) return await spoil(failFirst);
    const principal = engine.principal(caller.credential);
    const denied = engine.access.check(facts, principal, caller.credential.accessKeyId);
    if (denied) throw denied;
    if (service === 'sts') {
      if (loseAnswer) return await spoil(loseAnswer);
      const account = caller.credential.accountId ?? engine.state.accountId;
      sendCallerIdentity(res, requestId, account, principal, caller.credential.accessKeyId);
      return finish('ok', 200);
    }
    if (!engine.quotas.take(`${service}.${p.operation}`, caller.region, Date.now())) throw throttled(service);
    if (service === 'iam') {
      const result = IAM_OPS[p.operation](engine.state.iam, p.input, Date.now()) as XmlValue;
      if (loseAnswer) {
        record.appliedThenLost = true;
        return await spoil(loseAnswer);
      }
      sendXml(res, 200, queryResponse(IAM_NS, p.operation, result, requestId), requestId);
      return finish('ok', 200);
    }
    const ctx: OpContext = {
      state: engine.state,
      regionName: caller.region,
      region: engine.state.region(caller.region),
      now: Date.now(),
      principal,
      staleSecrets: engine.staleSnapshot && (engine.staleSnapshot.get(caller.region) ?? new Map()),
      emptyListPages: engine.emptyListPages,
      view: (live) => live,
    };
    const answer = engine.answer(ctx, service, p.operation, OPS[service][p.operation], p.input);
    if (loseAnswer) {
      record.appliedThenLost = true;
      return await spoil(loseAnswer);
    }
    if (service === 'sso' || service === 'account') sendRestJson(res, 200, answer, requestId);
    else sendJson(res, 200, answer, requestId);
    finish('ok', 200);
  } catch (err) {
    let e = err as AwsError;
    if (!(err instanceof AwsError)) {
      if (!engine.quiet) console.error('emulator: unexpected error', err);
      e = internalFault(p.service === 'unknown' ? 'secretsmanager' : p.service);
    }
    const sent = sendError(res, p.service, e, requestId);
    finish(sent.code, sent.status);
  }
}
