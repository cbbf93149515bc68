// Load: 5,000 secrets and 1,000 KMS keys in the emulator (no added latency). The first page of secrets shows
// quickly, and a command issued while the keys are still loading runs without waiting for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateSeed } from '../../emulator/generate-seed';
import { admin, answerInputBoxes, captureMessages, children, find, label, reset } from './helpers';
import { REPORT_PREFIX } from './index';
import { suiteSeed } from './seed';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Printed with the suite's report, so the figures show in the runner's output. */
const report = (text: string) => console.log(`${REPORT_PREFIX}      load: ${text}`);

suite('load: 5,000 secrets and 1,000 KMS keys', () => {
  suiteTeardown(() => reset(suiteSeed()));

  test('the first secrets show within 5 s, and Add Tag issued while the keys load completes before they are loaded', async () => {
    const seed = generateSeed({ secrets: 5000, customerKeys: 1000, awsManagedKeys: 5, seed: 5 });
    const heapBefore = process.memoryUsage().heapUsed;
    const api = await reset(seed);

    const started = Date.now();
    const first = await children(api, await find(api, 'Secrets Manager'));
    const firstMs = Date.now() - started;
    const secrets = first.filter((n) => n.getTreeItem().contextValue?.startsWith('secret'));
    report(`first ${secrets.length} secrets shown after ${firstMs} ms`);
    assert.ok(secrets.length >= 90, `the first page: ${first.length} children`);
    assert.ok(firstMs < 5_000, `the first secrets took ${firstMs} ms`);

    const store = api.deps.connections.stores[0];
    let keysLoadedAt = 0;
    void store.loadKeys().done.then(() => (keysLoadedAt = Date.now()));
    // Every key is known by ID and alias; DescribeKey and ListResourceTags for each of them are still under way.
    await store.loadKeys().listed;
    const listedMs = Date.now() - started;
    const messages = captureMessages();
    const inputs = answerInputBoxes(['LoadTest', 'during key load']);
    const target = secrets[0];
    let commandDoneAt = 0;
    try {
      await vscode.commands.executeCommand('awsTags.addTag', target);
      commandDoneAt = Date.now();
    } finally {
      inputs.restore();
      messages.restore();
    }
    const keyStatusAtCommandEnd = store.keys.status;
    report(
      `${store.keys.items.size} keys listed after ${listedMs} ms; Add Tag done ${commandDoneAt - started} ms after start, key details still loading; ` +
        `extension host heap ${mb(heapBefore)} before the load, ${mb(process.memoryUsage().heapUsed)} now`,
    );
    assert.ok(commandDoneAt > 0 && keysLoadedAt === 0, 'Add Tag waited for the keys to load');
    assert.notEqual(keyStatusAtCommandEnd, 'done');
    assert.equal(store.keys.items.size, 1005);
    const name = label(target);
    const tags = (await admin<{ tags: Record<string, string> }>('GET', `secret-tags?id=${encodeURIComponent(name)}`))
      .tags;
    assert.equal(tags.LoadTest, 'during key load');
    assert.ok(messages.shown.some((m) => m.message.startsWith('Added tag "LoadTest"')));
  });
});
