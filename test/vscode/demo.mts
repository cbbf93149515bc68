// `npm run demo`: the extension in a real VS Code in your browser, against the AWS emulator seeded with
// test/fixtures/demo-seed.json, so tags can be removed without an AWS account. Ctrl-C stops everything.
// Port: a free one, or `--port N` / VSCODE_PORT. Everything binds to 127.0.0.1 only, and the VS Code server needs
// a connection token made for this start (it is in the printed URL): another user of the machine who finds the
// port gets no workbench, and so no terminal.
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_SEED, emulatorEnv, startEmulator } from './emulator.mjs';
import { messageOf } from './narrow.mjs';
import { installSignalHandlers, onCleanup, runCleanups, runCommand } from './processes.mjs';
import { ROOT, prepareServer, startServer } from './server.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.VSCODE_PORT ?? '0' },
    seed: { type: 'string', default: DEMO_SEED },
  },
});

installSignalHandlers();
try {
  console.log('Building the extension…');
  await runCommand(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, timeoutMs: 180_000 });
  console.log('Preparing the VS Code server (the first time downloads and installs it)…');
  await prepareServer();

  const emulator = await startEmulator({ seed: options.seed });
  onCleanup(emulator.stop);
  const { env, dispose } = emulatorEnv(emulator);
  onCleanup(dispose);

  // The server makes a connection token for this start; the printed URL carries it.
  const server = await startServer({ env, port: Number(options.port), quiet: true });
  let stopping = false;
  onCleanup(server.stop);
  onCleanup(() => (stopping = true));
  void server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`The VS Code server stopped (${code ?? signal}).`);
    void runCleanups().finally(() => process.exit(1));
  });

  console.log(`
AWS emulator: ${emulator.url} (seeded from ${relative(ROOT, options.seed)})
VS Code with AWS Tags loaded — open this URL in a browser:

  ${server.workbenchUrl({ extensionDevelopmentPath: ROOT })}

Click the tag icon in the activity bar, expand a secret or a KMS key, right-click a tag: Remove Tag.
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(messageOf(error));
  await runCleanups();
  process.exit(1);
}
