// Child-process plumbing shared by the VS Code scripts: every process we start is registered here so that
// an error, a timeout or Ctrl-C still stops all of them (a leftover server would hold its port and the CPU).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { messageOf } from './narrow.mjs';

/** Receives each line a process prints; `isError` when it came on stderr. */
export type LineHandler = (line: string, isError: boolean) => void;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: LineHandler;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  graceMs?: number;
}

export interface ProcessHandle {
  child: ChildProcess;
  exited: Promise<ProcessExit>;
  stop: () => Promise<void>;
}

export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Keep the output off the console (it is still returned, and its tail put in the error). */
  quiet?: boolean;
}

type Cleanup = () => unknown;

const cleanups: Cleanup[] = [];
const groups = new Set<number>();

/** Registers an async cleanup; cleanups run in reverse order. */
export function onCleanup(fn: Cleanup): void {
  cleanups.push(fn);
}

let cleaning: Promise<void> | undefined;

/** Runs the registered cleanups once; concurrent callers (an error path and a signal) share that run. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) {
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup failed: ${messageOf(error)}`);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

/** Rejects with a clear message when `promise` does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Ctrl-C, SIGTERM and a plain exit all stop what was started. */
export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping…`);
      void runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  // Last resort when the event loop is already gone: kill whole process groups synchronously.
  process.once('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  // No pid: the process never started.
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Spawns a command in its own process group (so its children, e.g. extension hosts, stop with it).
 * Returns the child plus `stop()`, which sends SIGTERM, then SIGKILL after `graceMs`.
 */
export function startProcess(
  command: string,
  args: string[],
  { cwd, env, onLine, graceMs = 3000 }: StartProcessOptions = {},
): ProcessHandle {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid !== undefined) groups.add(pid);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const forget = () => {
    if (pid !== undefined) groups.delete(pid);
  };
  child.once('error', forget);
  void exited.then(forget);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, stream === child.stderr);
    });
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren may outlive a leader that exited on SIGTERM.
      killGroup(pid, 'SIGKILL');
    })();
    return stopping;
  };
  return { child, exited, stop };
}

/** Runs a command to completion (output inherited); rejects on a non-zero exit or after `timeoutMs`. */
export async function runCommand(
  command: string,
  args: string[],
  { cwd, env, timeoutMs = 600_000, quiet = false }: RunCommandOptions = {},
): Promise<string[]> {
  const lines: string[] = [];
  const proc = startProcess(command, args, {
    cwd,
    env,
    onLine: (line) => {
      lines.push(line);
      if (!quiet) console.log(`  ${line}`);
    },
  });
  const result = await withTimeout(proc.exited, timeoutMs, `${command} ${args.join(' ')}`).catch(
    async (error: unknown) => {
      await proc.stop();
      throw error;
    },
  );
  if (result.code !== 0) {
    const tail = quiet ? `\n${lines.slice(-40).join('\n')}` : '';
    throw new Error(`${command} ${args.join(' ')} failed (${result.code ?? result.signal})${tail}`);
  }
  return lines;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
