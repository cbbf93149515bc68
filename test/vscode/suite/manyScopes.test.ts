// Eighty scopes (twenty profiles in four regions) loading at once: the extension host keeps answering, and one
// bound on calls in flight holds across all of them.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { peakOverlap } from '../../fixtures/callOverlap';
import { GLOBAL_CALL_LIMIT } from '../../../src/aws/callGate';
import { generateSeed } from '../../emulator/generate-seed';
import { admin, children, emulatorCredentials, label, reset, writeAwsFiles } from './helpers';
import { REPORT_PREFIX } from './index';
import { suiteSeed } from './seed';

const PROFILES = Array.from({ length: 20 }, (_, i) => `team-${String(i + 1).padStart(2, '0')}`);
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const SECRETS = 100;
const KEYS = 20;
const LAG_RESOLUTION_MS = 10;

/** Twenty profiles with the emulator's credentials, in the throwaway config files the runner gave this VS Code. */
function writeProfiles(): () => void {
  return writeAwsFiles({
    config: PROFILES.map((p) => `[profile ${p}]\nregion = us-east-1\n`).join(''),
    credentials: PROFILES.map(emulatorCredentials).join(''),
  });
}

suite('80 scopes at once', () => {
  const config = () => vscode.workspace.getConfiguration('awsTags');
  suiteTeardown(async () => {
    for (const name of ['regions', 'profiles'])
      await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    await reset(suiteSeed());
  });

  test('all list through the tree with the extension host answering within 50 ms (p99), under one bound', async () => {
    const restore = writeProfiles();
    try {
      const seed = generateSeed({ secrets: SECRETS, customerKeys: KEYS, awsManagedKeys: 0, regions: REGIONS, seed: 9 });
      for (const region of Object.values(seed.regions)) for (const s of region.secrets ?? []) delete s.deleted;
      const api = await reset(seed);
      // AWS's latency, so that calls overlap as they do over a real network and the bound is what holds them back.
      await admin('POST', 'latency', { ms: 20 });
      const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
      lag.enable();
      const started = Date.now();
      await config().update('regions', REGIONS, vscode.ConfigurationTarget.Global);
      await config().update('profiles', PROFILES, vscode.ConfigurationTarget.Global);
      const connections = api.deps.connections;
      await connections.ready();
      const roots = await children(api);
      assert.equal(roots.length, PROFILES.length * REGIONS.length, roots.map(label).join(', '));
      // As a user opening every scope: each group's first page or key list, then the rest streams in.
      await Promise.all(
        roots.map(async (root) => Promise.all((await children(api, root)).map((g) => children(api, g)))),
      );
      await Promise.all(connections.stores.flatMap((s) => [s.loadSecrets().done, s.loadKeys().done]));
      const ms = Date.now() - started;
      lag.disable();

      for (const store of connections.stores) {
        const where = `${store.scope.profile} ${store.scope.region}`;
        assert.equal(store.secrets.items.size, SECRETS, where);
        assert.equal([...store.keys.items.values()].filter((k) => k.tags !== undefined).length, KEYS, where);
      }
      const calls = await admin<Array<{ time: number; durationMs: number }>>('GET', 'calls');
      const peak = peakOverlap(calls);
      const p99 = lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS;
      const max = lag.max / 1e6 - LAG_RESOLUTION_MS;
      console.log(
        `${REPORT_PREFIX}      80 scopes: listed in ${ms} ms, ${calls.length} calls, at most ${peak} at the emulator at once; ` +
          `event-loop lag p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
      );
      assert.ok(peak <= GLOBAL_CALL_LIMIT, `${peak} calls in flight at once`);
      assert.ok(p99 <= 50, `event-loop lag p99 ${p99.toFixed(1)} ms`);
    } finally {
      restore();
    }
  });
});
