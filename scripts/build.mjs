// Bundles the extension (and the extension-host test suite) with esbuild; `vscode` stays external.
import { existsSync } from 'node:fs';
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

// The AWS SDK is nine tenths of the code. It lives in a second file that the extension loads when it first lists,
// so VS Code compiles only the small first file at activation.
const AWS_CHUNK = './aws/openScope.js';
const awsChunkExternal = {
  name: 'aws-chunk-external',
  setup(build) {
    build.onResolve({ filter: /[/\\]aws[/\\]openScope(\.js)?$/ }, () => ({ path: AWS_CHUNK, external: true }));
  },
};

const targets = [
  // As a require(), not import(): the chunk is CommonJS, loaded by the extension host's own module loader.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [awsChunkExternal],
    supported: { 'dynamic-import': false },
  },
  { ...common, entryPoints: ['src/aws/openScope.ts'], outfile: 'dist/aws/openScope.js' },
];
if (!production) {
  // The extension-host suite: loaded by VS Code through the `run()` contract of @vscode/test-electron.
  targets.push({
    ...common,
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: 'out/test/suite/index.js',
    external: ['vscode', 'mocha'],
  });
}

const existing = targets.filter((options) => existsSync(options.entryPoints[0]));
if (watch) {
  for (const options of existing) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(existing.map((options) => esbuild.build(options)));
}
