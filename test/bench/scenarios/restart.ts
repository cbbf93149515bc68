// Scenario 6a: a restart shows the tree from the listing cache. Timed under Node with the extension's own code
// path (ListingCache.read, then ResourceStore.showCached), not in the extension host: file read, JSON parse, dates
// revived, and the store's maps filled, for every secret and key of scenarios 1 and 2.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListingCache } from '../../../src/aws/listingCache';
import type { KmsKeyResource, SecretResource } from '../../../src/aws/types';
import { median, timed } from '../measure';
import { ours, REGION } from '../ours';
import type { BenchContext, Row } from '../types';
import type { Held } from './listing';

const TARGET_S = 0.1;

export async function restartScenario(ctx: BenchContext, held: Held): Promise<Row[]> {
  const o = await ours(ctx.emulator.url);
  const dir = mkdtempSync(join(tmpdir(), 'aws-tags-bench-cache-'));
  try {
    let secrets: SecretResource[] = [...(held.stores[0]?.secrets.items.values() ?? [])];
    let keys: KmsKeyResource[] = [...(held.stores[1]?.keys.items.values() ?? [])];
    if (secrets.length === 0 || keys.length === 0) {
      const store = o.newStore();
      await Promise.all([store.loadSecrets().done, store.loadKeys().done]);
      secrets = [...store.secrets.items.values()];
      keys = [...store.keys.items.values()];
    }
    const scope = { profile: undefined, region: REGION };
    const cache = new ListingCache(dir);
    const variant = { endpoint: ctx.emulator.url, includePlannedDeletion: false, awsManagedKeys: false };
    await cache.write(scope, variant, { savedAt: Date.now(), accountId: '123456789012', secrets, keys });
    const [file] = readdirSync(dir);
    const megabytes = statSync(join(dir, file)).size / (1024 * 1024);
    const runs: number[] = [];
    let shown = 0;
    for (let i = 0; i < ctx.options.sizes.repeats; i++) {
      const run = await timed(async () => {
        const snapshot = await cache.read(scope, variant);
        const store = o.newStore();
        if (snapshot) store.showCached(snapshot);
        return store.secrets.items.size + store.keys.items.size;
      });
      runs.push(run.seconds);
      shown = run.value;
    }
    const seconds = median(runs);
    ctx.say(`6a: ${shown} resources from a ${megabytes.toFixed(1)} MB cache in ${seconds.toFixed(3)} s`);
    return [
      {
        scenario: `6a restart: tree from the cache (${secrets.length.toLocaleString('en-US')} secrets + ${keys.length.toLocaleString('en-US')} keys, under Node)`,
        ours_s: seconds,
        limit_s: null,
        ratio: null,
        peers: { naive_s: null, aws_cli_s: null },
        target: `within ${TARGET_S} s`,
        met: seconds <= TARGET_S && shown === secrets.length + keys.length,
        notes: [
          `median of ${runs.length}; ListingCache.read + ResourceStore.showCached; cache file ${megabytes.toFixed(1)} MB; no AWS call`,
        ],
      },
    ];
  } finally {
    o.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
