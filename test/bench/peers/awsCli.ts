// Peer (b): the AWS CLI as its documentation shows it, one process per command, timed from launch to exit.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CREDENTIAL } from '../../emulator/types';
import { REGION } from '../ours';

export interface CliRun {
  seconds: number;
  stdout: string;
}

/** The CLI's version line, or undefined when it is not installed. */
export function awsCliVersion(): string | undefined {
  const run = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  return `${run.stdout}${run.stderr}`.trim();
}

export class AwsCli {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly endpoint: string,
    scratchDir: string,
  ) {
    // Only the emulator's test credential and region: no profile or config file of the machine may change the run.
    this.env = {
      PATH: process.env.PATH,
      HOME: scratchDir,
      AWS_CONFIG_FILE: `${scratchDir}/no-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${scratchDir}/no-credentials`,
      AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIAL.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIAL.secretAccessKey,
      AWS_DEFAULT_REGION: REGION,
      AWS_PAGER: '',
    };
  }

  /** One `aws` process; rejects on a non-zero exit so that a failed peer never passes for a fast one. */
  run(args: readonly string[], timeoutMs = 300_000): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const child = spawn('aws', ['--endpoint-url', this.endpoint, '--output', 'json', ...args], { env: this.env });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        const seconds = (performance.now() - start) / 1000;
        if (code === 0) resolve({ seconds, stdout: Buffer.concat(out).toString('utf8') });
        else
          reject(
            new Error(
              `aws ${args.slice(0, 2).join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 300)}`,
            ),
          );
      });
    });
  }

  /** Runs each command list in turn and sums the process times. */
  async sequence(commands: ReadonlyArray<readonly string[]>): Promise<number> {
    let total = 0;
    for (const args of commands) total += (await this.run(args)).seconds;
    return total;
  }
}
