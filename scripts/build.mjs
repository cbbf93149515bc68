// Bundles the extension (and the extension-host test suite) with esbuild; `vscode` stays external.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
];
if (!production) {
  // The extension-host suite: loaded by VS Code through the `run()` contract of @vscode/test-electron.
  targets.push({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/test/suite/index.js', external: ['vscode', 'mocha'] });
}

const existing = [];
for (const options of targets) {
  const { existsSync } = await import('node:fs');
  if (existsSync(options.entryPoints[0])) existing.push(options);
}
if (watch) {
  for (const options of existing) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(existing.map((options) => esbuild.build(options)));
}
