import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { Engine } from './engine';
import type { EmulatorOptions } from './engine';
import { handleAws } from './server';
import type { Lifecycle } from './server';

export type { EmulatorOptions } from './engine';
export type { CallFilter } from './calllog';
export type { Mutation } from './mutate';
export type {
  CallRecord,
  Credential,
  FaultEntry,
  FaultRule,
  KeyState,
  LatencySettings,
  QuotaOverrides,
  RegionOptStatus,
  Seed,
  SeedAccount,
  SeedIam,
  SeedIamGroup,
  SeedIamPolicy,
  SeedIamRole,
  SeedIamUser,
  SeedKey,
  SeedRegion,
  SeedSecret,
  SeedSso,
  SeedSsoAccount,
  SeedSsoToken,
  SeedPolicyDocument,
  SeedTags,
  ServiceName,
} from './types';
export { DEFAULT_ACCOUNT_ID, DEFAULT_CREDENTIAL } from './types';
export { AWS_QUOTAS } from './quotas';
export { PREDEFINED_AWS_ALIASES } from './kms-lists';
export { generateSeed } from './generate-seed';
export type { GenerateSeedOptions } from './generate-seed';

/** A running emulator: the controls of {@link Engine} plus its address and lifecycle. */
export class Emulator extends Engine {
  url = '';
  port = 0;
  private readonly server: Server;
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; done: (ok: boolean) => void }>();
  private stopped = false;

  constructor(options: EmulatorOptions = {}) {
    super(options);
    const life: Lifecycle = { sleep: (ms) => this.sleep(ms) };
    this.server = createServer((req, res) => {
      void this.route(life, req, res);
    });
  }

  /** Client settings for the AWS SDK for JavaScript v3 with the default test credential. */
  clientConfig(region = 'us-east-1'): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  } {
    const { accessKeyId, secretAccessKey, sessionToken } = this.credentials[0];
    return {
      endpoint: this.url,
      region,
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    };
  }

  /** Environment for the AWS CLI or another process using the default test credential. */
  env(region = 'us-east-1'): Record<string, string> {
    const c = this.credentials[0];
    return {
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}),
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ENDPOINT_URL: this.url,
    };
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      // Loopback only: the emulator accepts a published test credential.
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.done(false);
    }
    this.sleepers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleepers.delete(entry);
          resolve(true);
        }, ms),
        done: resolve,
      };
      this.sleepers.add(entry);
    });
  }

  private async route(life: Lifecycle, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if ((req.url ?? '').startsWith(ADMIN_PREFIX)) handleAdmin(this, req, res, body);
      else await handleAws(this, life, req, res, body);
    } catch (err) {
      if (!this.quiet) console.error('emulator: request failed', err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options);
  await emulator.listen(options.port ?? 0);
  return emulator;
}
