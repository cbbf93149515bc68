// Runs the emulator on its own: npm run emulator -- [--port N] [--seed FILE] [--latency-ms N] [--jitter-ms N] [--quotas] [--quiet]
import { readFileSync } from 'node:fs';
import { startEmulator } from './index';
import type { Seed } from './types';

function parseArgs(argv: string[]): {
  port: number;
  seed?: string;
  latencyMs: number;
  jitterMs: number;
  quotas: boolean;
  quiet: boolean;
} {
  const out = {
    port: 0,
    seed: undefined as string | undefined,
    latencyMs: 0,
    jitterMs: 0,
    quotas: false,
    quiet: false,
  };
  const number = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--port') out.port = number(flag, value());
    else if (flag === '--seed') out.seed = value();
    else if (flag === '--latency-ms') out.latencyMs = number(flag, value());
    else if (flag === '--jitter-ms') out.jitterMs = number(flag, value());
    else if (flag === '--quotas') out.quotas = true;
    else if (flag === '--quiet') out.quiet = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = args.seed ? (JSON.parse(readFileSync(args.seed, 'utf8')) as Seed) : undefined;
  const emulator = await startEmulator({
    port: args.port,
    seed,
    latencyMs: args.latencyMs,
    jitterMs: args.jitterMs,
    quotas: args.quotas,
    quiet: args.quiet,
  });
  // Other scripts parse the first line: keep its wording.
  console.log(`AWS emulator listening on ${emulator.url}`);
  const c = emulator.credentials[0];
  console.log(`AWS_ACCESS_KEY_ID=${c.accessKeyId}`);
  console.log(`AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}`);
  // The admin API (/_emulator/...) needs this header: any process on the machine can reach the port.
  console.log(`AWS_EMULATOR_ADMIN_TOKEN=${emulator.adminToken}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
