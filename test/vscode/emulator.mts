// Starts the project's AWS emulator as a child process and builds the environment that points the AWS SDK
// (inside the VS Code extension host) at it, with nothing read from the real ~/.aws.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord, Seed, SeedKey, SeedTags } from '../emulator/types.js';
import { isRecord } from './narrow.mjs';
import { removeDir, startProcess, withTimeout, type LineHandler } from './processes.mjs';
import { ROOT } from './server.mjs';

export const DEMO_SEED = join(ROOT, 'test', 'fixtures', 'demo-seed.json');
export const TEST_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTKEY1',
  AWS_SECRET_ACCESS_KEY: 'emulator/test/secret/access/key/000000000000',
};

/** The emulator's credentials, as the environment variables the AWS SDK reads. */
export type EmulatorCredentials = typeof TEST_CREDENTIALS;

export interface StartEmulatorOptions {
  /** A seed file (JSON, see test/emulator/types.ts). */
  seed?: string;
  /** 0 picks a free one. */
  port?: number;
  onLine?: LineHandler;
  timeoutMs?: number;
}

export interface AdminRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
}

/** Filters of the admin route `calls`: op, service, operation, outcome, since. */
export type CallQuery = Record<string, string>;

/** A running emulator and its admin client. */
export interface EmulatorHandle {
  url: string;
  credentials: EmulatorCredentials;
  adminToken: string;
  /** Any admin route, e.g. admin('faults', { method: 'POST', body: {...} }); returns the parsed JSON. */
  admin: (path: string, request?: AdminRequest) => Promise<unknown>;
  /** Back to the seeded state: no calls, faults or settings. */
  reset: () => Promise<unknown>;
  /** The requests the emulator received, oldest first. */
  calls: (query?: CallQuery) => Promise<CallRecord[]>;
  stop: () => Promise<void>;
}

/** The seed `npm run demo` and the UI tests start from, to be changed by a test and given to `reset`. */
export function readDemoSeed(): Seed {
  return JSON.parse(readFileSync(DEMO_SEED, 'utf8')) as Seed;
}

/** The seed's KMS key in us-east-1 that has this alias. */
export function seedKeyWithAlias(seed: Seed, alias: string): SeedKey {
  const key = seed.regions['us-east-1']?.keys?.find((k) => k.aliases?.includes(alias));
  if (!key) throw new Error(`the seed has no KMS key ${alias} in us-east-1`);
  return key;
}

/** A seed's tags as { key: value }; the demo seed writes them so (the list forms are for other seeds). */
export function seedTagMap(tags: SeedTags | undefined): Record<string, string> {
  if (Array.isArray(tags)) throw new Error('expected the seed to give tags as { key: value }');
  return tags ?? {};
}

/** The first credential the emulator's health route reports, as environment variables. */
function reportedCredentials(health: unknown): EmulatorCredentials | undefined {
  const list = isRecord(health) ? health.credentials : undefined;
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  if (!isRecord(first) || typeof first.accessKeyId !== 'string' || typeof first.secretAccessKey !== 'string') {
    return undefined;
  }
  return { AWS_ACCESS_KEY_ID: first.accessKeyId, AWS_SECRET_ACCESS_KEY: first.secretAccessKey };
}

/** Starts the emulator on a free port (or `port`). */
export async function startEmulator({
  seed = DEMO_SEED,
  port = 0,
  onLine,
  timeoutMs = 60_000,
}: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const args = [join(ROOT, 'test', 'emulator', 'cli.ts'), '--port', String(port), '--seed', seed];
  let resolveUrl: (url: string) => void = () => {};
  const listening = new Promise<string>((r) => (resolveUrl = r));
  // Printed after the URL: the admin API answers only requests that carry it.
  let resolveToken: (token: string) => void = () => {};
  const tokenPrinted = new Promise<string>((r) => (resolveToken = r));
  const output: string[] = [];
  const proc = startProcess(tsx, args, {
    cwd: ROOT,
    env: process.env,
    onLine: (line, isError) => {
      output.push(line);
      if (output.length > 50) output.shift();
      const match = /AWS emulator listening on (http:\/\/\S+)/.exec(line);
      if (match) resolveUrl(match[1].replace(/\/$/, ''));
      const printed = /^AWS_EMULATOR_ADMIN_TOKEN=(\w+)$/.exec(line);
      if (printed) resolveToken(printed[1]);
      onLine?.(line, isError);
    },
  });
  const exitedEarly = proc.exited.then(({ code, signal }) => {
    throw new Error(`AWS emulator exited (${code ?? signal}):\n${output.slice(-20).join('\n')}`);
  });
  exitedEarly.catch(() => {});
  let url: string;
  let token: string;
  try {
    url = await withTimeout(Promise.race([listening, exitedEarly]), timeoutMs, 'AWS emulator start');
    token = await withTimeout(Promise.race([tokenPrinted, exitedEarly]), timeoutMs, 'AWS emulator admin token');
  } catch (error) {
    await proc.stop();
    throw error;
  }
  const admin = async (path: string, { method = 'GET', body }: AdminRequest = {}): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: { 'x-emulator-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const health = await admin('health').catch(() => undefined);
  return {
    url,
    credentials: reportedCredentials(health) ?? TEST_CREDENTIALS,
    admin,
    adminToken: token,
    reset: () => admin('reset', { method: 'POST' }),
    calls: async (query) => {
      const list = await admin(`calls${query ? `?${new URLSearchParams(query)}` : ''}`);
      if (!Array.isArray(list)) throw new Error(`emulator calls: expected a list, got ${JSON.stringify(list)}`);
      // The route answers with the emulator's own call log entries (test/emulator/types.ts).
      return list as CallRecord[];
    },
    stop: proc.stop,
  };
}

export interface EmulatorEnv {
  env: NodeJS.ProcessEnv;
  /** The throwaway HOME, with an empty ~/.aws. */
  home: string;
  dispose: () => void;
}

/**
 * The environment for VS Code (and its extension host): the inherited one without any AWS_ or VS Code
 * variables, plus the emulator endpoint, test credentials and a throwaway HOME with no ~/.aws.
 */
export function emulatorEnv(emulator: EmulatorHandle, extra: NodeJS.ProcessEnv = {}): EmulatorEnv {
  const home = mkdtempSync(join(tmpdir(), 'aws-tags-home-'));
  mkdirSync(join(home, '.aws'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(AWS_|VSCODE_|ELECTRON_RUN_AS_NODE$|npm_)/i.test(key)),
  );
  const env = {
    ...inherited,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL: emulator.url,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...emulator.credentials,
    AWS_TAGS_EMULATOR_URL: emulator.url,
    AWS_TAGS_EMULATOR_TOKEN: emulator.adminToken,
    ...extra,
  };
  return { env, home, dispose: () => removeDir(home) };
}
