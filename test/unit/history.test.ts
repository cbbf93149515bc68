import * as assert from 'node:assert/strict';
import { RemovalHistory, type KeyValueStore } from '../../src/history';
import { kmsKey, secret } from './fixtures';

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      data.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

const scope = { profile: 'dev', region: 'us-east-1' };

describe('removal history', () => {
  it('stores resource ARN, keys and values before anything is removed, newest first', async () => {
    const history = new RemovalHistory(memoryStore());
    await history.record(scope, [{ resource: secret(), tags: [{ key: 'Team', value: 'payments' }] }]);
    await history.record(scope, [{ resource: kmsKey(), tags: [{ key: 'CostCenter', value: '' }] }]);
    const [newest, oldest] = history.list();
    assert.equal(newest.arn, kmsKey().arn);
    assert.deepEqual(newest.tags, [{ key: 'CostCenter', value: '' }]);
    assert.equal(oldest.status, 'pending');
    assert.equal(oldest.profile, 'dev');
  });

  it('keeps concurrent writes: two removals in quick succession both stay recorded', async () => {
    const history = new RemovalHistory(memoryStore());
    const [a, b] = await Promise.all([
      history.record(scope, [{ resource: secret(), tags: [{ key: 'A', value: '1' }] }]),
      history.record(scope, [{ resource: secret(), tags: [{ key: 'B', value: '2' }] }]),
    ]);
    await Promise.all([history.setStatus([a[0].id], 'removed'), history.setStatus([b[0].id], 'failed')]);
    assert.deepEqual(history.list().map((e) => [e.tags[0].key, e.status]).sort(), [['A', 'removed'], ['B', 'failed']]);
  });

  it('is bounded: the oldest entries go first', async () => {
    const history = new RemovalHistory(memoryStore(), 3);
    for (let i = 0; i < 5; i++) {
      const [entry] = await history.record(scope, [{ resource: secret(), tags: [{ key: `k${i}`, value: 'v' }] }]);
      await history.setStatus([entry.id], 'removed');
    }
    assert.deepEqual(history.list().map((e) => e.tags[0].key), ['k4', 'k3', 'k2']);
  });

  it('keeps every entry of a batch larger than the limit, through its status updates', async () => {
    const history = new RemovalHistory(memoryStore(), 3);
    const [old] = await history.record(scope, [{ resource: secret(), tags: [{ key: 'old', value: 'v' }] }]);
    await history.setStatus([old.id], 'removed');
    const batch = await history.record(scope, Array.from({ length: 5 }, (_, i) => ({ resource: secret(), tags: [{ key: `b${i}`, value: 'v' }] })));
    await history.setStatus(batch.map((e) => e.id), 'removed');
    assert.deepEqual(history.list().map((e) => e.tags[0].key).sort(), ['b0', 'b1', 'b2', 'b3', 'b4']);
  });

  it('never drops an entry still pending (its removal running, or its outcome unknown)', async () => {
    const history = new RemovalHistory(memoryStore(), 2);
    await history.record(scope, [{ resource: secret(), tags: [{ key: 'unknown', value: 'v' }] }]);
    for (let i = 0; i < 3; i++) {
      const [entry] = await history.record(scope, [{ resource: secret(), tags: [{ key: `k${i}`, value: 'v' }] }]);
      await history.setStatus([entry.id], 'removed');
    }
    assert.deepEqual(history.list().map((e) => e.tags[0].key), ['k2', 'unknown']);
  });
});
