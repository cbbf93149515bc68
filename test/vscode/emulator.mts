// Starts the project's AWS emulator as a child process and builds the environment that points the AWS SDK
// (inside the VS Code extension host) at it, with nothing read from the real ~/.aws.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startProcess, withTimeout } from './processes.mjs';
import { ROOT } from './server.mjs';

export const DEMO_SEED = join(ROOT, 'test', 'fixtures', 'demo-seed.json');
export const TEST_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEMULATORTESTKEY1',
  AWS_SECRET_ACCESS_KEY: 'emulator/test/secret/access/key/000000000000',
};

/** Starts the emulator on a free port (or `port`). Returns { url, credentials, admin(), reset(), calls(), stop() }. */
export async function startEmulator({ seed = DEMO_SEED, port = 0, onLine, timeoutMs = 60_000 } = {}) {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const args = [join(ROOT, 'test', 'emulator', 'cli.ts'), '--port', String(port), '--seed', seed];
  let resolveUrl;
  const listening = new Promise((r) => (resolveUrl = r));
  // Printed after the URL: the admin API answers only requests that carry it.
  let token;
  let resolveToken;
  const tokenPrinted = new Promise((r) => (resolveToken = r));
  const output = [];
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
  let url;
  try {
    url = await withTimeout(Promise.race([listening, exitedEarly]), timeoutMs, 'AWS emulator start');
    token = await withTimeout(Promise.race([tokenPrinted, exitedEarly]), timeoutMs, 'AWS emulator admin token');
  } catch (error) {
    await proc.stop();
    throw error;
  }
  /** Any admin route, e.g. admin('faults', { method: 'POST', body: {...} }); returns the parsed JSON. */
  const admin = async (path, { method = 'GET', body } = {}) => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: { 'x-emulator-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const health = await admin('health').catch(() => undefined);
  const credential = health?.credentials?.[0];
  return {
    url,
    credentials: credential
      ? { AWS_ACCESS_KEY_ID: credential.accessKeyId, AWS_SECRET_ACCESS_KEY: credential.secretAccessKey }
      : TEST_CREDENTIALS,
    admin,
    adminToken: token,
    /** Back to the seeded state: no calls, faults or settings. */
    reset: () => admin('reset', { method: 'POST' }),
    calls: (query = '') => admin(`calls${query ? `?${new URLSearchParams(query)}` : ''}`),
    stop: proc.stop,
  };
}

/**
 * The environment for VS Code (and its extension host): the inherited one without any AWS_ or VS Code
 * variables, plus the emulator endpoint, test credentials and a throwaway HOME with no ~/.aws.
 * `emulator` is what startEmulator returned. Returns { env, home, dispose() }.
 */
export function emulatorEnv(emulator, extra = {}) {
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
    ...(emulator.credentials ?? TEST_CREDENTIALS),
    AWS_TAGS_EMULATOR_URL: emulator.url,
    AWS_TAGS_EMULATOR_TOKEN: emulator.adminToken,
    ...extra,
  };
  return { env, home, dispose: () => removeDir(home) };
}
