// `npm run test:desktop`: the same extension-host suite in desktop VS Code, through @vscode/test-electron
// (which downloads VS Code, so this needs internet; on Linux without a display run it under xvfb-run).
// VS Code version: VSCODE_VERSION (default: latest stable).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { emulatorEnv, startEmulator } from './emulator.mjs';
import { messageOf } from './narrow.mjs';
import { installSignalHandlers, onCleanup, removeDir, runCleanups, runCommand } from './processes.mjs';
import { ROOT } from './server.mjs';

installSignalHandlers();
let exitCode = 1;
try {
  await runCommand(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, timeoutMs: 180_000 });
  const emulator = await startEmulator();
  onCleanup(emulator.stop);
  const { env, dispose } = emulatorEnv(emulator);
  onCleanup(dispose);
  // Desktop VS Code needs the real HOME (display authority, keychain); the AWS config files still point
  // into the throwaway folder, so nothing is read from the real ~/.aws.
  env.HOME = process.env.HOME;
  const workspace = mkdtempSync(join(tmpdir(), 'aws-tags-workspace-'));
  onCleanup(() => removeDir(workspace));

  // runTests merges this over its own environment: unset everything first so only `env` remains.
  const extensionTestsEnv = Object.fromEntries(Object.keys(process.env).map((key) => [key, undefined]));
  Object.assign(extensionTestsEnv, env);

  // Downloads and profile folders go to the gitignored cache rather than a `.vscode-test/` in the project.
  const cachePath = join(ROOT, '.cache', 'vscode-test');
  exitCode = await runTests({
    version: process.env.VSCODE_VERSION || undefined,
    cachePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'suite', 'index.js'),
    extensionTestsEnv,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${join(cachePath, 'user-data')}`,
      `--extensions-dir=${join(cachePath, 'extensions')}`,
    ],
  });
} catch (error) {
  console.error(messageOf(error));
  exitCode = 1;
}
await runCleanups();
process.exit(exitCode);
