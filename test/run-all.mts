// `npm test`: every tier in order, then one closing line `N passed, N failed`.
// Tiers: type check and lint (one check each), mocha (unit, emulator conformance, service layer against the
// emulator), then the real VS Code tiers (extension-host suite and UI tests), then the packaged .vsix installed into
// VS Code (building the package counts as one check).
import { spawn } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;

interface RunResult {
  code: number;
  /** Everything the command printed on stdout (also echoed as it arrives). */
  output: string;
}

function run(command: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function check(name: string, command: string, args: string[]): Promise<void> {
  const { code } = await run(command, args);
  if (code === 0) passed++;
  else {
    failed++;
    console.log(`FAILED: ${name}`);
  }
}

await check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
await check('lint', 'npm', ['run', '--silent', 'lint']);

const mocha = await run(npx, ['mocha']);
const mochaPassed = Number(/(\d+) passing/.exec(mocha.output)?.[1] ?? 0);
const mochaFailed = Number(/(\d+) failing/.exec(mocha.output)?.[1] ?? 0);
passed += mochaPassed;
failed += mochaFailed + (mocha.code !== 0 && mochaFailed === 0 ? 1 : 0);

/** A tier that ends with its own `N passed, N failed` line; a crash without one counts as one failure. */
async function tier(command: string, args: string[]): Promise<void> {
  const result = await run(command, args);
  const summary = [...result.output.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  passed += Number(summary?.[1] ?? 0);
  failed += Number(summary?.[2] ?? 0) + (result.code !== 0 && Number(summary?.[2] ?? 0) === 0 ? 1 : 0);
}

if (!process.argv.includes('--no-vscode')) {
  await tier(npx, ['tsx', 'test/vscode/run.mts']);
  // The package as a user installs it: built by `npm run package`, installed with --install-extension.
  await check('package', npx, [
    'vsce',
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '-o',
    'aws-tags.vsix',
  ]);
  await tier(npx, ['tsx', 'test/vscode/run.mts', '--vsix', 'aws-tags.vsix']);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
