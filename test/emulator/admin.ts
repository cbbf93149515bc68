import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from './engine';
import type { Mutation } from './mutate';
import type { ReadLagSettings } from './readLag';
import type { FaultRule, LatencySettings, QuotaOverrides, Seed } from './types';

export const ADMIN_PREFIX = '/_emulator/';

type Route = (engine: Engine, body: unknown, query: URLSearchParams) => unknown;

const obj = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('expected a JSON object body');
  return body as Record<string, unknown>;
};

const opt = (q: URLSearchParams, name: string): string | undefined => q.get(name) ?? undefined;

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (!v) throw new Error(`query parameter ${name} is required`);
  return v;
}

/** Control routes for tests that run in another process (the extension inside VS Code, the benchmark). */
const ROUTES: Record<string, Route> = {
  'GET health': (e) => ({ ok: true, accountId: e.state.accountId, credentials: e.credentials }),
  'GET state': (e) => e.state.toJSON(),
  'POST reset': (e, body) => {
    e.reset(body === undefined ? undefined : (obj(body) as unknown as Seed));
    return { ok: true };
  },
  'POST seed': (e, body) => {
    e.seed(obj(body) as unknown as Seed);
    return { ok: true };
  },
  'POST mutate': (e, body) => {
    e.mutate(obj(body) as unknown as Mutation);
    return { ok: true };
  },
  'GET secret-tags': (e, _b, q) => ({
    tags: e.secretTags(required(q, 'id'), opt(q, 'region')),
    neverTagged: e.secret(required(q, 'id'), opt(q, 'region')).tags === undefined,
  }),
  'GET key-tags': (e, _b, q) => ({ tags: e.keyTags(required(q, 'id'), opt(q, 'region')) }),
  'GET calls': (e, _b, q) =>
    e.calls({
      op: opt(q, 'op'),
      service: opt(q, 'service'),
      operation: opt(q, 'operation'),
      outcome: opt(q, 'outcome'),
      since: q.has('since') ? Number(q.get('since')) : undefined,
    }),
  'DELETE calls': (e) => {
    e.clearCalls();
    return { ok: true };
  },
  'GET faults': (e) => e.faults(),
  'POST faults': (e, body) => ({ id: e.addFault(obj(body) as FaultRule) }),
  'DELETE faults': (e, _b, q) => {
    if (q.has('id')) return { removed: e.removeFault(required(q, 'id')) };
    e.clearFaults();
    return { ok: true };
  },
  'GET read-lag': (e) => e.readLag.describe(),
  'POST read-lag': (e, body) => {
    e.setReadLag(obj(body) as unknown as ReadLagSettings);
    return e.readLag.describe();
  },
  'GET latency': (e) => e.latency.describe(),
  'POST latency': (e, body) => {
    e.setLatency(obj(body) as unknown as LatencySettings);
    return { ok: true };
  },
  'GET quotas': (e) => e.quotas.describe(),
  'POST quotas': (e, body) => {
    const b = typeof body === 'boolean' ? { on: body } : obj(body);
    e.setQuotas(b.overrides ? (b.overrides as QuotaOverrides) : b.on === true);
    return e.quotas.describe();
  },
  'GET access': (e) => e.access.describe(),
  'POST deny-untag': (e, body) => {
    const key = obj(body).tagKey;
    if (typeof key !== 'string') throw new Error('expected {"tagKey": "..."}');
    e.denyUntagTagKey(key);
    return e.access.describe();
  },
  'DELETE deny-untag': (e) => {
    e.clearDenyUntag();
    return e.access.describe();
  },
  'POST allow-only': (e, body) => {
    const { actions, accessKeyId } = obj(body);
    if (actions !== null && !(Array.isArray(actions) && actions.every((a) => typeof a === 'string'))) {
      throw new Error('expected {"actions": ["service:Action", ...], "accessKeyId"?: "..."} or {"actions": null}');
    }
    if (accessKeyId !== undefined && typeof accessKeyId !== 'string') throw new Error('accessKeyId must be a string');
    e.allowOnlyActions(actions as string[] | null, accessKeyId);
    return e.access.describe();
  },
  'DELETE allow-only': (e, _b, q) => {
    e.allowOnlyActions(null, opt(q, 'accessKeyId'));
    return e.access.describe();
  },
  'POST list-secrets': (e, body) => {
    const b = obj(body);
    if (typeof b.stale === 'boolean') e.setListSecretsStale(b.stale);
    if (typeof b.emptyPages === 'boolean') e.setListSecretsEmptyPages(b.emptyPages);
    return { stale: e.staleSnapshot !== undefined, emptyPages: e.emptyListPages };
  },
};

/**
 * Any process (or web page) on the machine can reach the port: the admin API answers only requests that carry the
 * per-start token, and a body only as JSON, which a browser's plain form post cannot send.
 */
function allowed(engine: Engine, req: IncomingMessage, body: Buffer): boolean {
  const given = Buffer.from(String(req.headers['x-emulator-token'] ?? ''));
  const expected = Buffer.from(engine.adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return body.length === 0 || /^application\/json\b/i.test(String(req.headers['content-type'] ?? ''));
}

export function handleAdmin(engine: Engine, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const name = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const route = ROUTES[`${req.method ?? 'GET'} ${name}`];
  const reply = (status: number, value: unknown): void => {
    const text = JSON.stringify(value ?? null);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  if (!allowed(engine, req, body)) {
    return reply(403, { error: 'the admin API needs the x-emulator-token header printed at start, and JSON bodies' });
  }
  if (!route)
    return reply(404, { error: `no admin route ${req.method ?? ''} ${url.pathname}`, routes: Object.keys(ROUTES) });
  try {
    const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    reply(200, route(engine, parsed, url.searchParams));
  } catch (e) {
    reply(400, { error: (e as Error).message });
  }
}
