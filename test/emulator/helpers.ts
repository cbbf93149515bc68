// Shared by the conformance suites: one emulator, the two AWS clients (SDK for JavaScript v3 and the AWS CLI).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import type { KMSClientConfig } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SignatureV4 } from '@smithy/signature-v4';
import { startEmulator, type Emulator } from './index';
import type { Seed } from './types';

export const REGION = 'us-east-1';

export interface SdkOptions {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts?: number;
  requestTimeout?: number;
  /** Retry throttling after exactly this delay instead of the SDK's random backoff, so timing tests are deterministic. */
  fixedRetryDelayMs?: number;
}

/** A minimal SDK retry strategy (the V2 token interface): throttling only, fixed delay. */
function fixedDelayRetry(maxAttempts: number, delayMs: number): NonNullable<KMSClientConfig['retryStrategy']> {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => delayMs });
  return {
    acquireInitialRetryToken: () => Promise.resolve(token(0)),
    refreshRetryTokenForRetry: (t: { getRetryCount(): number }, info: { errorType?: string }) =>
      t.getRetryCount() + 1 < maxAttempts && info.errorType === 'THROTTLING'
        ? Promise.resolve(token(t.getRetryCount() + 1))
        : Promise.reject(new Error('not retried')),
    recordSuccess: () => undefined,
  };
}

export function sdk(
  emu: Emulator,
  opts: SdkOptions = {},
): { sm: SecretsManagerClient; kms: KMSClient; destroy(): void } {
  const base = emu.clientConfig(opts.region ?? REGION);
  const config = {
    ...base,
    credentials: opts.credentials ?? base.credentials,
    maxAttempts: opts.maxAttempts ?? 3,
    ...(opts.fixedRetryDelayMs
      ? { retryStrategy: fixedDelayRetry(opts.maxAttempts ?? 3, opts.fixedRetryDelayMs) }
      : {}),
    ...(opts.requestTimeout
      ? { requestHandler: { requestTimeout: opts.requestTimeout, throwOnRequestTimeout: true } }
      : {}),
  };
  const sm = new SecretsManagerClient(config);
  const kms = new KMSClient(config);
  return { sm, kms, destroy: () => (sm.destroy(), kms.destroy()) };
}

/** An IAM client for the emulator: IAM is global, and the SDK signs it for us-east-1. */
export function iamClient(emu: Emulator, opts: Pick<SdkOptions, 'credentials' | 'maxAttempts'> = {}): IAMClient {
  const base = emu.clientConfig('us-east-1');
  return new IAMClient({
    ...base,
    credentials: opts.credentials ?? base.credentials,
    maxAttempts: opts.maxAttempts ?? 1,
  });
}

/** The error name and message an SDK call failed with. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when it is JSON. */
  json?: Record<string, unknown>;
  /** Error name from "An error occurred (Name) when calling ...". */
  error?: string;
}

const isCliV2 = /aws-cli\/2\./.test(execFileSync('aws', ['--version'], { encoding: 'utf8' }));
const emptyConfigDir = mkdtempSync(join(tmpdir(), 'aws-cli-'));
const emptyConfig = join(emptyConfigDir, 'config');
writeFileSync(emptyConfig, '');
process.once('exit', () => rmSync(emptyConfigDir, { recursive: true, force: true }));

/** Runs the AWS CLI against the emulator, isolated from any local AWS configuration. */
export function cli(
  emu: Pick<Emulator, 'url' | 'credentials'>,
  args: string[],
  opts: { region?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: emptyConfigDir,
    AWS_CONFIG_FILE: emptyConfig,
    AWS_SHARED_CREDENTIALS_FILE: emptyConfig,
    AWS_ACCESS_KEY_ID: emu.credentials[0].accessKeyId,
    AWS_SECRET_ACCESS_KEY: emu.credentials[0].secretAccessKey,
    AWS_DEFAULT_REGION: opts.region ?? REGION,
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    ...opts.env,
  };
  const full = [...args, '--endpoint-url', emu.url, '--output', 'json', ...(isCliV2 ? ['--no-cli-pager'] : [])];
  return new Promise((resolve) => {
    execFile('aws', full, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      let json: Record<string, unknown> | undefined;
      try {
        json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json, error: /An error occurred \((\w+)\)/.exec(stderr)?.[1] });
    });
  });
}

export const names = (list: unknown): string[] => (list as Array<{ Name?: string }>).map((s) => s.Name ?? '');

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json?: Record<string, unknown>;
}

async function answer(res: Response): Promise<RawAnswer> {
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface SignedRequest {
  /** The signing name: `secretsmanager`, `kms`, `tagging`, `account`. */
  service: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
}

/** One SigV4-signed request without an SDK in between, to look at the wire format itself. */
export async function signedCall(emu: Emulator, r: SignedRequest): Promise<RawAnswer> {
  const url = new URL(emu.url);
  const signer = new SignatureV4({
    credentials: r.credentials ?? emu.credentials[0],
    region: r.region ?? REGION,
    service: r.service,
    sha256: Sha256,
  });
  const [path, search] = (r.path ?? '/').split('?');
  const signed = await signer.sign({
    method: r.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query: Object.fromEntries(new URLSearchParams(search ?? '')),
    headers: { host: url.host, ...r.headers },
    body: r.body,
  });
  const res = await fetch(`${emu.url}${r.path ?? '/'}`, {
    method: r.method ?? 'POST',
    headers: signed.headers,
    body: r.body,
  });
  return answer(res);
}

const TARGETS: Record<string, string> = {
  kms: 'TrentService',
  secretsmanager: 'secretsmanager',
  tagging: 'ResourceGroupsTaggingAPI_20170126',
};

/** One signed awsJson 1.1 request. */
export function rawCall(
  emu: Emulator,
  service: 'secretsmanager' | 'kms' | 'tagging',
  operation: string,
  input: object,
  opts: { credentials?: SignedRequest['credentials']; signingService?: string; region?: string } = {},
): Promise<RawAnswer> {
  return signedCall(emu, {
    service: opts.signingService ?? service,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGETS[service]}.${operation}` },
    body: JSON.stringify(input),
    credentials: opts.credentials,
    region: opts.region,
  });
}

/** One unsigned request to the SSO portal API, with the bearer token when given. */
export async function portalCall(emu: Emulator, path: string, token?: string, method = 'GET'): Promise<RawAnswer> {
  const headers: Record<string, string> = token === undefined ? {} : { 'x-amz-sso_bearer_token': token };
  return answer(await fetch(`${emu.url}${path}`, { method, headers }));
}

/**
 * One emulator for a describe block, back at its seed before each test, with SDK clients: `env.emu` and `env.c` are
 * set by the time a test runs.
 */
export function useEmulator(seed: Seed, options: SdkOptions = {}): { emu: Emulator; c: ReturnType<typeof sdk> } {
  const env = {} as { emu: Emulator; c: ReturnType<typeof sdk> };
  before(async () => {
    env.emu = await startEmulator({ seed, quiet: true });
    env.c = sdk(env.emu, options);
  });
  beforeEach(() => env.emu.reset());
  after(async () => {
    env.c?.destroy();
    await env.emu?.stop();
  });
  return env;
}
