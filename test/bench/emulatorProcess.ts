import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CallRecord, Seed } from '../emulator/types';

/**
 * The emulator runs in a child process, not in this one: sharing one event loop would charge the emulator's
 * work (SigV4 checks, ListSecrets pages of 100 secrets, JSON) to the client being measured, and
 * delay its timers. In its own process it behaves like a remote endpoint, and the 2 cores are split between them.
 */
export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly adminToken: string,
  ) {}

  static async start(root: string, latencyMs: number): Promise<EmulatorProcess> {
    const args = [
      '--import',
      'tsx',
      'test/emulator/cli.ts',
      '--port',
      '0',
      '--latency-ms',
      String(latencyMs),
      '--quotas',
      '--quiet',
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    // The first line names the URL; a later one the admin API's token.
    const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the emulator did not start within 30 s')), 30_000);
      child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
      const lines = createInterface({ input: child.stdout! });
      let url: string | undefined;
      lines.on('line', (line) => {
        url ??= /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        const token = /^AWS_EMULATOR_ADMIN_TOKEN=(\w+)$/.exec(line)?.[1];
        if (url && token) {
          clearTimeout(timer);
          lines.removeAllListeners('line');
          resolve({ url, token });
        }
      });
    });
    return new EmulatorProcess(child, url, token);
  }

  /** Back to `seed` with no call log, buckets full again, latency and quotas as started. */
  async reset(seed: Seed): Promise<void> {
    await this.admin('POST', 'reset', seed);
  }

  async clearCalls(): Promise<void> {
    await this.admin('DELETE', 'calls');
  }

  async calls(filter: { outcome?: string; op?: string } = {}): Promise<CallRecord[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.admin('GET', `calls?${query.toString()}`)) as CallRecord[];
  }

  /**
   * CPU seconds the emulator process has used so far (Linux /proc), or undefined elsewhere: on two cores its
   * SigV4 checks and JSON compete with the client, so the report says how much of the time was the server's.
   */
  cpuSeconds(): number | undefined {
    try {
      // Fields after the command name, which sits in parentheses and may hold spaces: utime and stime are 14 and 15.
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / clockTicks();
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private async admin(method: string, route: string, body?: unknown): Promise<unknown> {
    const send = () =>
      fetch(`${this.url}/_emulator/${route}`, {
        method,
        headers: {
          'x-emulator-token': this.adminToken,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      });
    // After a scenario that leaves the emulator idle for longer than its server keeps a connection, fetch may send on
    // the socket the server has just closed: the request never arrived, so it is sent once more on a new one.
    // fetch reports that as a TypeError ("fetch failed"); a timeout is another error and is not retried.
    const response = await send().catch((error: unknown) => {
      if (error instanceof TypeError) return send();
      throw error;
    });
    const answer: unknown = await response.json();
    if (!response.ok) throw new Error(`emulator ${method} ${route}: ${JSON.stringify(answer)}`);
    return answer;
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  return ticks;
}
