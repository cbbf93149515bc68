// Child-process plumbing shared by the VS Code scripts: every process we start is registered here so that
// an error, a timeout or Ctrl-C still stops all of them (a leftover server would hold its port and the CPU).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const cleanups = [];
const groups = new Set();

/** Registers an async cleanup; cleanups run in reverse order. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

let cleaning;

/** Runs the registered cleanups once; concurrent callers (an error path and a signal) share that run. */
export function runCleanups() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup failed: ${error?.message ?? error}`);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

/** Rejects with a clear message when `promise` does not settle in time. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Ctrl-C, SIGTERM and a plain exit all stop what was started. */
export function installSignalHandlers() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
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

function killGroup(pid, signal) {
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
export function startProcess(command, args, { cwd, env, onLine, graceMs = 3000 } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', () => groups.delete(child.pid));
  void exited.then(() => groups.delete(child.pid));
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) onLine?.(line, stream === child.stderr);
    });
  }
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren may outlive a leader that exited on SIGTERM.
      killGroup(child.pid, 'SIGKILL');
    })();
    return stopping;
  };
  return { child, exited, stop };
}

/** Runs a command to completion (output inherited); rejects on a non-zero exit or after `timeoutMs`. */
export async function runCommand(command, args, { cwd, env, timeoutMs = 600_000, quiet = false } = {}) {
  const lines = [];
  const proc = startProcess(command, args, {
    cwd,
    env,
    onLine: (line) => {
      lines.push(line);
      if (!quiet) console.log(`  ${line}`);
    },
  });
  const result = await withTimeout(proc.exited, timeoutMs, `${command} ${args.join(' ')}`).catch(async (error) => {
    await proc.stop();
    throw error;
  });
  if (result.code !== 0) {
    const tail = quiet ? `\n${lines.slice(-40).join('\n')}` : '';
    throw new Error(`${command} ${args.join(' ')} failed (${result.code ?? result.signal})${tail}`);
  }
  return lines;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
